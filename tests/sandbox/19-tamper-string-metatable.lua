-- intent: sửa metatable của chuỗi
-- expect: script
-- limits: time=30
getmetatable('').__index = {}
