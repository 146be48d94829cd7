-- intent: lấy registry qua debug
-- expect: script global 'debug'
-- limits: time=30
local r = debug.getregistry()
