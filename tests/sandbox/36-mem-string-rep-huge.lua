-- intent: string.rep tạo chuỗi 2^31 byte
-- expect: script resulting string too large
local s = string.rep('x', 2^31)
