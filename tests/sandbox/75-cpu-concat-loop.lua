-- intent: table.concat một mảng lớn trong vòng lặp
-- expect: limit giới hạn
local t = {}
for i = 1, 5e5 do t[i] = 'ab' end
while true do local s = table.concat(t, ',') end
