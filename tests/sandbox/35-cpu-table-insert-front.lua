-- intent: chèn vào đầu mảng rất lớn
-- expect: limit giới hạn
local t = {}
for i = 1, 2e5 do t[i] = i end
while true do table.insert(t, 1, 0) table.remove(t, 1) end
