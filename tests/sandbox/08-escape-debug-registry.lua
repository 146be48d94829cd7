-- intent: lấy registry qua debug
-- expect: script global 'debug'
local r = debug.getregistry()
