-- intent: instr của SQL trên hai chuỗi dài (O(n·m) trong một lần gọi hàm SQL), lặp lại
-- expect: limit giới hạn
local hay = ("a"):rep(4000000)
local needle = ("a"):rep(2000000) .. "b"
for i = 1, 1e9 do ntm.sql("SELECT instr(?, ?) AS p", hay, needle) end
