-- intent: đọc biến môi trường
-- expect: script global 'os'
-- limits: time=30
return os.getenv('HOME')
