-- intent: đọc tệp khác qua ATTACH trong ntm.sql
-- expect: script chỉ cho phép câu truy vấn đọc
-- limits: time=600
ntm.sql("ATTACH DATABASE '/tmp/other.db' AS x")
