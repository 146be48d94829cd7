-- intent: giả mạo đối tượng host bằng bảng
-- expect: script ntm.Province expected
-- limits: time=600
local p = ntm.province('11')
p.districts({})
