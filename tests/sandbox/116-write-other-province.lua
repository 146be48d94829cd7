-- intent: ntm check --save --write cho tỉnh Điện Biên nhưng script trả kết quả của xã tỉnh khác
-- expect: script không phải xã của tỉnh
-- limits: time=600
-- command: check {script} --province 11 --year 2020 --no-rules --save --write
return {province = "Điện Biên", year = 2020, criteria_set = "1980-xa",
        results = {{code = "00001", met = {1, 2, 3}}}}
