-- intent: đọc tệp hệ thống qua io.open
-- expect: script global 'io'
io.open('/etc/passwd')
