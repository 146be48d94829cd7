-- intent: thay hàm của bảng con ntm.report
-- expect: script chỉ đọc
ntm.report.document = function() end
