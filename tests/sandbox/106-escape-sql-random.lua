-- intent: hàm SQL ngẫu nhiên (kết quả không lặp lại được) và hàm ngoài danh sách cho phép
-- expect: script chỉ cho phép
-- limits: time=600
ntm.sql("SELECT randomblob(16) AS r")
