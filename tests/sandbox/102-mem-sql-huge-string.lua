-- intent: SQL ghép chuỗi vượt giới hạn độ dài giá trị
-- expect: script
-- limits: time=600
-- Few, large pieces: past half the cap SQLite grows the string by each piece, and where realloc
-- copies (under AddressSanitizer) 100,000 pieces of 2 KB took longer than the clock.
ntm.sql("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r LIMIT 20) SELECT group_concat(hex(zeroblob(5000000))) AS s FROM r")
