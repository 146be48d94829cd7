-- intent: truyền kiểu sai cho ntm.finding
-- expect: script unit
ntm.finding{unit = 42, rule = 'r', message = 'm'}
