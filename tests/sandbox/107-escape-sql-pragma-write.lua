-- intent: tắt query_only bằng PRAGMA
-- expect: script chỉ cho phép
-- limits: time=600
ntm.sql("PRAGMA query_only = 0")
