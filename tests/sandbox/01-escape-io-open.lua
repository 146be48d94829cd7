-- intent: đọc tệp hệ thống qua io.open
-- expect: script biến toàn cục 'io'
-- limits: time=30
io.open('/etc/passwd')
