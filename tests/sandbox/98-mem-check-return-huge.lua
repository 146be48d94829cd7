-- intent: script rà soát trả về bảng 5 triệu phần tử trỏ cùng chuỗi 1 MB: bản JSON trong chương trình
-- expect: limit bộ nhớ
-- limits: time=600
-- command: check {script} --province 11 --year 2020 --no-rules
local s = ("x"):rep(1000000)
local results = {}
for i = 1, 5000000 do results[i] = s end
return {province = "Điện Biên", year = 2020, results = results}
