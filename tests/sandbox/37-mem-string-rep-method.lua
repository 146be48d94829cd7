-- intent: s:rep qua metatable của chuỗi
-- expect: script resulting string too large
local s = ('x'):rep(2^31)
