-- intent: tonumber trên chuỗi 16 MB khoảng trắng trong vòng lặp chặt
-- expect: limit giới hạn thời gian
local s = (" "):rep(16000000)
for i = 1, 1e9 do tonumber(s) end
