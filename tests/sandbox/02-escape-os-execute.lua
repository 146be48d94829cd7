-- intent: chạy lệnh hệ điều hành
-- expect: script global 'os'
os.execute('id')
