-- intent: string.format ghép chuỗi lớn trong vòng lặp
-- expect: limit giới hạn
local s = ("x"):rep(8000000)
while true do local t = string.format("%s%s", s, s) end
