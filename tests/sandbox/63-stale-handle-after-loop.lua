-- intent: giữ đối tượng xã sau vòng lặp và dùng lại
-- expect: ok 
-- limits: time=600
local kept
for x in ntm.province('11'):communes{year = 2020} do kept = x end
assert(kept:count_met() >= 0 and kept.name ~= '')
