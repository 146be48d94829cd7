-- intent: truyền bảng cho ntm.province
-- expect: script đối số thứ
-- limits: time=600
ntm.province({})
