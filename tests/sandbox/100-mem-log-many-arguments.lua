-- intent: ntm.log với 200 đối số 1 MB
-- expect: limit in ra
-- limits: time=600
local s = ("x"):rep(1000000)
local args = {}
for i = 1, 200 do args[i] = s end
ntm.log(table.unpack(args))
