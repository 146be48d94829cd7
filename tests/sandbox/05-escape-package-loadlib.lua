-- intent: nạp thư viện C qua package.loadlib
-- expect: script global 'package'
-- limits: time=30
package.loadlib('libc.so.6', 'system')
