-- intent: table.sort một mảng rất lớn với phép so sánh mặc định (không chạy lệnh Lua nào)
-- expect: limit giới hạn
local t = {}
for i = 1, 2e6 do t[i] = (i * 7919) % 1000003 end
while true do table.sort(t) table.sort(t, function(a, b) return a > b end) end
