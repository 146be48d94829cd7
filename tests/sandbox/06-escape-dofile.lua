-- intent: chạy tệp bằng dofile
-- expect: script global 'dofile'
-- limits: time=30
dofile('/etc/passwd')
