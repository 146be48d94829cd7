-- intent: phép .. trên chuỗi 8 MB trong vòng lặp: mỗi lệnh chép 16 MB
-- expect: limit giới hạn
local s = ("x"):rep(8000000)
while true do local t = s .. s end
