-- {{NAME}}: phân bổ vốn (viết một dòng nói công thức theo nghị quyết nào).
-- Ví dụ mẫu: chia `total` triệu đồng cho các xã chưa đạt chuẩn, theo số tiêu chí còn thiếu.
-- Chạy:     ntm allocate {{NAME}} --province "Điện Biên" --year 2020 --total 460300
-- Kiểm thử: ntm test scripts/tests        (tệp scripts/tests/{{NAME}}_test.lua)
-- Tài liệu API: ntm doc allocate

local p = ntm.params{
  province = { required = true, help = "Tỉnh (tên không cần dấu, hoặc mã)" },
  year     = { type = "integer", required = true, help = "Năm đánh giá tiêu chí" },
  total    = { type = "integer", required = true, help = "Tổng vốn (triệu đồng)" },
  step     = { type = "integer", default = 1, help = "Làm tròn đến bội số của (triệu đồng)" },
  floor    = { type = "integer", help = "Mức tối thiểu mỗi xã (triệu đồng)" },
}

local SO_TIEU_CHI = 19

-- Các xã được chia: chưa đủ 19 tiêu chí.
local xa = ntm.province(p.province):communes{ year = p.year }
  :filter(function(x) return x:count_met() < SO_TIEU_CHI end)

-- ntm.allocate chia theo trọng số, làm tròn theo `step` mà tổng vẫn đúng bằng `total`,
-- và ghi lời giải thích cho từng xã.
return ntm.allocate{
  total = p.total,
  among = xa,
  step = p.step,
  floor = p.floor,
  -- Trọng số của một xã: số tiêu chí còn thiếu. Nhóm (group) hiện trong phần giải thích.
  weight = function(x)
    local thieu = SO_TIEU_CHI - x:count_met()
    return thieu, { group = "Còn thiếu " .. thieu .. " tiêu chí" }
  end,
}
