-- intent: fts3_tokenizer trả về con trỏ gốc và cho gọi địa chỉ tùy ý
-- expect: script chỉ cho phép
-- limits: time=600
ntm.sql("SELECT fts3_tokenizer('simple') AS p")
