-- intent: ghi vào cơ sở dữ liệu qua ntm.sql
-- expect: script chỉ cho phép
-- limits: time=600
ntm.sql("DELETE FROM indicator_value")
