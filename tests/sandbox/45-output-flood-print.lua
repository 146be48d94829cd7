-- intent: in ra vô hạn
-- expect: limit in ra
-- limits: time=600
local line = string.rep('a', 1000)
while true do print(line) end
