-- intent: tham số SQL kiểu bảng
-- expect: script đối số thứ
-- limits: time=600
ntm.sql('SELECT ?', {})
