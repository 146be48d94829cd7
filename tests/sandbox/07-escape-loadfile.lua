-- intent: nạp tệp bằng loadfile
-- expect: script biến toàn cục 'loadfile'
-- limits: time=600
loadfile('/etc/passwd')
