-- intent: next/rawget trên thư viện chỉ đọc trả về giá trị, không trả về bảng thật để sửa
-- expect: script chỉ đọc
-- limits: time=600
local k, v = next(table)
assert(k ~= nil and v ~= nil)
assert(rawget(string, "rep") == string.rep)
rawset(table, "insert", print)
