-- intent: truyền kiểu sai cho ntm.finding
-- expect: script unit
-- limits: time=600
ntm.finding{unit = 42, rule = 'r', message = 'm'}
