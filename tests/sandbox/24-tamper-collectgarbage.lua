-- intent: tắt bộ thu gom rác
-- expect: script collectgarbage
collectgarbage('stop')
local t = {} for i = 1, 1e7 do t[i] = {} end
