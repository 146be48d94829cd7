-- intent: gọi các hàm table đã bọc với đối số sai kiểu: lỗi rõ ràng, đúng tên hàm
-- expect: script đối số thứ 1 của 'sort' sai: cần table, nhận string
-- limits: time=600
assert(not pcall(table.insert, nil, 1))
assert(not pcall(table.concat, 42))
local ok, message = pcall(table.remove, 'x')
assert(message:find("table.remove", 1, true), message)
table.sort('abc')
