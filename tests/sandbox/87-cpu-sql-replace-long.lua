-- intent: replace của SQL với chuỗi tìm dài trên chuỗi dài, lặp lại
-- expect: limit giới hạn
local x = ("a"):rep(4000000)
local y = ("a"):rep(2000000) .. "b"
for i = 1, 1e9 do ntm.sql("SELECT length(replace(?, ?, 'z')) AS n", x, y) end
