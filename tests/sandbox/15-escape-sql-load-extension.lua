-- intent: nạp extension SQLite
-- expect: script chỉ cho phép câu truy vấn đọc
ntm.sql("SELECT load_extension('/tmp/x.so')")
