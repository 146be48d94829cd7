-- intent: nạp module ngoài bằng require
-- expect: script global 'require'
require('io')
