-- intent: ntm run SCRIPT --help với script chạy mẫu tìm kiếm bệnh lý trước ntm.params
-- expect: ok
-- limits: time=600
-- command: run {script} --help
local x = ("a"):rep(100000):find("a*b")
local p = ntm.params{ province = { help = "tỉnh" } }
