-- intent: dùng rawset để ghi vào thư viện chung
-- expect: script chỉ đọc
-- limits: time=30
rawset(string, 'format', print)
