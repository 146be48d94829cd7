-- intent: vòng lặp trong hàm so sánh của table.sort
-- expect: limit giới hạn
local t = {3, 1, 2}
table.sort(t, function(a, b) while true do end end)
