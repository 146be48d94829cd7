-- intent: định dạng số cực lớn và cực nhỏ
-- expect: ok 
-- limits: time=600
assert(#ntm.fmt.number(1e308, 10) > 300)
assert(ntm.fmt.number(5e-324, 10) == '0,0000000000')
assert(ntm.fmt.number(0/0) == '')
