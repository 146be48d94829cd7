-- intent: nạp mã nguồn khổng lồ
-- expect: limit 
local src = string.rep('local a = 1\n', 4e6)
assert(load(src))
