-- intent: string.rep tạo chuỗi 2^31 byte
-- expect: limit string.rep
local s = string.rep('x', 2^31)
