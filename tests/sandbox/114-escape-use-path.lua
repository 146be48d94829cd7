-- intent: ntm.use với đường dẫn tuyệt đối hoặc đi lên thư mục cha
-- expect: script không có thư viện
-- limits: time=600
assert(not pcall(ntm.use, "/etc/passwd"))
assert(not pcall(ntm.use, "../../../../etc/hosts"))
ntm.use("lib/review")
