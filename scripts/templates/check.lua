-- {{NAME}}: kiểm tra (viết một dòng nói script này tìm gì; dòng này hiện trong `ntm scripts`).
-- @disabled  Quy tắc CHƯA BẬT: `ntm check` bỏ qua nó. Sửa xong, chạy `ntm test scripts/tests` đạt, rồi xóa dòng này.
-- Ví dụ mẫu: tìm các xã đạt ít hơn `min` tiêu chí trong năm rà soát.
-- Tệp này nằm trong scripts/checks/rules/: `ntm check --province "Điện Biên" --year 2020` chạy nó
-- cùng các quy tắc khác; chạy riêng: ntm run checks/rules/{{NAME}} --province "Điện Biên" --year 2020 --min 10
-- Kiểm thử: ntm test scripts/tests        (tệp scripts/tests/{{NAME}}_test.lua)
-- Tài liệu API: ntm doc   (hoặc mở scripts trong VS Code với Lua language server: .luarc.json)

-- 1. Tham số dòng lệnh (--province, --year, ...). `ntm run {{NAME}} --help` liệt kê chúng.
local p = ntm.params{
  province = { required = true, help = "Tỉnh (tên không cần dấu, hoặc mã)" },
  year     = { type = "integer", required = true, help = "Năm rà soát" },
  district = { help = "Chỉ một huyện (tùy chọn)" },
  tag      = { help = "Chỉ các xã có nhóm này, ví dụ \"Đề án 29 xã biên giới\"" },
  min      = { type = "integer", default = 10, help = "Số tiêu chí tối thiểu" },
}

-- 2. Các xã cần xét: p:communes{} nạp số liệu của năm một lần.
local tinh = ntm.province(p.province)
local xa = tinh:communes{ year = p.year, district = p.district, tag = p.tag }

-- 3. Mỗi điều bất thường là một "phát hiện" (finding): đơn vị, mã quy tắc, mức độ, lời nhắn.
--    level: "error" (phải sửa), "warning" (cần xem), "info".
for x in xa do
  local dat = x:count_met()            -- số tiêu chí đạt (theo chỉ tiêu, hoặc trạng thái đã đánh giá)
  if dat < p.min then
    ntm.finding{
      unit = x,
      rule = "{{NAME}}",
      level = "warning",
      message = string.format("mới đạt %d/19 tiêu chí (dưới %d)", dat, p.min),
    }
  end
end
