-- intent: gọi collectgarbage() liên tục với một đống lớn: mỗi lần thu gom toàn bộ
-- expect: limit giới hạn
local keep = {}
for i = 1, 200000 do keep[i] = {i} end
while true do collectgarbage() end
