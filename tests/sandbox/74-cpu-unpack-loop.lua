-- intent: table.unpack một khoảng lớn trong vòng lặp
-- expect: limit giới hạn
local t = {}
for i = 1, 1e5 do t[i] = i end
local n = 0
while true do n = n + select('#', table.unpack(t, 1, #t)) end
