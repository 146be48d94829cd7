-- intent: nạp module ngoài bằng require
-- expect: script global 'require'
-- limits: time=30
require('io')
