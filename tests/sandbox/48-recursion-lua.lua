-- intent: đệ quy Lua vô hạn
-- expect: script stack overflow
-- limits: time=30
local function f(n) return 1 + f(n + 1) end
f(1)
