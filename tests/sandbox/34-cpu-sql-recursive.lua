-- intent: truy vấn SQL đệ quy vô hạn
-- expect: limit giới hạn thời gian
ntm.sql('WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r')
