-- intent: dùng NaN làm khóa bảng
-- expect: script NaN
-- limits: time=600
local t = {}
t[0/0] = 1
