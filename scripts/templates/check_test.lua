-- Kiểm thử cho checks/rules/{{NAME}}.lua. Chạy: ntm test scripts/tests
-- `ntm test` chạy tệp này trên CSDL mẫu Điện Biên 2020 (hoặc --db TỆP). Tệp kiểm thử trả về
-- "OK" khi đạt; assert(...) hoặc error(...) khi sai (ntm test in tệp:dòng của lỗi).
-- test.run(script, tham_số) chạy script như `ntm check` và trả về: giá trị script trả về,
-- danh sách phát hiện {unit = mã xã, rule, level, message}.

local _, findings = test.run("checks/rules/{{NAME}}.lua", { province = "Điện Biên", year = 2020, min = 10 })

-- Số liệu mẫu Điện Biên 2020: 40 xã đạt 5–9 tiêu chí, không xã nào dưới 5 → 40 xã dưới 10.
assert(#findings == 40, "mong đợi 40 xã dưới 10 tiêu chí, có " .. #findings)
for _, f in ipairs(findings) do
  assert(f.rule == "{{NAME}}", "mã quy tắc sai: " .. tostring(f.rule))
  assert(f.level == "warning")
end

-- Với min = 0 không có phát hiện nào.
local _, none = test.run("checks/rules/{{NAME}}.lua", { province = "dien bien", year = 2020, min = 0 })
assert(#none == 0, "min = 0 không được có phát hiện")

return "OK"
