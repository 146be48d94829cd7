-- intent: load không env để lấy bảng toàn cục thật
-- expect: script sandbox
-- limits: time=600
local g = load('return io')()
if g == nil then error('sandbox giữ nguyên: io vẫn nil') end
