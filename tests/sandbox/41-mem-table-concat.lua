-- intent: table.concat tạo chuỗi khổng lồ
-- expect: limit 
local t = {}
for i = 1, 1e6 do t[i] = string.rep('y', 100) end
local s = table.concat(t)
local u = s .. s .. s .. s
