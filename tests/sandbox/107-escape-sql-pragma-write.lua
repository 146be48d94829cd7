-- intent: tắt query_only bằng PRAGMA
-- expect: script chỉ cho phép
ntm.sql("PRAGMA query_only = 0")
