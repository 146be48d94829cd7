-- intent: LIKE '%aaaa…b' với mẫu 20 000 ký tự trên chuỗi 1 MB: một lần gọi hàm SQL làm 2·10^10 phép so sánh
-- expect: limit giới hạn
ntm.sql("SELECT ? LIKE ? AS m", ("a"):rep(1000000), "%" .. ("a"):rep(20000) .. "b")
