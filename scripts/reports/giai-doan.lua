-- Báo cáo giai đoạn: kết quả xây dựng nông thôn mới của một tỉnh qua một giai đoạn (ví dụ
-- 2016-2020): kết quả đầu kỳ và cuối kỳ, thay đổi từng tiêu chí, công nhận trong giai đoạn, vốn
-- huy động cả giai đoạn theo nguồn và tỷ lệ, sản phẩm OCOP, mục tiêu giai đoạn sau. Mọi số liệu
-- tính từ cơ sở dữ liệu; mỗi năm rà soát trên bản đồ hành chính và bộ tiêu chí của năm đó.
-- Đầu kỳ là cuối năm trước năm đầu (31/12/2015 cho giai đoạn 2016-2020) khi có số liệu năm đó,
-- nếu không thì năm đầu.
--   ntm report giai-doan --province "Điện Biên" --from 2016 --to 2020 -o gd.docx -o gd.xlsx -o gd.html
local review = ntm.use("review")
local text = ntm.use("annual_text")
local notes = ntm.use("review_notes")
local layout = ntm.use("annual_layout")
local tables = ntm.use("annual_tables")
local p = ntm.params{
  province = { type = "string", required = true, help = "Tỉnh (tên hoặc mã, không cần dấu)" },
  from     = { type = "integer", required = true, help = "Năm đầu giai đoạn" },
  to       = { type = "integer", required = true, help = "Năm cuối giai đoạn" },
  year     = { type = "integer", help = "(do ntm đặt bằng --to)" },
  date     = { type = "string", help = "Ngày báo cáo (YYYY-MM-DD; mặc định 31/12 năm cuối)" },
  number   = { type = "string", help = "Số văn bản" },
}
if p.from > p.to then error(string.format("--from %d sau --to %d", p.from, p.to), 0) end

local tinh = ntm.province(p.province)
local years = {}
for _, y in ipairs(tinh:years()) do years[y] = true end
local start_year = years[p.from - 1] and p.from - 1 or p.from
-- A year without data is left to the review, whose lookup names it with the years that have
-- data; ntm reports it as a wrong --from or --to (exit 2).
local r1 = review.run{ province = p.province, year = p.to }
local r0 = review.run{ province = p.province, year = start_year }
local span = string.format("%d-%d", p.from, p.to)

local doc = ntm.report.document{
  issuer = { "UBND " .. text.upper(tinh.name_with_type), "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI" },
  number = p.number, place = tinh.name, date = p.date or string.format("%d-12-31", p.to), kind = "BÁO CÁO",
  title = string.format("Kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới giai đoạn %s trên địa bàn %s",
    span, text.lower_first(tinh.name_with_type)),
}

local function num(v, d) return ntm.fmt.number(v, { decimals = d or 2, trim = true }) end
local function pct(part, whole) return whole > 0 and ntm.fmt.percent(part, whole, { decimals = 2 }) or "0%" end
local function signed(v, d)
  if v == 0 then return "không đổi" end
  return (v > 0 and "tăng " or "giảm ") .. num(math.abs(v), d)
end

-- I. Kết quả đầu kỳ và cuối kỳ.
doc:heading(2, "I. KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI")
local function state(r, label)
  return string.format("%s (bộ %s, %d tiêu chí): %d xã có số liệu; %d xã đạt chuẩn nông thôn mới (%s); bình quân %s tiêu chí/xã.",
    label, r.criteria_set, r.criteria_count, r.with_data, r.standard, pct(r.standard, r.with_data), num(r.average))
end
local start_label = start_year < p.from and string.format("Đầu giai đoạn (cuối năm %d)", start_year)
  or string.format("Năm đầu giai đoạn (%d)", start_year)
doc:bullet(state(r0, start_label))
doc:bullet(state(r1, string.format("Cuối giai đoạn (năm %d)", p.to)))
local same = r0.criteria_count == r1.criteria_count
if same then
  doc:bullet("Qua giai đoạn: số xã đạt chuẩn %s xã; số tiêu chí bình quân %s tiêu chí/xã.", signed(r1.standard - r0.standard, 0),
    signed(r1.average - r0.average))
else
  -- Averages over sets of different sizes are not comparable.
  doc:bullet("Qua giai đoạn: số xã đạt chuẩn %s xã (hai năm rà soát theo hai bộ tiêu chí có số tiêu chí khác nhau: bình quân %s/%d và %s/%d tiêu chí, không so sánh).",
    signed(r1.standard - r0.standard, 0), num(r0.average), r0.criteria_count, num(r1.average), r1.criteria_count)
end
notes.add(doc, r0, r1)

