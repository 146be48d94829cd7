-- Phân bổ theo nhu cầu: xã còn thiếu nhiều tiêu chí được chia nhiều vốn hơn.
-- Trọng số của mỗi xã = 19 − số tiêu chí đã đạt (tức số tiêu chí còn thiếu); mặc định chỉ
-- chia cho các xã chưa đạt chuẩn (chưa đủ 19 tiêu chí) trong năm đánh giá.
-- 
-- Ví dụ: ntm allocate theo-nhu-cau --province "Điện Biên" --year 2020 --total 460.300
--        ntm allocate theo-nhu-cau --province "Điện Biên" --year 2020 --total 460300 --floor 2000 --step 10
local p = ntm.params{
  province = { required = true, help = "Tỉnh (tên, không cần dấu, hoặc mã)" },
  year = { type = "integer", required = true, help = "Năm đánh giá tiêu chí" },
  total = { type = "integer", required = true, help = "Tổng vốn cần phân bổ (triệu đồng)" },
  step = { type = "integer", default = 1, help = "Làm tròn đến bội số của (triệu đồng), ví dụ 1 hoặc 10" },
  floor = { type = "integer", help = "Mức tối thiểu mỗi xã (triệu đồng)" },
  cap = { type = "integer", help = "Mức tối đa mỗi xã (triệu đồng)" },
  reserve = { type = "number", default = 0, help = "Tỷ lệ dự phòng trích trước, từ 0 đến 1 (ví dụ 0,1 = 10%)" },
  all = { type = "boolean", default = false, help = "Chia cho cả xã đã đạt chuẩn (trọng số của xã đủ 19 tiêu chí là 0)" },
  by_district = { type = "boolean", default = false, help = "Chia hai cấp: tỉnh → huyện → xã" },
}

local SO_TIEU_CHI = 19   -- Bộ tiêu chí quốc gia về xã nông thôn mới (QĐ 1980/QĐ-TTg): 19 tiêu chí

local tinh = ntm.province(p.province)
local xa = tinh:communes{ year = p.year }
if not p.all then
  xa = xa:filter(function(x) return x:count_met() < SO_TIEU_CHI end)
end

local set_asides = {}
if p.reserve > 0 then
  set_asides[1] = { name = "Dự phòng", share = p.reserve }
end

return ntm.allocate{
  total = p.total,
  among = xa,
  step = p.step,
  floor = p.floor,
  cap = p.cap,
  set_asides = set_asides,
  by_district = p.by_district,
  -- Trọng số = số tiêu chí còn thiếu; nhóm ghi rõ trong phần giải thích của từng xã.
  weight = function(x)
    local thieu = SO_TIEU_CHI - x:count_met()
    return thieu, { group = "Còn thiếu " .. thieu .. " tiêu chí" }
  end,
}
