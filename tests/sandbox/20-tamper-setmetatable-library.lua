-- intent: đặt metatable mới cho thư viện
-- expect: script metatable
-- limits: time=600
setmetatable(math, {})
