-- intent: nạp tệp bằng loadfile
-- expect: script biến toàn cục 'loadfile'
-- limits: time=30
loadfile('/etc/passwd')
