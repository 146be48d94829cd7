-- intent: tìm huyện theo tên khổng lồ trong vòng lặp có pcall
-- expect: limit giới hạn
local p = ntm.province("11")
local name = ("Nậm Pồ "):rep(1000000)
for i = 1, 1e9 do pcall(p.district, p, name) end
