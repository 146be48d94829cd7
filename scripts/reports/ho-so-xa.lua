-- Hồ sơ một xã: mọi tiêu chí với từng chỉ tiêu (giá trị, ngưỡng, đạt hay chưa), kết quả qua các
-- năm có số liệu, các quyết định công nhận và số vốn xã đã nhận. Số liệu tính từ cơ sở dữ liệu.
--   ntm report ho-so-xa --commune "Mường Phăng" --year 2020 -o ho-so.docx
--   ntm report ho-so-xa --commune 03166 --year 2020 --province "Điện Biên" -o ho-so.html
local text = ntm.use("annual_text")
local review = ntm.use("review")
local tables = ntm.use("annual_tables")
local p = ntm.params{
  commune  = { type = "string", required = true, help = "Xã: tên (không cần dấu) hoặc mã" },
  year     = { type = "integer", required = true, help = "Năm" },
  province = { type = "string", help = "Tỉnh (khi tên xã trùng ở nhiều tỉnh)" },
}

-- Tỉnh của xã: theo --province, hoặc tìm xã trên cả bản đồ năm --year (ntm.commune). Tên không
-- có, hoặc trùng ở nhiều tỉnh, là lỗi tra cứu: ntm báo lỗi dòng lệnh --commune, kèm gợi ý.
local function find_commune()
  if p.province then
    local tinh = ntm.province(p.province, { year = p.year })
    return tinh, tinh:commune(p.commune, { year = p.year })
  end
  local found, tinh = ntm.commune(p.commune, { year = p.year })
  return tinh, tinh:commune(found.code, { year = p.year })
end

local tinh, x = find_commune()
local set = ntm.criteria(x.criteria_set)
local f = text.formatter{}

local doc = ntm.report.document{
  issuer = { "UBND " .. text.upper(tinh.name_with_type), "VĂN PHÒNG ĐIỀU PHỐI NTM" },
  place = tinh.name, date = string.format("%d-12-31", p.year), kind = "HỒ SƠ XÃ",
  title = string.format("%s, %s, %s — kết quả thực hiện Bộ tiêu chí năm %d", x.name_with_type, x.district,
    tinh.name_with_type, p.year),
}

