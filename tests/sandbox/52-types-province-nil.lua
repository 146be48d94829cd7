-- intent: truyền nil cho ntm.province
-- expect: script bad argument
ntm.province(nil)
