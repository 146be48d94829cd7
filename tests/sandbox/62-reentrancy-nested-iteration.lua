-- intent: lặp lồng nhau trên cùng một danh sách xã
-- expect: ok 
-- limits: time=600
local list = ntm.province('11'):communes{year = 2020}
local pairs_seen = 0
for a in list do for b in list do pairs_seen = pairs_seen + 1 end end
assert(pairs_seen == 115 * 115, pairs_seen)
