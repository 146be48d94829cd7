-- intent: nạp bytecode qua hàm đọc từng mảnh
-- expect: script bytecode
-- limits: time=600
local parts = {string.char(27), 'LuaT'}
local i = 0
assert(load(function() i = i + 1 return parts[i] end))
