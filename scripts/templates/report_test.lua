-- Kiểm thử cho reports/{{NAME}}.lua. Chạy: ntm test scripts/tests
-- Trả về "OK" khi đạt; assert(...) khi sai.

local doc = test.run("reports/{{NAME}}.lua", { province = "Điện Biên", year = 2020 })
assert(type(doc) == "userdata", "script phải trả về tài liệu ntm.report.document")

-- Số liệu mẫu Điện Biên 2020: 21/115 xã đạt chuẩn, bình quân 11,75 tiêu chí/xã.
local xa = ntm.province("dien bien"):communes{ year = 2020 }
local dat = xa:filter(function(x) return x:count_met() == 19 end)
assert(dat:count() == 21, "mong đợi 21 xã đạt chuẩn, có " .. dat:count())

return "OK"
