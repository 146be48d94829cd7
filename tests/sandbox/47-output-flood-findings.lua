-- intent: đăng ký phát hiện vô hạn
-- expect: script 100.000
-- limits: time=600 instructions=1000000000
for i = 1, 1e9 do ntm.finding{rule = 'x', message = 'y'} end
