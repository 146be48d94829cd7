-- intent: gsub với mẫu quay lui trên chuỗi dài
-- expect: limit mẫu tìm kiếm
local s = string.rep('ab', 5000)
return s:gsub('(.-)(.-)(.-)c', '')
