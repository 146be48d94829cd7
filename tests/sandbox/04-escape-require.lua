-- intent: nạp module ngoài bằng require
-- expect: script biến toàn cục 'require'
-- limits: time=30
require('io')
