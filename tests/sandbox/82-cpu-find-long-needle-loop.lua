-- intent: tìm chuỗi thường (plain) với kim dài trên chuỗi dài, lặp lại
-- expect: limit giới hạn
local s = ("a"):rep(8000000)
local needle = ("a"):rep(4000000) .. "b"
for i = 1, 1e9 do s:find(needle, 1, true) end
