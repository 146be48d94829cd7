-- intent: truyền bảng cho ntm.province
-- expect: script bad argument
-- limits: time=30
ntm.province({})
