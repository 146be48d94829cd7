-- intent: string.rep tạo chuỗi 2^31 byte
-- expect: script resulting string too large
-- limits: time=600
local s = string.rep('x', 2^31)
