-- intent: lấy registry qua debug
-- expect: script biến toàn cục 'debug'
-- limits: time=600
local r = debug.getregistry()
