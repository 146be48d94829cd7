-- intent: vòng lặp trong coroutine
-- expect: limit giới hạn
local co = coroutine.wrap(function() while true do end end)
co()
