-- intent: đọc biến môi trường
-- expect: script biến toàn cục 'os'
-- limits: time=30
return os.getenv('HOME')
