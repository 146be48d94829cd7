-- intent: nạp module ngoài bằng require
-- expect: script biến toàn cục 'require'
-- limits: time=600
require('io')
