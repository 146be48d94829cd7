-- intent: cách làm tròn không tồn tại
-- expect: script không hợp lệ
-- limits: time=600
ntm.fmt.number(1.5, {decimals = 1, mode = 'random'})
