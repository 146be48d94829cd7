-- intent: lấy bytecode bằng string.dump
-- expect: script field 'dump'
local s = string.dump(function() end)
