-- intent: thay hàm của bảng con ntm.report
-- expect: script chỉ đọc
-- limits: time=30
ntm.report.document = function() end
