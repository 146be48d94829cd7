-- intent: thay string.format cho đoạn mã sau
-- expect: script chỉ đọc
string.format = function() return 'giả' end
