-- intent: nạp bytecode qua hàm đọc từng mảnh
-- expect: script bytecode
local parts = {string.char(27), 'LuaT'}
local i = 0
assert(load(function() i = i + 1 return parts[i] end))
