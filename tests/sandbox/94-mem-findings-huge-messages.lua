-- intent: các phát hiện mang thông điệp 1 MB: bản sao trong chương trình vượt giới hạn bộ nhớ
-- expect: limit bộ nhớ
-- limits: time=600
local m = ("x"):rep(1000000)
for i = 1, 100000 do ntm.finding{rule = "r", message = m .. i} end
