-- intent: tham số SQL kiểu bảng
-- expect: script bad argument
-- limits: time=30
ntm.sql('SELECT ?', {})
