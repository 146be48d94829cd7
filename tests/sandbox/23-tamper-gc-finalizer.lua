-- intent: đặt __gc để chạy mã ngoài giới hạn
-- expect: script __gc
-- limits: time=600
setmetatable({}, {__gc = function() while true do end end})
