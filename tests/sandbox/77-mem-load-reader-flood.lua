-- intent: hàm đọc của load trả mãi một chuỗi lớn: mã nguồn gom ngoài bộ nhớ Lua
-- expect: limit giới hạn
local piece = string.rep('-- x\n', 2e5)
load(function() return piece end)
