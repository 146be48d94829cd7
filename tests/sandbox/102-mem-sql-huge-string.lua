-- intent: SQL ghép chuỗi vượt giới hạn độ dài giá trị
-- expect: script
-- limits: time=600
ntm.sql("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r LIMIT 100000) SELECT group_concat(hex(zeroblob(1000))) AS s FROM r")
