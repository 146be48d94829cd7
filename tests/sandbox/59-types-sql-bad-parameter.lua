-- intent: tham số SQL kiểu bảng
-- expect: script bad argument
ntm.sql('SELECT ?', {})
