-- intent: số nguyên khổng lồ làm tham số binding
-- expect: script
ntm.province('11'):communes{year = math.maxinteger}
