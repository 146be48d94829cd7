-- intent: chạy lệnh hệ điều hành
-- expect: script biến toàn cục 'os'
-- limits: time=600
os.execute('id')
