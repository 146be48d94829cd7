-- intent: chạy tệp bằng dofile
-- expect: script global 'dofile'
dofile('/etc/passwd')
