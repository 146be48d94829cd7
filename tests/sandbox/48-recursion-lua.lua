-- intent: đệ quy Lua vô hạn
-- expect: script tràn ngăn xếp
-- limits: time=600
local function f(n) return 1 + f(n + 1) end
f(1)
