-- intent: gọi phương thức của tỉnh với đối tượng khác
-- expect: script ntm.Province expected
-- limits: time=600
local p = ntm.province('11')
p.districts(42)
