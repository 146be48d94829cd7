-- intent: truyền bảng cho ntm.province
-- expect: script đối số thứ
-- limits: time=30
ntm.province({})
