-- intent: bắt lỗi giới hạn bằng pcall để chạy tiếp
-- expect: limit giới hạn
while true do pcall(function() while true do end end) end
