-- intent: nạp thư viện C qua package.loadlib
-- expect: script global 'package'
package.loadlib('libc.so.6', 'system')