-- Tóm tắt.
local met = x:count_met()
local all = #set.criteria
local band_keys, band_names, band_of = review.bands_for(all)
local band = band_of(met)
local flags = {}
if x.border then flags[#flags + 1] = "xã biên giới" end
if x.extremely_difficult then flags[#flags + 1] = "xã đặc biệt khó khăn" end
if x.mountainous then flags[#flags + 1] = "xã miền núi" end
doc:paragraph{ "Năm ", tostring(p.year), ": ", { bold = string.format("đạt %d/%d tiêu chí", met, all) },
  string.format(" (%s) theo %s.", band_names[band], set.legal_basis) }
doc:paragraph("Vùng: %s%s%s. Mã xã: %s.", x.region, x.group and ("; nhóm " .. x.group) or "",
  #flags > 0 and ("; " .. table.concat(flags, ", ")) or "", x.code)
if not x:has_data() then
  doc:paragraph{ { italic = string.format("Xã chưa có số liệu chỉ tiêu hay kết quả đánh giá năm %d.", p.year) } }
end

-- Công nhận.
local grades = { { "standard", "đạt chuẩn nông thôn mới" }, { "advanced", "đạt chuẩn nông thôn mới nâng cao" },
                 { "model", "đạt chuẩn nông thôn mới kiểu mẫu" } }
local any = false
for _, g in ipairs(grades) do
  local y = x:recognised(g[1])
  if y then
    doc:bullet("Được công nhận %s năm %d.", g[2], y)
    any = true
  end
end
if not any then doc:bullet("Chưa được công nhận đạt chuẩn nông thôn mới.") end

-- Tiêu chí và chỉ tiêu.
local function threshold_text(id)
  local t, cmp, confirmed = x:threshold(id)
  if t == nil then return "chưa có ngưỡng" end
  local ind = set.indicators[id]
  if ind.unit == "dat" then return "Đạt" end
  local sign = cmp == ">=" and "≥ " or cmp == "<=" and "≤ " or (cmp .. " ")
  return sign .. ntm.fmt.number(t, { decimals = 2, trim = true }) .. (ind.unit == "%" and "%" or "") .. (confirmed and "" or " (*)")
end
local function value_text(id)
  local v = x[id]
  if v == nil then return "" end
  if set.indicators[id].unit == "dat" then return v >= 1 and "Đạt" or "Chưa đạt" end
  return ntm.fmt.number(v, { decimals = 2, trim = true })
end
local rows = {}
for _, c in ipairs(set.criteria) do
  local ok, source = x:status(c.number)
  local how = source == "indicators" and "" or source == "assessed" and " (đánh giá)" or source == "none" and " (không có số liệu)" or ""
  rows[#rows + 1] = { { text = tostring(c.number), bold = true, align = "center" }, { text = c.name, bold = true }, false, false,
                      { text = (ok and "Đạt" or "Chưa đạt") .. how, bold = true } }
  local failing, no_threshold = {}, {}
  local f_list, t_list = x:failing(c.number)
  for _, id in ipairs(f_list) do failing[id] = true end
  for _, id in ipairs(t_list) do no_threshold[id] = true end
  for _, id in ipairs(c.indicators) do
    local ind = set.indicators[id]
    local v = x[id]
    local status = v == nil and "Thiếu số liệu" or no_threshold[id] and "Chưa có ngưỡng"
      or failing[id] and "Chưa đạt" or "Đạt"
    rows[#rows + 1] = { { text = id, align = "center" }, ind.name, { text = value_text(id), align = "right" },
                        { text = threshold_text(id), align = "right" }, status }
  end
end
doc:heading(2, "I. KẾT QUẢ TỪNG TIÊU CHÍ, CHỈ TIÊU NĂM %d", p.year)
doc:table{ title = string.format("Biểu 01. Tiêu chí và chỉ tiêu của %s năm %d", x.name_with_type, p.year),
           header = { "Mã", "Tiêu chí / chỉ tiêu", "Giá trị", "Ngưỡng", "Kết quả" },
           rows = rows, widths = { 8, 44, 11, 14, 16 }, filter = true }
doc:paragraph{ { italic = "(*) ngưỡng chưa được đối chiếu với văn bản gốc (xem db/reference/README.md)." } }

-- Qua các năm: những năm xã (cùng mã, cùng thời kỳ trên bản đồ) có số liệu.
local history = {}
for _, y in ipairs(tinh:years()) do
  if y <= p.year and (x.valid_from == "" or x.valid_from <= string.format("%d-12-31", y)) then
    local ok, c = pcall(tinh.commune, tinh, x.code, { year = y })
    if ok and c:has_data() then history[#history + 1] = { year = y, met = c:count_met() } end
  end
end
table.sort(history, function(a, b) return a.year < b.year end)
doc:heading(2, "II. KẾT QUẢ QUA CÁC NĂM")
if #history > 1 then
  local h_rows, cats, vals = {}, {}, {}
  for _, h in ipairs(history) do
    h_rows[#h_rows + 1] = { h.year, h.met, band_names[band_of(h.met)] }
    cats[#cats + 1] = tostring(h.year)
    vals[#vals + 1] = h.met
  end
  doc:table{ title = "Biểu 02. Số tiêu chí đạt qua các năm", header = { "Năm", "Số tiêu chí đạt", "Nhóm" }, rows = h_rows,
             widths = { 10, 16, 30 } }
  doc:chart{ kind = "line", title = "Số tiêu chí đạt qua các năm", categories = cats, labels = "all",
             series = { { name = x.name, values = vals, color = tables.band_color(band_keys, band) } }, value_axis = "Tiêu chí" }
else
  doc:paragraph("Cơ sở dữ liệu mới có số liệu năm %d của xã.", p.year)
end
local before = x:predecessors()
if #before > 0 and before[1].date ~= "" then
  local names = {}
  for _, u in ipairs(before) do names[#names + 1] = string.format("%s (%s)", u.name_with_type, u.code) end
  doc:paragraph("Xã được thành lập ngày %s (%s) từ: %s.", ntm.fmt.date(before[1].date), before[1].act ~= "" and before[1].act or "văn bản chưa ghi",
    table.concat(names, ", "))
end

-- Vốn đã nhận.
doc:heading(2, "III. NGUỒN VỐN")
local money = {}
local first = tinh:years()[1] or p.year
for y = math.min(first, p.year), p.year do
  for _, r in ipairs(x:funding{ year = y }) do
    if r.amount ~= 0 then money[#money + 1] = { year = y, name = r.name, stage = r.stage, amount = r.amount } end
  end
end
local stages = { plan = "Kế hoạch", mobilised = "Huy động", disbursed = "Giải ngân" }
if #money == 0 then
  doc:paragraph("Dữ liệu chưa có khoản vốn nào ghi cho xã.")
else
  local m_rows, total = {}, 0
  for _, r in ipairs(money) do
    m_rows[#m_rows + 1] = { r.year, r.name, stages[r.stage] or r.stage, { value = r.amount, kind = "money" } }
    total = total + r.amount
  end
  doc:table{ title = "Biểu 03. Vốn của xã theo nguồn", unit = "Đơn vị: triệu đồng",
             header = { "Năm", "Nguồn vốn", "Giai đoạn", "Số tiền" }, rows = m_rows, widths = { 8, 40, 12, 14 } }
end

doc:fields{ xa = x.name, ma_xa = x.code, huyen = x.district, tinh = tinh.name, nam = tostring(p.year), so_tieu_chi_dat = met,
            so_tieu_chi = all, nhom = band_names[band] }
return doc
