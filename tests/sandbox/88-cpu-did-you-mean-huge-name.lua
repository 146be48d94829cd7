-- intent: tìm tỉnh theo một tên dài 8 MB: phần gợi ý "có phải" từng chạy rất lâu
-- expect: script không tìm thấy tỉnh
-- limits: time=600
ntm.province(("xy"):rep(4000000))
