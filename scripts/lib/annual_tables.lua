-- Các biểu kèm theo báo cáo năm (bảng có tiêu đề gộp) và biểu đồ, dựng từ số liệu của
-- lib/annual_data.lua. Mỗi hàm nhận `doc`, `data` và bộ định dạng `f` (lib/annual_text.lua)
-- và một số thứ tự biểu ("Biểu 01").
-- local tables = ntm.use("annual_tables")
local review = ntm.use("review")
local M = {}

-- "Tỉnh Điện Biên" → "tỉnh Điện Biên" (chữ đầu của tên có loại).
local function text_lower_first(s) return ntm.use("annual_text").lower_first(s) end

local function numbered(n, title) return string.format("Biểu %02d. %s", n, title) end

-- Màu cố định của từng nhóm xã (cùng màu trong mọi biểu đồ và bản đồ của mọi báo cáo).
M.BAND_COLORS = {
  standard_19 = "#1a9850", from_15_to_18 = "#91cf60", from_10_to_14 = "#fee08b", from_5_to_9 = "#fc8d59", below_5 = "#d73027",
}
-- The same five colours by position, for a set of any number of criteria (bands of
-- review.bands_for(n): all criteria first, the lowest band last).
M.BAND_COLORS_IN_ORDER = { "#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027" }

-- The colour of a band key given the band order of its review.
function M.band_color(order, band)
  for i, key in ipairs(order) do if key == band then return M.BAND_COLORS_IN_ORDER[i] end end
  return M.BAND_COLORS[band]
end

-- Các trường chung của một biểu kèm theo (trang mới, "(Kèm theo Báo cáo số …)").
local function annex(data, spec)
  if data.annex then
    spec.annex = true
    spec.note = data.annex.note
  end
  spec.filter = spec.filter or false
  return spec
end

