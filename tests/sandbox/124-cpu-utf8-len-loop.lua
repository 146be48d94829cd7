-- intent: utf8.len trên chuỗi 16 MB trong vòng lặp chặt: mỗi lần gọi là một hàm dựng sẵn chạy tuyến tính; tiến trình con bị buộc dừng nếu bộ đếm không kịp dừng
-- expect: limit giới hạn thời gian
local s = ("x"):rep(16000000)
local len = utf8.len
for i = 1, 1e9 do len(s) end
