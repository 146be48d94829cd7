-- intent: nạp lặp lại một đoạn mã lớn: phân tích cú pháp không chạy lệnh Lua nào
-- expect: limit giới hạn
local src = string.rep('local a = 1\n', 1e6)
while true do load(src) end
