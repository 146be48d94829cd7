-- intent: sửa metatable của chuỗi
-- expect: script
getmetatable('').__index = {}
