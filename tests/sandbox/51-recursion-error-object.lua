-- intent: đối tượng lỗi có __tostring chạy vô hạn
-- expect: script (table)
-- limits: time=600
error(setmetatable({}, {__tostring = function() while true do end end}))
