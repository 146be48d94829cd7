-- intent: lấy bytecode bằng string.dump
-- expect: script field 'dump'
-- limits: time=30
local s = string.dump(function() end)
