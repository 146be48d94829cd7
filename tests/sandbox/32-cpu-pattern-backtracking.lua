-- intent: mẫu tìm kiếm quay lui theo cấp số mũ
-- expect: limit giới hạn
local s = string.rep('a', 300)
return s:find(string.rep('a-', 4) .. 'b')
