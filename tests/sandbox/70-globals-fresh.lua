-- intent: biến toàn cục của lần chạy trước không còn
-- expect: ok 
-- limits: time=600
assert(leaked_from_previous_run == nil)
leaked_from_previous_run = true
