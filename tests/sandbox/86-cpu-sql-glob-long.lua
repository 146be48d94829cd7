-- intent: GLOB '*aaaa…b' với mẫu 20 000 ký tự trên chuỗi 1 MB
-- expect: limit giới hạn
ntm.sql("SELECT ? GLOB ? AS m", ("a"):rep(1000000), "*" .. ("a"):rep(20000) .. "b")
