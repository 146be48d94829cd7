-- intent: thay string.format cho đoạn mã sau
-- expect: script chỉ đọc
-- limits: time=30
string.format = function() return 'giả' end
