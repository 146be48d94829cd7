-- intent: chạy tệp bằng dofile
-- expect: script biến toàn cục 'dofile'
-- limits: time=600
dofile('/etc/passwd')
