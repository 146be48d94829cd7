-- intent: đối tượng lỗi có __tostring chạy vô hạn
-- expect: script (table)
error(setmetatable({}, {__tostring = function() while true do end end}))
