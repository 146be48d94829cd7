-- intent: xóa hàm của module ntm
-- expect: script chỉ đọc
-- limits: time=30
ntm.province = nil
