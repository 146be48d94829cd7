-- intent: nạp extension SQLite
-- expect: script chỉ cho phép câu truy vấn đọc
-- limits: time=600
ntm.sql("SELECT load_extension('/tmp/x.so')")
