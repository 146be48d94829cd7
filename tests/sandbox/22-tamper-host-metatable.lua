-- intent: đọc và sửa metatable của đối tượng host
-- expect: script
-- limits: time=600
local mt = getmetatable(ntm.province('11'))
mt.__index = {}
