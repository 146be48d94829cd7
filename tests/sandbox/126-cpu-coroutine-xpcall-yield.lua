-- intent: xpcall nhường (yield) trong coroutine như Lua thật; vòng lặp vô hạn trong đó vẫn bị dừng
-- expect: limit giới hạn
local co = coroutine.wrap(function()
  xpcall(function() while true do coroutine.yield() end end, function(e) return e end)
end)
while true do co() end
