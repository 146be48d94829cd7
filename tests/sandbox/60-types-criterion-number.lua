-- intent: tiêu chí không tồn tại
-- expect: script không có tiêu chí
-- limits: time=600
local x = ntm.province('11'):communes{year = 2020}[1]
x:met(99)
