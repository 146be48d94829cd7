-- intent: cách làm tròn không tồn tại
-- expect: script không hợp lệ
ntm.fmt.number(1.5, {decimals = 1, mode = 'random'})
