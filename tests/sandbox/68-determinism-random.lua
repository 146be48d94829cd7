-- intent: math.random cho cùng kết quả mỗi lần chạy
-- expect: ok 
-- limits: time=600
local a = math.random(1, 1000000)
print(a)
