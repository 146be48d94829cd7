-- intent: s:rep qua metatable của chuỗi
-- expect: limit string.rep
local s = ('x'):rep(2^31)
