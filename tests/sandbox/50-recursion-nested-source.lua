-- intent: mã nguồn lồng nhau rất sâu
-- expect: script
-- limits: time=600
assert(load('return ' .. string.rep('(', 1e5) .. '1' .. string.rep(')', 1e5)))
