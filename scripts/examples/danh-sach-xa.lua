-- Danh sách xã của một tỉnh: mã, tên, huyện, số tiêu chí đạt (khi có dữ liệu năm).
-- Ví dụ: ntm run danh-sach-xa --province "Điện Biên" --year 2020
local p = ntm.params{
  province = { type = "string", required = true, help = "Tên hoặc mã tỉnh (không cần dấu)" },
  year     = { type = "integer", help = "Năm; bỏ trống để lấy năm mới nhất có dữ liệu" },
  district = { type = "string", help = "Chỉ lấy một huyện" },
}

local tinh = ntm.province(p.province)
local dem = 0
for x in tinh:communes{ year = p.year, district = p.district } do
  if x.year then
    print(x.code, x.name, x.district, x:count_met())
  else
    print(x.code, x.name, x.district)
  end
  dem = dem + 1
end
ntm.log(string.format("%s: %d xã", tinh.name, dem))
