-- intent: nạp thư viện C qua package.loadlib
-- expect: script biến toàn cục 'package'
-- limits: time=600
package.loadlib('libc.so.6', 'system')
