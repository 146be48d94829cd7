-- intent: ghi vào cơ sở dữ liệu qua ntm.sql
-- expect: script chỉ cho phép
ntm.sql("DELETE FROM indicator_value")
