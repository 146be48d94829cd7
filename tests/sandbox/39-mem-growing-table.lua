-- intent: bảng lớn dần vô hạn
-- expect: limit bộ nhớ
-- limits: time=600
local t = {}
local i = 0
while true do i = i + 1 t[i] = {i} end
