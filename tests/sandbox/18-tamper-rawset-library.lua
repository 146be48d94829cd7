-- intent: dùng rawset để ghi vào thư viện chung
-- expect: script chỉ đọc
-- limits: time=600
rawset(string, 'format', print)
