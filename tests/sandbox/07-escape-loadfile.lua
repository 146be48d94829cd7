-- intent: nạp tệp bằng loadfile
-- expect: script global 'loadfile'
-- limits: time=30
loadfile('/etc/passwd')
