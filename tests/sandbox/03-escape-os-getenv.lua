-- intent: đọc biến môi trường
-- expect: script global 'os'
return os.getenv('HOME')
