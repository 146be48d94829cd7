-- intent: string.rep vượt bộ nhớ còn lại bên trong pcall: lỗi bắt được, như Lua thật; script chạy tiếp
-- expect: ok
-- limits: time=600
local ok, message = pcall(string.rep, "x", 1 << 28)
assert(not ok and message:find("bộ nhớ"), message)
local ok2, message2 = pcall(table.unpack, {}, 1, 1 << 31)
assert(not ok2 and message2:find("too many results"), message2)
print("tiếp tục")
