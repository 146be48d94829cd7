-- intent: thay hàm của bảng con ntm.report
-- expect: script chỉ đọc
-- limits: time=600
ntm.report.document = function() end
