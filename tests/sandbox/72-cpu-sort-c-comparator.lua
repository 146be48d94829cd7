-- intent: table.sort với hàm so sánh viết bằng C (math.ult), tránh bộ đếm lệnh
-- expect: limit giới hạn
local t = {}
for i = 1, 2e6 do t[i] = (i * 7919) % 1000003 end
while true do table.sort(t, math.ult) end
