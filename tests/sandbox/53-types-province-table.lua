-- intent: truyền bảng cho ntm.province
-- expect: script bad argument
ntm.province({})
