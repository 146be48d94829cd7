-- intent: xóa hàm của module ntm
-- expect: script chỉ đọc
ntm.province = nil
