-- intent: tắt bộ thu gom rác rồi cấp phát mãi: bộ nhớ vẫn bị giới hạn
-- expect: limit bộ nhớ
-- limits: time=600
collectgarbage('stop')
local t = {} for i = 1, 1e7 do t[i] = {} end
