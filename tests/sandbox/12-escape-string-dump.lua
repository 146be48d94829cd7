-- intent: lấy bytecode bằng string.dump
-- expect: script trường 'dump'
-- limits: time=600
local s = string.dump(function() end)
