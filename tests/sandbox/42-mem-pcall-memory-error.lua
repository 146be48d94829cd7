-- intent: bắt lỗi hết bộ nhớ bằng pcall để chạy tiếp
-- expect: limit 
local keep = {}
while true do pcall(function() keep[#keep + 1] = string.rep('z', 1e6) .. #keep end) end
