-- intent: math.mininteger // -1 và các phép tính biên
-- expect: ok 
-- limits: time=600
assert(math.mininteger // -1 == math.mininteger)
assert(math.tointeger(2^63) == nil)
assert(not pcall(function() return 1 // 0 end))
