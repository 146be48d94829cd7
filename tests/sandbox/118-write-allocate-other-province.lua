-- intent: ntm allocate --save --write cho Điện Biên nhưng danh sách chia có một xã của Hà Nội
-- expect: script không thuộc tỉnh
-- limits: time=600
-- command: allocate {script} --province 11 --year 2020 --total 1000 --save x --write
local p = ntm.params{province = {required = true}, year = {type = "integer"}, total = {type = "integer"}}
local among = {}
for x in ntm.province(p.province):communes{year = p.year} do among[#among + 1] = {code = x.code, name = x.name, weight = 1} end
among[#among + 1] = {code = "00001", name = "Phúc Xá", weight = 1}   -- Hà Nội
return ntm.allocate{total = p.total, among = among, weight = function(x) return 1 end, step = 1}
