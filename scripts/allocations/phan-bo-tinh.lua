-- Phân bổ vốn ngân sách trung ương cho các tỉnh (cấp trung ương, cả nước): trọng số của một
-- tỉnh là tổng hệ số các xã của tỉnh theo số tiêu chí đã đạt, trừ các xã đặc biệt khó khăn.
--
-- Ví dụ: ntm allocate phan-bo-tinh --year 2021 --total 10.000.000
--        ntm allocate phan-bo-tinh --year 2021 --total 500.000 --provinces "Điện Biên, Bắc Giang"
--
-- Hệ số theo Quyết định 07/2022/QĐ-TTg (25/3/2022, hiệu lực 10/5/2022), căn cứ số xã tính đến
-- hết năm 2021, trừ các xã đặc biệt khó khăn:
--   * xã đạt dưới 15 tiêu chí, xã an toàn khu (ATK) chưa đạt chuẩn: hệ số 5,0;
--   * xã đạt từ 15 đến 18 tiêu chí: hệ số 3,0;
--   * xã đã được công nhận đạt chuẩn nông thôn mới: hệ số 1,0.
-- Nguồn: bản tin tóm tắt văn bản của thuvienphapluat.vn (thông báo văn bản mới số 40041); chưa
-- đối chiếu với toàn văn quyết định. Các hệ số khác của 07/2022 (theo huyện, tỉnh ưu tiên, vốn
-- vay) chưa tìm được, không có trong công thức này.
-- Với năm ngoài giai đoạn 2021–2025, các hệ số trên vẫn được dùng và điều đó được ghi trong mọi
-- đầu ra: hệ số của 12/2017/QĐ-TTg (2016–2020) và của giai đoạn 2026–2030 chưa đối chiếu được.
--
-- Xã chưa có số liệu năm đó không xếp được vào nhóm: không tính, và được nói ra (số xã mỗi tỉnh).

local p = ntm.params{
  year = { type = "integer", required = true, help = "Năm xếp nhóm xã (07/2022: hết năm 2021)" },
  total = { type = "integer", required = true, help = "Tổng vốn ngân sách trung ương cần phân bổ (triệu đồng)" },
  provinces = { help = "Danh sách tỉnh, cách nhau bởi dấu phẩy (mặc định: mọi tỉnh của bản đồ năm đó)" },
  step = { type = "integer", default = 1, help = "Làm tròn đến bội số của (triệu đồng)" },
  reserve = { type = "number", default = 0, help = "Tỷ lệ dự phòng trích trước, từ 0 đến 1" },
}

local NGUON = "QĐ 07/2022/QĐ-TTg (chưa đối chiếu toàn văn)"
local HE_SO = { duoi_15 = 5.0, tu_15 = 3.0, dat_chuan = 1.0 }

if p.year < 2021 or p.year > 2025 then
  ntm.log(string.format("Cảnh báo: năm %d ngoài giai đoạn 2021–2025 của QĐ 07/2022/QĐ-TTg; vẫn dùng hệ số của "
    .. "quyết định này vì hệ số của giai đoạn năm %d chưa đối chiếu được.", p.year, p.year))
end

-- Các tỉnh: danh sách --provinces, hoặc mọi tỉnh của bản đồ 31/12 năm xếp nhóm.
local tinh_list = {}
if p.provinces then
  for name in p.provinces:gmatch("[^,]+") do
    tinh_list[#tinh_list + 1] = ntm.province(name:match("^%s*(.-)%s*$"), { year = p.year })
  end
else
  tinh_list = ntm.provinces{ year = p.year }
end

local review = ntm.use("review")

-- Nhóm của một xã theo 07/2022, hoặc nil khi xã không tính (đặc biệt khó khăn, chưa có số liệu).
local function nhom(x)
  if x.extremely_difficult or not x:has_data() then return nil end
  local all = #review.set_of(x).criteria
  if x:recognised("standard") or x:count_met() >= all then return "dat_chuan" end
  if x.classes.atk == "1" or x:count_met() < 15 then return "duoi_15" end
  return "tu_15"
end

local recipients, khong_so_lieu, tinh_khong_so_lieu = {}, 0, {}
for _, tinh in ipairs(tinh_list) do
  -- A province without any data that year cannot be weighed: it gets nothing, and says so.
  local ok, list = pcall(tinh.communes, tinh, { year = p.year })
  if not ok then
    tinh_khong_so_lieu[#tinh_khong_so_lieu + 1] = tinh.name
    recipients[#recipients + 1] = { code = tinh.code, name = tinh.name, weight = 0,
      group = string.format("chưa có số liệu năm %d: không tính", p.year) }
  else
    local dem = { duoi_15 = 0, tu_15 = 0, dat_chuan = 0, dbkk = 0, chua_co = 0 }
    for x in list do
      local n = nhom(x)
      if n then dem[n] = dem[n] + 1
      elseif x.extremely_difficult then dem.dbkk = dem.dbkk + 1
      else dem.chua_co = dem.chua_co + 1 end
    end
    khong_so_lieu = khong_so_lieu + dem.chua_co
    local weight = dem.duoi_15 * HE_SO.duoi_15 + dem.tu_15 * HE_SO.tu_15 + dem.dat_chuan * HE_SO.dat_chuan
    local label = string.format("%d xã <15 TC/ATK × 5; %d xã 15–18 TC × 3; %d xã đạt chuẩn × 1; không tính: %d xã ĐBKK%s",
      dem.duoi_15, dem.tu_15, dem.dat_chuan, dem.dbkk,
      dem.chua_co > 0 and string.format(", %d xã chưa có số liệu năm %d", dem.chua_co, p.year) or "")
    recipients[#recipients + 1] = { code = tinh.code, name = tinh.name, weight = weight, group = label }
  end
end
if #tinh_khong_so_lieu == #recipients then
  error(string.format("không tỉnh nào có số liệu năm %d để xếp nhóm xã", p.year), 0)
end
if #tinh_khong_so_lieu > 0 then
  ntm.log(string.format("Cảnh báo: %d tỉnh chưa có số liệu năm %d, không được phân bổ: %s", #tinh_khong_so_lieu, p.year,
    table.concat(tinh_khong_so_lieu, ", ")))
end
if khong_so_lieu > 0 then
  ntm.log(string.format("Cảnh báo: %d xã chưa có số liệu năm %d không được xếp nhóm, không tính vào trọng số tỉnh.",
    khong_so_lieu, p.year))
end
ntm.log("Hệ số: " .. NGUON)

local set_asides = {}
if p.reserve > 0 then set_asides[1] = { name = "Dự phòng", share = p.reserve } end

return ntm.allocate{
  total = p.total,
  among = recipients,
  step = p.step,
  set_asides = set_asides,
}
