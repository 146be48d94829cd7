-- intent: nạp tệp bằng loadfile
-- expect: script global 'loadfile'
loadfile('/etc/passwd')
