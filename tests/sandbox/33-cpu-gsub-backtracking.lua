-- intent: gsub với mẫu quay lui trên chuỗi dài
-- expect: limit giới hạn
local s = string.rep('ab', 5000)
return s:gsub('(.-)(.-)(.-)c', '')
