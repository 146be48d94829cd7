-- intent: đệ quy qua metamethod __index (qua C)
-- expect: script stack overflow
-- limits: time=30
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
return t.x
