-- intent: string.rep vượt bộ nhớ còn lại, không bắt: dừng vì giới hạn bộ nhớ
-- expect: limit không đủ bộ nhớ
-- limits: time=600
local s = string.rep("x", 1 << 28)
