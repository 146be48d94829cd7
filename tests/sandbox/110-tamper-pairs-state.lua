-- intent: lấy bảng thật của thư viện qua giá trị thứ hai của pairs rồi sửa
-- expect: script chỉ đọc
-- limits: time=600
local _, t = pairs(string)
t.format = function() return "giả" end
