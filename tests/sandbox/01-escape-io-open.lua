-- intent: đọc tệp hệ thống qua io.open
-- expect: script biến toàn cục 'io'
-- limits: time=600
io.open('/etc/passwd')
