-- intent: sửa metatable của chuỗi
-- expect: script
-- limits: time=600
getmetatable('').__index = {}
