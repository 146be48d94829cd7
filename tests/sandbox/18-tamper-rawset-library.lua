-- intent: dùng rawset để ghi vào thư viện chung
-- expect: script chỉ đọc
rawset(string, 'format', print)
