-- intent: dùng NaN làm khóa bảng
-- expect: script NaN
local t = {}
t[0/0] = 1
