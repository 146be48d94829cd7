-- intent: string.rep chuỗi rỗng với số lần khổng lồ
-- expect: ok 
-- limits: time=600
local s = string.rep('', 3e9)
assert(s == '')
