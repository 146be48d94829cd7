-- intent: xóa hàm của module ntm
-- expect: script chỉ đọc
-- limits: time=600
ntm.province = nil
