-- intent: đọc tệp hệ thống qua io.open
-- expect: script global 'io'
-- limits: time=30
io.open('/etc/passwd')
