-- intent: ghi log vô hạn
-- expect: limit in ra
-- limits: time=600
local line = string.rep('b', 1000)
while true do ntm.log(line) end
