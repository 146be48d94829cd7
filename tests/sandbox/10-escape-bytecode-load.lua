-- intent: nạp mã nhị phân (bytecode) đã chế
-- expect: script bytecode
-- limits: time=600
assert(load(string.char(27, 76, 117, 97, 84, 0) .. string.rep('\0', 64)))
