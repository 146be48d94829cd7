-- intent: print với 200 đối số 1 MB: trước đây ghép cả dòng trong chương trình trước khi kiểm tra
-- expect: limit in ra
-- limits: time=600
local s = ("x"):rep(1000000)
local args = {}
for i = 1, 200 do args[i] = s end
print(table.unpack(args))
