-- intent: thay string.format cho đoạn mã sau
-- expect: script chỉ đọc
-- limits: time=600
string.format = function() return 'giả' end
