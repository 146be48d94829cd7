-- intent: chạy lệnh hệ điều hành
-- expect: script global 'os'
-- limits: time=30
os.execute('id')