-- Nhóm xã theo số tiêu chí đạt, đầu và cuối kỳ.
local band_rows = {}
if same then
  for i, key in ipairs(r1.band_order) do
    local a, b = r0.bands[key] or 0, r1.bands[key] or 0
    band_rows[#band_rows + 1] = { i, r1.band_names[key], a, b, b - a }
  end
  doc:table{ title = string.format("Biểu 01. Số xã theo số tiêu chí đạt, năm %d và năm %d", start_year, p.to),
             header = { "TT", "Nhóm xã", "Năm " .. start_year, "Năm " .. p.to, "Tăng (+), giảm (-)" },
             rows = band_rows, widths = { 6, 30, 12, 12, 14 } }
  local crit_rows = {}
  local set = ntm.criteria(r1.criteria_set)
  for _, c in ipairs(set.criteria) do
    local a, b = r0.criteria[tostring(c.number)] or 0, r1.criteria[tostring(c.number)] or 0
    crit_rows[#crit_rows + 1] = { c.number, c.name, a, { value = a * 100 / math.max(r0.with_data, 1), kind = "percent", decimals = 2 },
                                  b, { value = b * 100 / math.max(r1.with_data, 1), kind = "percent", decimals = 2 }, b - a }
  end
  doc:table{ title = string.format("Biểu 02. Số xã đạt từng tiêu chí, năm %d và năm %d", start_year, p.to),
             header = { "TT", "Tiêu chí", "Số xã đạt năm " .. start_year, "Tỷ lệ (%)", "Số xã đạt năm " .. p.to, "Tỷ lệ (%)", "Tăng (+), giảm (-)" },
             rows = crit_rows, widths = { 6, 30, 11, 9, 11, 9, 11 }, filter = true }
  local cats, v0, v1 = {}, {}, {}
  for _, c in ipairs(set.criteria) do
    cats[#cats + 1] = tostring(c.number)
    v0[#v0 + 1] = r0.criteria[tostring(c.number)] or 0
    v1[#v1 + 1] = r1.criteria[tostring(c.number)] or 0
  end
  doc:chart{ kind = "bar", title = string.format("Số xã đạt từng tiêu chí, năm %d và năm %d", start_year, p.to),
             categories = cats, series = { { name = "Năm " .. start_year, values = v0, color = tables.BAND_COLORS_IN_ORDER[4] },
                                           { name = "Năm " .. p.to, values = v1, color = tables.BAND_COLORS_IN_ORDER[1] } },
             value_axis = "Số xã" }
else
  doc:paragraph("Năm %d rà soát theo bộ %s (%d tiêu chí), năm %d theo bộ %s (%d tiêu chí): không so sánh từng tiêu chí.",
    start_year, r0.criteria_set, r0.criteria_count, p.to, r1.criteria_set, r1.criteria_count)
end

-- II. Công nhận trong giai đoạn.
doc:heading(2, "II. KẾT QUẢ CÔNG NHẬN ĐẠT CHUẨN TRONG GIAI ĐOẠN")
local KINDS = { district = "đơn vị cấp huyện", commune = "xã", village = "thôn, bản" }
local GRADES = { basic = "cơ bản đạt chuẩn", standard = "đạt chuẩn nông thôn mới", advanced = "đạt chuẩn nông thôn mới nâng cao",
                 model = "đạt chuẩn nông thôn mới kiểu mẫu" }
local counted, names = {}, {}
for _, r in ipairs(tinh:recognitions{ year = p.to }) do
  if r.year >= p.from and r.year <= p.to then
    local key = r.kind .. "/" .. r.grade
    counted[key] = (counted[key] or 0) + 1
    names[key] = names[key] or {}
    names[key][#names[key] + 1] = r.name
  end
end
local any = false
for _, kind in ipairs{ "district", "commune", "village" } do
  for _, grade in ipairs{ "standard", "basic", "advanced", "model" } do
    local key = kind .. "/" .. grade
    if counted[key] then
      any = true
      local list = kind == "village" and "" or (": " .. text.names(names[key]))
      doc:bullet("%d %s %s%s.", counted[key], KINDS[kind], GRADES[grade], list)
    end
  end
end
if not any then doc:bullet("Dữ liệu chưa ghi quyết định công nhận nào trong giai đoạn %s.", span) end

-- III. Vốn cả giai đoạn, theo nguồn và tỷ lệ.
doc:heading(2, "III. NGUỒN VỐN THỰC HIỆN GIAI ĐOẠN %s", span)
local order, parent = {}, {}
for i, s in ipairs(ntm.funding_sources()) do
  order[s.code] = i
  parent[s.code] = s.parent
end
local COMPONENTS = { [""] = "Cả chương trình", ntm = "Xây dựng nông thôn mới", ["giam-ngheo"] = "Giảm nghèo bền vững",
                     ["dtts-mn"] = "Phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi" }
local by_component, any_money = {}, false
for _, r in ipairs(tinh:funding{ from = p.from, to = p.to }) do
  if r.stage == "mobilised" and r.amount ~= 0 then
    local c = by_component[r.component] or { rows = {}, amount = {} }
    by_component[r.component] = c
    c.amount[r.source] = (c.amount[r.source] or 0) + r.amount
    c.rows[r.source] = r.name
    any_money = true
  end
end
if not any_money then
  doc:paragraph("Dữ liệu chưa có số vốn huy động nào của các năm %s.", span)
end
local n = 2
local components = {}
for k in pairs(by_component) do components[#components + 1] = k end
table.sort(components)
for _, comp in ipairs(components) do
  local c = by_component[comp]
  -- A source counts into the total when none of its ancestors was entered too.
  local function counted_in_total(code)
    local up = parent[code]
    while up do
      if c.amount[up] then return false end
      up = parent[up]
    end
    return true
  end
  local total, codes = 0, {}
  for code, amount in pairs(c.amount) do
    codes[#codes + 1] = code
    if counted_in_total(code) then total = total + amount end
  end
  table.sort(codes, function(a, b) return (order[a] or 1e9) < (order[b] or 1e9) end)
  local rows = {}
  for i, code in ipairs(codes) do
    rows[#rows + 1] = { i, c.rows[code], { value = c.amount[code], kind = "money", bold = counted_in_total(code) },
                        { value = c.amount[code] * 100 / total, kind = "percent", decimals = 2 } }
  end
  rows[#rows + 1] = { "", { text = "Tổng cộng", bold = true }, { value = total, kind = "money", bold = true },
                      { value = 100, kind = "percent", decimals = 2 } }
  doc:paragraph("%s: tổng vốn huy động giai đoạn %s là %s.", COMPONENTS[comp] or comp, span, ntm.fmt.money(total))
  n = n + 1
  doc:table{ title = string.format("Biểu %02d. Vốn huy động giai đoạn %s theo nguồn%s", n, span,
                                   comp == "" and "" or (" — " .. (COMPONENTS[comp] or comp))),
             unit = "Đơn vị: triệu đồng", header = { "TT", "Nguồn vốn", "Số tiền", "Tỷ lệ (%)" },
             rows = rows, widths = { 6, 44, 16, 10 } }
end

-- IV. OCOP.
doc:heading(2, "IV. CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM (OCOP)")
local products = tinh:ocop{ from = p.from, to = p.to }
if #products == 0 then
  doc:paragraph("Dữ liệu chưa có sản phẩm OCOP nào được đánh giá, phân hạng trong giai đoạn %s.", span)
else
  local stars, producers = {}, {}
  for _, o in ipairs(products) do
    stars[o.stars] = (stars[o.stars] or 0) + 1
    producers[o.producer] = true
  end
  local parts = {}
  for s = 5, 3, -1 do if stars[s] then parts[#parts + 1] = string.format("%d sản phẩm %d sao", stars[s], s) end end
  local np = 0
  for _ in pairs(producers) do np = np + 1 end
  doc:paragraph("Giai đoạn %s có %d sản phẩm OCOP được đánh giá, phân hạng (%s) của %d chủ thể.", span, #products,
    table.concat(parts, ", "), np)
end

-- V. Mục tiêu giai đoạn sau (các chỉ tiêu kế hoạch có năm đích sau năm cuối).
doc:heading(2, "V. MỤC TIÊU GIAI ĐOẠN TIẾP THEO")
local labels = {}
for _, t in ipairs(layout.TARGETS) do labels[t.key] = { t.label, t.unit, t.decimals } end
local targets = tinh:targets{ from = p.to + 1, to = p.to + 10 }
if #targets == 0 then
  doc:paragraph("Dữ liệu chưa có chỉ tiêu kế hoạch nào cho các năm sau %d.", p.to)
else
  table.sort(targets, function(a, b) if a.year ~= b.year then return a.year < b.year end return a.key < b.key end)
  local rows = {}
  for i, t in ipairs(targets) do
    local l = labels[t.key]
    local label = l and l[1] or t.note or t.key
    local crit = t.key:match("^criterion_communes%.(%d+)$")
    if crit then label = "Số xã đạt tiêu chí số " .. crit end
    rows[#rows + 1] = { i, label, tostring(t.year), { value = t.value, kind = "decimal", decimals = l and l[3] or 0 },
                        l and l[2] or "", t.plan_year and tostring(t.plan_year) or "" }
  end
  n = n + 1
  doc:table{ title = string.format("Biểu %02d. Chỉ tiêu kế hoạch sau năm %d", n, p.to),
             header = { "TT", "Chỉ tiêu", "Năm đích", "Giá trị", "Đơn vị", "Năm lập kế hoạch" },
             rows = rows, widths = { 6, 40, 10, 10, 16, 12 } }
end

doc:fields{ tinh = tinh.name, tu_nam = tostring(p.from), den_nam = tostring(p.to), nam_dau_ky = tostring(start_year),
            dat_chuan_dau_ky = r0.standard, dat_chuan_cuoi_ky = r1.standard }
return doc
