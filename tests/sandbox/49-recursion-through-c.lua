-- intent: đệ quy qua metamethod __index (qua C)
-- expect: script tràn ngăn xếp
-- limits: time=600
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
return t.x
