-- intent: dùng xã thay cho tỉnh
-- expect: script ntm.Province expected
-- limits: time=600
local p = ntm.province('11')
local x = p:communes()[1]
p.communes(x)
