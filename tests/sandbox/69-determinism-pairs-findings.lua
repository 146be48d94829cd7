-- intent: kết quả rà soát giống hệt nhau giữa hai lần chạy
-- expect: ok 
-- limits: time=600
local r = ntm.use('review').run{province = '11', year = 2020}
assert(r.communes == 115 and r.bands.standard_19 == 21)
