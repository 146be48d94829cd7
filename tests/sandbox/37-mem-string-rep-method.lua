-- intent: s:rep qua metatable của chuỗi
-- expect: script resulting string too large
-- limits: time=600
local s = ('x'):rep(2^31)
