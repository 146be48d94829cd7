-- intent: table.move chép cả mảng lớn trong vòng lặp: mỗi lần gọi chỉ là một lệnh Lua
-- expect: limit giới hạn
local t = {}
for i = 1, 1e6 do t[i] = i end
while true do table.move(t, 1, #t, 2) end
