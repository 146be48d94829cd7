-- intent: ntm check --save --write năm 2020 nhưng script trả kết quả năm 2019
-- expect: script không phải năm --year
-- limits: time=600
-- command: check {script} --province 11 --year 2020 --no-rules --save --write
local first = ntm.province("11"):communes{year = 2020}[1]
return {province = "Điện Biên", year = 2019, criteria_set = "1980-xa",
        results = {{code = first.code, met = {1}}}}
