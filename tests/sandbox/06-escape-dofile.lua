-- intent: chạy tệp bằng dofile
-- expect: script biến toàn cục 'dofile'
-- limits: time=30
dofile('/etc/passwd')
