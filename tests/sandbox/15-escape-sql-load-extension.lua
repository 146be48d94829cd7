-- intent: nạp extension SQLite
-- expect: script chỉ cho phép câu truy vấn đọc
-- limits: time=30
ntm.sql("SELECT load_extension('/tmp/x.so')")
