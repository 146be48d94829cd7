-- intent: đặt metatable mới cho thư viện
-- expect: script metatable
setmetatable(math, {})