-- Biểu: kết quả từng tiêu chí, năm trước và năm nay, tăng/giảm.
function M.criteria(doc, data, f, n)
  local prev = data.previous ~= nil
  local header1 = { { "TT", rowspan = 2 }, { "Tiêu chí", rowspan = 2 } }
  if prev then header1[#header1 + 1] = { string.format("Số xã đạt năm %d", data.previous_year), rowspan = 2 } end
  header1[#header1 + 1] = { string.format("Số xã đạt năm %d", data.year), colspan = 2 }
  if prev then header1[#header1 + 1] = { "Tăng (+), giảm (-) (xã)", rowspan = 2 } end
  local rows = {}
  for _, c in ipairs(data.criteria) do
    local row = { c.number, c.name }
    if prev then row[#row + 1] = c.previous end
    row[#row + 1] = c.met
    row[#row + 1] = f.percent_cell(c.met, data.communes)
    if prev then row[#row + 1] = c.increase end
    rows[#rows + 1] = row
  end
  local widths = prev and { 6, 40, 12, 10, 10, 12 } or { 6, 40, 10, 10 }
  doc:table(annex(data, {
    title = numbered(n, string.format("Kết quả thực hiện các tiêu chí nông thôn mới năm %d (%s xã)", data.year,
      ntm.fmt.number(data.communes))),
    unit = "Đơn vị: xã",
    header = { header1, { "Số lượng", "Tỷ lệ (%)" } },
    rows = rows, widths = widths,
  }))
end

-- Biểu: kết quả theo huyện: số xã, xã đạt chuẩn (số lượng, tỷ lệ), nhóm xã theo số tiêu chí
-- đạt, bình quân tiêu chí/xã.
function M.districts(doc, data, f, n, opts)
  opts = opts or {}
  local rows = {}
  local order = data.band_order
  -- "15-18", "10-14", "5-9", "Dưới 5" for 19 criteria: the band names without their words.
  local heads = {}
  for i = 2, #order do
    local name = data.band_names[order[i]]
    local a, z = name:match("(%d+) đến (%d+)")
    heads[#heads + 1] = a and (a .. "-" .. z) or name:gsub(" tiêu chí", "")
  end
  for i, d in ipairs(data.districts) do
    local row = { i, d.name, d.communes, d.standard, f.percent_cell(d.standard, d.communes) }
    for k = 2, #order do row[#row + 1] = d.bands[order[k]] end
    row[#row + 1] = f.average_cell(d.average)
    rows[#rows + 1] = row
  end
  local b = data.bands
  local totals = { { text = "Toàn tỉnh", colspan = 2 }, data.with_data or data.communes, data.standard,
                   f.percent_cell(data.standard, data.with_data or data.communes) }
  for k = 2, #order do totals[#totals + 1] = b[order[k]] end
  totals[#totals + 1] = f.average_cell(data.average)
  doc:table(annex(data, {
    title = numbered(n, opts.title or string.format("Kết quả xây dựng nông thôn mới theo đơn vị cấp huyện năm %d", data.year)),
    unit = "Đơn vị: xã",
    header = {
      { { "TT", rowspan = 2 }, { "Đơn vị", rowspan = 2 }, { "Tổng số xã", rowspan = 2 },
        { "Số xã đạt chuẩn", colspan = 2 }, { "Số xã đạt theo nhóm tiêu chí", colspan = 4 },
        { "Bình quân tiêu chí/xã", rowspan = 2 } },
      { "Số lượng", "Tỷ lệ (%)", heads[1], heads[2], heads[3], heads[4] },
    },
    rows = rows,
    totals = totals,
    widths = { 6, 22, 9, 9, 9, 8, 8, 8, 8, 11 }, filter = true,
  }))
end

-- Biểu 01: huy động nguồn lực theo nguồn (cơ cấu %) và giải ngân so với kế hoạch.
function M.funding(doc, data, f, n)
  local fu = data.funding
  local rows, i = {}, 0
  local top = 0
  for _, s in ipairs(fu.sources) do
    local tt
    if s.level == 0 then top = top + 1; tt = tostring(top) else tt = s.level == 1 and "-" or "+" end
    rows[#rows + 1] = {
      { text = tt, align = "center", bold = s.level == 0 },
      { text = s.name, bold = s.level == 0 },
      s.mobilised and { value = s.mobilised, kind = "money", bold = s.level == 0 } or false,
      (s.mobilised and fu.total > 0) and f.percent_cell(s.mobilised, fu.total, "share") or false,
      s.plan and { value = s.plan, kind = "money" } or false,
      s.disbursed and { value = s.disbursed, kind = "money" } or false,
      (s.plan and s.disbursed and s.plan > 0) and f.percent_cell(s.disbursed, s.plan, "share") or false,
    }
    i = i + 1
  end
  if i == 0 then return false end
  doc:table(annex(data, {
    title = numbered(n, string.format("Kết quả huy động nguồn lực thực hiện Chương trình năm %d", data.year)),
    unit = "Đơn vị: triệu đồng",
    header = {
      { { "TT", rowspan = 2 }, { "Nguồn vốn", rowspan = 2 }, { "Huy động", colspan = 2 },
        { "Vốn hỗ trợ trực tiếp", colspan = 3 } },
      { "Số tiền", "Cơ cấu (%)", "Kế hoạch", "Giải ngân", "Tỷ lệ giải ngân (%)" },
    },
    rows = rows,
    totals = { { text = "Tổng cộng", colspan = 2 }, { value = fu.total, kind = "money" },
               fu.total > 0 and { value = 100, kind = "percent", decimals = 0 } or false,
               fu.plan > 0 and { value = fu.plan, kind = "money" } or false,
               fu.plan > 0 and { value = fu.disbursed, kind = "money" } or false,
               fu.plan > 0 and f.percent_cell(fu.disbursed, fu.plan, "share") or false },
    widths = { 6, 36, 14, 10, 14, 14, 12 },
  }))
  return true
end

M.OCOP_GROUPS = {
  ["thuc-pham"] = "Thực phẩm", ["do-uong"] = "Đồ uống", ["thao-duoc"] = "Thảo dược",
  ["vai-may-mac"] = "Vải và may mặc", ["luu-niem-noi-that"] = "Lưu niệm - nội thất - trang trí",
  ["luu-niem-noi-that-trang-tri"] = "Lưu niệm - nội thất - trang trí",
  ["dich-vu-du-lich"] = "Dịch vụ du lịch nông thôn",
}
M.PRODUCER_KINDS = {
  cooperative = "Hợp tác xã", enterprise = "Doanh nghiệp", household = "Hộ sản xuất",
  cooperative_group = "Tổ hợp tác", other = "Khác",
}

-- Biểu: sản phẩm OCOP theo nhóm sản phẩm và hạng sao.
function M.ocop(doc, data, f, n)
  local o = data.ocop
  if o.total == 0 then return false end
  local stars = {}
  for s = 5, 3, -1 do if o.stars[s] then stars[#stars + 1] = s end end
  local header2 = {}
  for _, s in ipairs(stars) do header2[#header2 + 1] = string.format("%d sao", s) end
  local rows = {}
  for i, g in ipairs(o.group_order) do rows[i] = { i, M.OCOP_GROUPS[g] or g, o.groups[g] } end
  -- Số sản phẩm theo nhóm và hạng sao.
  local count = o.by_group_stars
  for i, g in ipairs(o.group_order) do
    for _, s in ipairs(stars) do rows[i][#rows[i] + 1] = count[g .. "/" .. s] or 0 end
  end
  local totals = { { text = "Tổng cộng", colspan = 2 }, o.total }
  for _, s in ipairs(stars) do totals[#totals + 1] = o.stars[s] end
  local widths = { 6, 34, 10 }
  for _ = 1, #stars do widths[#widths + 1] = 9 end
  doc:table(annex(data, {
    title = numbered(n, string.format("Sản phẩm OCOP được công nhận đến hết năm %d", data.year)),
    unit = "Đơn vị: sản phẩm",
    header = {
      { { "TT", rowspan = 2 }, { "Nhóm sản phẩm", rowspan = 2 }, { "Tổng số", rowspan = 2 },
        { "Theo hạng", colspan = #stars } },
      header2,
    },
    rows = rows, totals = totals, widths = widths,
  }))
  return true
end

-- Biểu: so sánh với kế hoạch. `rows` do layout tính (xem annual_layout.targets_rows).
function M.targets(doc, data, f, n, rows, plan_year)
  if #rows == 0 then return false end
  local body = {}
  for i, r in ipairs(rows) do
    body[i] = { i, r.label, r.unit, r.actual and { value = r.actual, kind = "decimal", decimals = r.decimals or 0 } or false,
                { value = r.target, kind = "decimal", decimals = r.decimals or 0 },
                r.ratio and { value = f.round(r.ratio, "ratio"), kind = "percent",
                              decimals = (f.style.ratio or { decimals = 2 }).decimals or 2 } or false }
  end
  doc:table(annex(data, {
    title = numbered(n, string.format("Kết quả năm %d so với kế hoạch năm %d", data.year, plan_year)),
    header = { "TT", "Chỉ tiêu", "Đơn vị tính", string.format("Thực hiện năm %d", data.year),
               string.format("Kế hoạch năm %d", plan_year), "Tỷ lệ so với kế hoạch (%)" },
    rows = body, widths = { 6, 40, 14, 12, 12, 12 },
  }))
  return true
end

-- Biểu đồ: số xã đạt từng tiêu chí (thanh ngang, tên tiêu chí đầy đủ, không có nhãn số 0).
function M.criteria_chart(doc, data)
  local categories, values = {}, {}
  for _, c in ipairs(data.criteria) do
    categories[#categories + 1] = string.format("%d. %s", c.number, c.name)
    values[#values + 1] = c.met
  end
  local series = { { name = string.format("Năm %d", data.year), values = values, color = "#2f5597" } }
  if data.previous then
    local before = {}
    for _, c in ipairs(data.criteria) do before[#before + 1] = c.previous end
    table.insert(series, 1, { name = string.format("Năm %d", data.previous_year), values = before, color = "#a6a6a6" })
  end
  doc:chart{ kind = "bar", title = string.format("Số xã đạt từng tiêu chí (tổng số %s xã)", ntm.fmt.number(data.communes)),
             categories = categories, series = series, value_axis = "Số xã" }
end

-- Biểu đồ: nhóm xã theo số tiêu chí đạt, theo huyện (cột chồng, mỗi nhóm một màu cố định).
function M.bands_chart(doc, data)
  if #data.districts == 0 then return end
  local categories = {}
  for _, d in ipairs(data.districts) do categories[#categories + 1] = d.name end
  local series = {}
  for _, band in ipairs(data.band_order) do
    local values, any = {}, false
    for _, d in ipairs(data.districts) do
      values[#values + 1] = d.bands[band]
      any = any or d.bands[band] > 0
    end
    if any then series[#series + 1] = { name = data.band_names[band], values = values, color = M.band_color(data.band_order, band) } end
  end
  doc:chart{ kind = "bar", stacked = true, title = "Số xã theo nhóm tiêu chí đạt, theo đơn vị cấp huyện",
             categories = categories, series = series, value_axis = "Số xã" }
end

-- Biểu đồ xu hướng qua các năm có số liệu (đến năm báo cáo): số xã đạt chuẩn và bình quân
-- tiêu chí/xã. Chỉ khi dữ liệu có từ hai năm trở lên.
function M.trend_chart(doc, data)
  local years = {}
  for _, y in ipairs(data.province:years()) do if y <= data.year then years[#years + 1] = y end end
  table.sort(years)
  if #years < 2 then return end
  local categories, standard, average = {}, {}, {}
  for _, y in ipairs(years) do
    local r = y == data.year and data.review or (y == data.previous_year and data.previous)
      or review.run{ province = data.code, year = y }
    categories[#categories + 1] = tostring(y)
    standard[#standard + 1] = r.standard
    average[#average + 1] = ntm.fmt.round(r.average, 2)
  end
  doc:chart{ kind = "line", title = string.format("Số xã đạt chuẩn nông thôn mới qua các năm %d-%d", years[1], years[#years]),
             categories = categories, series = { { name = "Số xã đạt chuẩn", values = standard, color = M.BAND_COLORS_IN_ORDER[1] } },
             value_axis = "Số xã", labels = "all" }
  doc:chart{ kind = "line", title = "Số tiêu chí bình quân/xã qua các năm", decimals = 2,
             categories = categories, series = { { name = "Tiêu chí/xã", values = average, color = "#2f5597" } },
             value_axis = "Tiêu chí/xã", labels = "all" }
end

-- Bản đồ xã theo nhóm tiêu chí đạt (bản đồ năm 2025; xã không có trên bản đồ được liệt kê dưới hình).
function M.bands_map(doc, data)
  local classes, legend = {}, {}
  for i, band in ipairs(data.band_order) do
    classes[band] = i
    legend[i] = { label = data.band_names[band], color = M.BAND_COLORS_IN_ORDER[i] }
  end
  local units = {}
  for _, x in ipairs(data.review.results) do
    units[#units + 1] = { code = x.code, name = x.name, class = classes[review.band(x.count, data.all)] }
  end
  doc:map{ title = string.format("Bản đồ xã theo số tiêu chí đạt năm %d, %s", data.year, text_lower_first(data.name_with_type)),
           level = "commune", province = data.code, legend = legend, units = units }
end

return M
