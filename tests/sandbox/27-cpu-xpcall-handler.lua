-- intent: chạy vòng lặp trong hàm xử lý lỗi của xpcall
-- expect: limit giới hạn
while true do xpcall(function() while true do end end, function() while true do end end) end
