-- intent: đọc biến môi trường
-- expect: script biến toàn cục 'os'
-- limits: time=600
return os.getenv('HOME')
