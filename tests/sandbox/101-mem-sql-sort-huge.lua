-- intent: truy vấn đệ quy sinh dữ liệu rồi sắp xếp: bộ sắp xếp của SQLite lớn mãi (từng ra 3 GB tệp tạm)
-- expect: limit giới hạn
ntm.sql([[WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r)
          SELECT i, hex(zeroblob(500)) AS pad FROM r ORDER BY -i LIMIT 1]])
