-- intent: chạy lệnh hệ điều hành
-- expect: script biến toàn cục 'os'
-- limits: time=30
os.execute('id')
