-- intent: mẫu có rất nhiều mục tùy chọn ? khớp theo cấp số mũ
-- expect: limit giới hạn
local n = 60
return ("a"):rep(n):match(("a?"):rep(n) .. ("a"):rep(n) .. "b")
