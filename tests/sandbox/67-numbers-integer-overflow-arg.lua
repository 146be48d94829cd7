-- intent: số nguyên khổng lồ làm tham số binding
-- expect: script
-- limits: time=600
ntm.province('11'):communes{year = math.maxinteger}
