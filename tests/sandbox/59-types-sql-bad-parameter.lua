-- intent: tham số SQL kiểu bảng
-- expect: script đối số thứ
-- limits: time=30
ntm.sql('SELECT ?', {})
