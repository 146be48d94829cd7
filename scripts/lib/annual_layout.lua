-- Khung báo cáo năm (phần kết quả thực hiện): tiêu chí theo nhóm xã, từng tiêu chí, theo huyện,
-- công nhận đạt chuẩn, nguồn vốn, OCOP, so sánh với kế hoạch, biểu kèm theo và biểu đồ.
-- Mẫu của từng tỉnh chỉ đưa vào một bảng `style`: cách làm tròn, cách viết vài câu, người nhận.
--
--   local layout = ntm.use("annual_layout")
--   local p = ntm.params(layout.params())
--   return layout.build(p, { percent = {decimals = 1, mode = "half-up", trim = true}, ... })
--
-- Các trường của style (đều tuỳ chọn):
--   percent, average, share, ratio  kiểu số (xem lib/annual_text.lua)
--   issuer(data), title(data), date(data), number, intro(data)  phần đầu văn bản
--   band_phrases                     cách viết các nhóm xã ("đạt từ 15-18 tiêu chí")
--   summary(ctx)                     thay đoạn "Kết quả chung"
--   criterion(ctx, c)                câu của một tiêu chí (c: number, name, met, previous, increase)
--   criteria_each(ctx)               thay cả mục "từng tiêu chí"
--   group(ctx, g)                    câu của một nhóm xã (tag)
--   NAME_section(ctx, n)             thay cả mục NAME (criteria, recognitions, ...)
--   sections                         danh sách tên mục theo thứ tự (M.SECTIONS)
--   annex                            thứ tự các biểu kèm theo (M.ANNEX)
--   recipients, role                 nơi nhận, chức vụ người ký
--   closing(data)                    câu kết "Trên đây là báo cáo …/."
-- Tệp hồ sơ tỉnh (--profile) thắng style: cơ quan ban hành, số, người ký, nơi nhận, làm tròn;
-- tham số dòng lệnh (--number, --signer, --date) thắng tệp hồ sơ.
-- ctx = { doc, data, f (bộ định dạng), text, style, p, refer(name) → số biểu }
local text = ntm.use("annual_text")
local tables = ntm.use("annual_tables")
local M = { text = text, tables = tables }

-- Tham số chung của các mẫu báo cáo năm; `extra` thêm tham số riêng.
function M.params(extra)
  local spec = {
    province = { type = "string", required = true, help = "Tỉnh (tên hoặc mã, không cần dấu)" },
    year     = { type = "integer", required = true, help = "Năm báo cáo" },
    date     = { type = "string", help = "Ngày báo cáo (YYYY-MM-DD; mặc định theo mẫu)" },
    number   = { type = "string", help = "Số văn bản, ví dụ 123/BC-BCĐ" },
    signer   = { type = "string", help = "Họ tên người ký" },
  }
  for k, v in pairs(extra or {}) do spec[k] = v end
  return spec
end

M.SECTIONS = { "criteria", "recognitions", "funding", "ocop", "targets" }

M.BAND_PHRASES = {
  from_15_to_18 = "đạt từ 15-18 tiêu chí", from_10_to_14 = "đạt từ 10-14 tiêu chí",
  from_5_to_9 = "đạt từ 5-9 tiêu chí", below_5 = "đạt dưới 5 tiêu chí",
}

-- "Có 21 xã đạt chuẩn nông thôn mới, đạt 18,26%, 18 xã đạt từ 15-18 tiêu chí, ...,
-- số tiêu chí bình quân đạt 11,75 tiêu chí/xã" cho một nhóm xã (bands, communes, average).
function M.bands_sentence(ctx, g)
  local f, phrases = ctx.f, ctx.style.band_phrases or M.BAND_PHRASES
  local order, names = ctx.data.band_order, ctx.data.band_names
  local parts = { string.format("Có %d xã đạt chuẩn nông thôn mới, đạt %s", g.bands[order[1]],
    f.percent(g.bands[order[1]], g.communes)) }
  for i = 2, #order do
    local band = order[i]
    local phrase = phrases[band] or ("đạt " .. names[band]:gsub("^%u", string.lower))
    if g.bands[band] > 0 then parts[#parts + 1] = string.format("%d xã %s", g.bands[band], phrase) end
  end
  parts[#parts + 1] = string.format("số tiêu chí bình quân đạt %s tiêu chí/xã", f.average(g.average))
  return table.concat(parts, ", ")
end

-- Thay đổi so với năm trước của cả tỉnh; nil khi không có số liệu năm trước.
function M.changes_sentence(ctx)
  local d, f = ctx.data, ctx.f
  if not d.previous then return nil end
  local parts = {}
  local ds = d.standard - d.previous_standard
  parts[#parts + 1] = ds ~= 0 and string.format("số xã đạt chuẩn %s %d xã", ds > 0 and "tăng" or "giảm", math.abs(ds))
                      or "số xã đạt chuẩn không đổi"
  local da = f.round(d.average, "average") - f.round(d.previous_average, "average")
  if math.abs(da) > 1e-9 then
    parts[#parts + 1] = string.format("số tiêu chí bình quân %s %s tiêu chí/xã", da > 0 and "tăng" or "giảm", f.average(math.abs(da)))
  end
  local db = d.below_10 - d.previous_below_10
  if db ~= 0 then
    parts[#parts + 1] = string.format("số xã đạt dưới 10 tiêu chí %s %d xã", db > 0 and "tăng" or "giảm", math.abs(db))
  end
  return string.format("So với năm %d: %s.", d.previous_year, table.concat(parts, "; "))
end

-- Câu của một nhóm xã (tag), ví dụ "Đề án 29 xã biên giới".
function M.group_sentence(ctx, g)
  local f = ctx.f
  local by = {}
  for _, d in ipairs(g.districts) do
    by[#by + 1] = string.format("%s %s tiêu chí/xã", text.lower_first(d.name_with_type), f.average(d.average))
  end
  local s = string.format("Kết quả thực hiện %s (%d xã): %s", g.tag, g.communes, M.bands_sentence(ctx, g))
  if #by > 1 then s = s .. "; trong đó, " .. table.concat(by, ", ") end
  return s .. "."
end

-- Câu mặc định của một tiêu chí.
function M.criterion_sentence(ctx, c)
  local d, f = ctx.data, ctx.f
  local s = string.format("Tiêu chí số %d về %s: %d/%d xã đạt (%s)", c.number, text.lower(c.name), c.met,
    d.communes, f.percent(c.met, d.communes))
  local change = text.change(c.increase, "xã", d.previous_year)
  if change then s = s .. ", " .. change end
  return s .. "."
end

-- Huyện dẫn đầu, huyện thấp nhất, huyện chưa có xã đạt chuẩn.
function M.districts_sentence(ctx)
  local d, f = ctx.data, ctx.f
  if #d.districts < 2 then return nil end
  local best, worst = d.districts[1], d.districts[1]
  local none = {}
  for _, x in ipairs(d.districts) do
    if x.average > best.average then best = x end
    if x.average < worst.average then worst = x end
    if x.standard == 0 then none[#none + 1] = x.name end
  end
  local s = string.format("Số tiêu chí bình quân cao nhất là %s (%s tiêu chí/xã), thấp nhất là %s (%s tiêu chí/xã)",
    text.lower_first(best.name_with_type), f.average(best.average), text.lower_first(worst.name_with_type), f.average(worst.average))
  if #none > 0 then
    s = s .. string.format("; %d đơn vị cấp huyện chưa có xã đạt chuẩn nông thôn mới (%s)", #none, text.names(none))
  else
    s = s .. "; đơn vị cấp huyện nào cũng đã có xã đạt chuẩn nông thôn mới"
  end
  return s .. "."
end

-- Các tiêu chí theo nhóm của bộ tiêu chí ("Hạ tầng kinh tế - xã hội", ...), theo thứ tự.
function M.criteria_groups(d)
  local out, index = {}, {}
  for _, c in ipairs(d.criteria) do
    local name = c.group or ""
    if not index[name] then
      out[#out + 1] = { name = name, criteria = {} }
      index[name] = out[#out]
    end
    table.insert(index[name].criteria, c)
  end
  return out
end

M.sections = {}

-- I. Kết quả thực hiện bộ tiêu chí.
function M.sections.criteria(ctx, n)
  local doc, d = ctx.doc, ctx.data
  doc:heading(3, "%d. Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới", n)
  doc:heading(4, "a) Kết quả chung")
  if ctx.style.summary then
    ctx.style.summary(ctx)
  else
    doc:bullet(M.bands_sentence(ctx, d) .. ".")
    local changes = M.changes_sentence(ctx)
    if changes then doc:bullet(changes) end
  end
  -- Nothing is silent: communes the review had no data for are named (when the review says so).
  local no_data = d.review.no_data
  if type(no_data) == "table" and #no_data > 0 then
    local names = {}
    for i, x in ipairs(no_data) do names[i] = type(x) == "table" and (x.name or x.code) or tostring(x) end
    doc:bullet("Chưa có số liệu rà soát của %d xã: %s.", #no_data, text.names(names))
  end
  local group = ctx.style.group or M.group_sentence
  for _, g in ipairs(d.groups) do doc:bullet(group(ctx, g)) end
  doc:heading(4, "b) Kết quả thực hiện từng tiêu chí")
  if ctx.style.criteria_each then
    ctx.style.criteria_each(ctx)
  else
    local sentence = ctx.style.criterion or M.criterion_sentence
    for _, c in ipairs(d.criteria) do doc:bullet(sentence(ctx, c)) end
  end
  doc:paragraph("(Chi tiết tại Biểu %02d kèm theo)", ctx.refer("criteria"))
  -- The map and the set the review used, and thresholds not yet confirmed, said in the report.
  local r = d.review
  ntm.use("review_notes").add(doc, { map_note = r.map_note, set_note = r.set_note,
                                     unconfirmed_thresholds = r.unconfirmed_thresholds })
  tables.criteria_chart(doc, d)
  tables.trend_chart(doc, d)
  -- The district level exists only on maps before 01/07/2025: group by district only when
  -- the data has districts.
  if #d.districts > 0 then
    doc:heading(4, "c) Kết quả theo đơn vị cấp huyện")
    local s = M.districts_sentence(ctx)
    if s then doc:paragraph(s) end
    doc:paragraph("(Chi tiết tại Biểu %02d kèm theo)", ctx.refer("districts"))
    tables.bands_chart(doc, d)
  end
  tables.bands_map(doc, d)
end

-- II. Công nhận đạt chuẩn: huyện, xã (chuẩn, nâng cao, kiểu mẫu), thôn.
function M.sections.recognitions(ctx, n)
  local doc, d = ctx.doc, ctx.data
  local rec, y = d.recognitions, d.year
  doc:heading(3, "%d. Kết quả công nhận đạt chuẩn nông thôn mới", n)
  local dist = rec.district.standard
  if dist.total > 0 then
    local s = string.format("Cấp huyện: có %d đơn vị cấp huyện đạt chuẩn, hoàn thành nhiệm vụ xây dựng nông thôn mới (%s)",
      dist.total, text.names(dist.names))
    if dist.new > 0 then s = s .. string.format(", trong năm %d có thêm %s", y, text.names(dist.new_names)) end
    doc:bullet(s .. ".")
  else
    doc:bullet("Cấp huyện: chưa có đơn vị cấp huyện nào đạt chuẩn nông thôn mới.")
  end
  local std = rec.commune.standard
  local s = string.format("Cấp xã: lũy kế đến hết năm %d có %d xã được công nhận đạt chuẩn nông thôn mới", y, std.total)
  if std.new > 0 then s = s .. string.format(" (trong năm %d: %d xã)", y, std.new) end
  if std.total ~= d.standard then
    s = s .. string.format("; theo rà soát năm %d có %d xã đạt đủ %d tiêu chí", y, d.standard, d.all)
  end
  doc:bullet(s .. ".")
  local adv, model = rec.commune.advanced, rec.commune.model
  if adv.total + model.total == 0 then
    doc:bullet("Chưa có xã nào đạt chuẩn nông thôn mới nâng cao, kiểu mẫu.")
  else
    local parts = {}
    if adv.total > 0 then parts[#parts + 1] = string.format("%d xã đạt chuẩn nông thôn mới nâng cao", adv.total) end
    if model.total > 0 then parts[#parts + 1] = string.format("%d xã đạt chuẩn nông thôn mới kiểu mẫu", model.total) end
    doc:bullet("Có " .. text.names(parts) .. ".")
  end
  for _, grade in ipairs{ "standard", "model" } do
    local v = rec.village[grade]
    if v.total > 0 then
      local what = grade == "standard" and "thôn, bản đạt chuẩn nông thôn mới" or "thôn nông thôn mới kiểu mẫu"
      local runs = { string.format("Cấp thôn: lũy kế có %d %s", v.total, what) }
      if v.new > 0 then
        local by = {}
        for name, count in pairs(v.new_by_district) do by[#by + 1] = { name = name, count = count } end
        table.sort(by, function(a, b) return a.count > b.count or (a.count == b.count and ntm.fmt.less(a.name, b.name)) end)
        local list = {}
        for _, b in ipairs(by) do list[#list + 1] = string.format("%s %d", b.name, b.count) end
        runs[1] = runs[1] .. string.format(", trong năm %d có thêm %d (%s)", y, v.new, table.concat(list, ", "))
      end
      if v.total <= 20 then runs[#runs + 1] = { footnote = table.concat(v.names, ", ") .. "." } end
      runs[#runs + 1] = "."
      doc:bullet(runs)
    end
  end
end

-- Nguồn có kế hoạch và giải ngân mà không nguồn con nào có kế hoạch (để không đếm hai lần).
local function disbursement_sources(fu)
  local out = {}
  for _, s in ipairs(fu.sources) do
    if s.plan and s.disbursed then
      local child_has_plan = false
      for _, c in ipairs(fu.sources) do
        if c.parent == s.code and c.plan then child_has_plan = true end
      end
      if not child_has_plan then out[#out + 1] = s end
    end
  end
  return out
end

-- III. Huy động, giải ngân nguồn lực.
function M.sections.funding(ctx, n)
  local doc, d, f = ctx.doc, ctx.data, ctx.f
  local fu = d.funding
  doc:heading(3, "%d. Huy động và sử dụng nguồn lực", n)
  if #fu.sources == 0 then
    doc:paragraph("Chưa có số liệu nguồn vốn năm %d.", d.year)
    return
  end
  doc:paragraph("Tổng nguồn vốn huy động thực hiện Chương trình năm %d là %s, gồm:", d.year, f.money(fu.total))
  for _, s in ipairs(fu.sources) do
    if s.mobilised then
      local line = string.format("%s: %s", s.name, f.money(s.mobilised))
      if s.level == 0 and fu.total > 0 then line = line .. ", chiếm " .. f.percent(s.mobilised, fu.total, "share") end
      doc:bullet{ level = math.min(s.level, 2), line .. (s.level == 0 and ";" or "") }
    end
  end
  doc:paragraph("(Chi tiết tại Biểu %02d kèm theo)", ctx.refer("funding"))
  local list = disbursement_sources(fu)
  if #list > 0 then
    doc:paragraph("Kết quả giải ngân nguồn vốn hỗ trợ trực tiếp Chương trình:")
    for _, s in ipairs(list) do
      doc:bullet("%s: giải ngân %s/%s, đạt %s kế hoạch giao.", s.name, ntm.fmt.number(s.disbursed), f.money(s.plan),
        f.percent(s.disbursed, s.plan, "share"))
    end
    if #list > 1 and fu.plan > 0 then
      doc:bullet("Tổng cộng: giải ngân %s/%s, đạt %s.", ntm.fmt.number(fu.disbursed), f.money(fu.plan),
        f.percent(fu.disbursed, fu.plan, "share"))
    end
  end
end

-- IV. Chương trình OCOP.
function M.sections.ocop(ctx, n)
  local doc, d, f = ctx.doc, ctx.data, ctx.f
  local o = d.ocop
  doc:heading(3, "%d. Chương trình Mỗi xã một sản phẩm (OCOP)", n)
  if o.total == 0 then
    doc:paragraph("Đến hết năm %d chưa có sản phẩm OCOP được công nhận.", d.year)
    return
  end
  local stars = {}
  for s = 5, 3, -1 do
    if o.stars[s] then
      stars[#stars + 1] = string.format("%d sản phẩm %d sao (chiếm %s)", o.stars[s], s, f.percent(o.stars[s], o.total, "share"))
    end
  end
  doc:paragraph("Đến hết năm %d, toàn tỉnh có %d sản phẩm OCOP được công nhận đạt 3 sao trở lên (năm %d: %d sản phẩm, các năm trước: %d sản phẩm), trong đó: %s.",
    d.year, o.total, d.year, o.new, o.previous, table.concat(stars, "; "))
  local kinds = {}
  for _, k in ipairs{ "cooperative", "enterprise", "cooperative_group", "household", "other" } do
    local c = o.producer_kinds[k]
    if c then kinds[#kinds + 1] = string.format("%s %s", text.lower(tables.PRODUCER_KINDS[k]), f.percent(c, o.producers, "share")) end
  end
  doc:paragraph("Có %d chủ thể có sản phẩm OCOP được đánh giá, phân hạng, trong đó: %s.", o.producers, table.concat(kinds, ", "))
  doc:paragraph("(Chi tiết tại Biểu %02d kèm theo)", ctx.refer("ocop"))
end

-- Chỉ tiêu kế hoạch: tên, đơn vị, cách lấy số thực hiện; lower = càng thấp càng tốt.
M.TARGETS = {
  { key = "standard_communes", label = "Số xã đạt chuẩn nông thôn mới", unit = "xã",
    actual = function(d) return d.standard end },
  { key = "advanced_communes", label = "Số xã đạt chuẩn nông thôn mới nâng cao", unit = "xã",
    actual = function(d) return d.recognitions.commune.advanced.total end },
  { key = "advanced_or_model_communes", label = "Số xã nông thôn mới nâng cao, kiểu mẫu", unit = "xã",
    actual = function(d) return d.recognitions.commune.advanced.total + d.recognitions.commune.model.total end },
  { key = "average_criteria", label = "Số tiêu chí bình quân", unit = "tiêu chí/xã", decimals = 2,
    actual = function(d) return d.average end },
  { key = "standard_districts", label = "Số đơn vị cấp huyện đạt chuẩn nông thôn mới", unit = "huyện",
    actual = function(d) return d.recognitions.district.standard.total end },
  { key = "standard_villages", label = "Số thôn, bản đạt chuẩn nông thôn mới", unit = "thôn",
    actual = function(d) return d.recognitions.village.standard.total end },
  { key = "model_villages", label = "Số thôn nông thôn mới kiểu mẫu", unit = "thôn",
    actual = function(d) return d.recognitions.village.model.total end },
  { key = "ocop_new_products", label = "Số sản phẩm OCOP được công nhận trong năm", unit = "sản phẩm",
    actual = function(d) return d.ocop.new end },
  { key = "income_per_capita", label = "Thu nhập bình quân đầu người khu vực nông thôn", unit = "triệu đồng/người/năm",
    decimals = 1, actual = function(d) return d.stats.income_per_capita end },
  { key = "poverty_rate", label = "Tỷ lệ hộ nghèo khu vực nông thôn", unit = "%", decimals = 2, lower = true,
    actual = function(d) return d.stats.rural_poverty_rate end },
  { key = "health_insurance_rate", label = "Tỷ lệ người dân tham gia bảo hiểm y tế", unit = "%", decimals = 1,
    actual = function(d) return d.stats.health_insurance_rate end },
  { key = "hygienic_water_rate", label = "Tỷ lệ dân số nông thôn sử dụng nước hợp vệ sinh", unit = "%", decimals = 2,
    actual = function(d) return d.stats.hygienic_water_rate end },
}

-- Dòng so sánh với kế hoạch của chính năm báo cáo (kết quả năm Y chỉ so với kế hoạch năm Y;
-- kế hoạch năm sau thuộc Phần thứ hai). `plan` mặc định là d.targets.
function M.targets_rows(d, plan, plan_year)
  plan, plan_year = plan or d.targets, plan_year or d.year
  local rows, known = {}, {}
  for _, t in ipairs(M.TARGETS) do
    known[t.key] = true
    local target = plan[t.key]
    if target then
      local actual = t.actual(d)
      rows[#rows + 1] = { key = t.key, label = t.label, unit = t.unit, decimals = t.decimals, actual = actual,
                          target = target.value, note = target.note,
                          ratio = (actual and not t.lower and target.value ~= 0) and actual * 100 / target.value or nil }
    end
  end
  -- Số xã đạt từng tiêu chí ("criterion_communes.N"), theo thứ tự tiêu chí.
  for _, c in ipairs(d.criteria) do
    local key = "criterion_communes." .. c.number
    known[key] = true
    local target = plan[key]
    if target then
      rows[#rows + 1] = { key = key, label = string.format("Số xã đạt tiêu chí số %d (%s)", c.number, c.name), unit = "xã",
                          actual = c.met, target = target.value, note = target.note,
                          ratio = (c.met and target.value ~= 0) and c.met * 100 / target.value or nil }
    end
  end
  for _, target in ipairs(plan) do
    if not known[target.key] then
      rows[#rows + 1] = { key = target.key, label = target.note or target.key, unit = "", target = target.value }
    end
  end
  return rows, plan_year
end

-- V. So sánh với kế hoạch.
function M.sections.targets(ctx, n)
  local doc, d, f = ctx.doc, ctx.data, ctx.f
  local rows, plan_year = ctx.targets_rows, ctx.plan_year
  if #rows == 0 then
    doc:heading(3, "%d. So sánh với kế hoạch năm %d", n, d.year)
    doc:paragraph("Dữ liệu chưa có kế hoạch (chỉ tiêu) năm %d của tỉnh nên chưa so sánh được kết quả với kế hoạch.", d.year)
    return
  end
  doc:heading(3, "%d. So sánh với kế hoạch năm %d", n, plan_year)
  for _, r in ipairs(rows) do
    local unit = r.unit == "%" and "%" or (r.unit ~= "" and " " .. r.unit or "")
    local target = ntm.fmt.number(r.target, { decimals = r.decimals or 0, trim = true }) .. unit
    if r.actual then
      local actual = ntm.fmt.number(r.actual, { decimals = r.decimals or 0, trim = true }) .. unit
      if r.ratio then
        doc:bullet("%s: thực hiện năm %d đạt %s, bằng %s kế hoạch năm %d (%s).", r.label, d.year, actual,
          ntm.fmt.number(f.round(r.ratio, "ratio"), f.style.ratio or text.DEFAULT.ratio) .. "%", plan_year, target)
      else
        doc:bullet("%s: thực hiện năm %d là %s; kế hoạch năm %d là %s.", r.label, d.year, actual, plan_year, target)
      end
    else
      doc:bullet("%s: kế hoạch năm %d là %s.", r.label, plan_year, target)
    end
  end
  doc:paragraph("(Chi tiết tại Biểu %02d kèm theo)", ctx.refer("targets"))
end

-- Thứ tự các biểu kèm theo.
M.ANNEX = { "funding", "criteria", "districts", "ocop", "targets" }

-- Dựng từng biểu kèm theo.
local ANNEX = {
  criteria = function(ctx, n) tables.criteria(ctx.doc, ctx.data, ctx.f, n) end,
  districts = function(ctx, n) tables.districts(ctx.doc, ctx.data, ctx.f, n) end,
  funding = function(ctx, n) tables.funding(ctx.doc, ctx.data, ctx.f, n) end,
  ocop = function(ctx, n) tables.ocop(ctx.doc, ctx.data, ctx.f, n) end,
  targets = function(ctx, n) tables.targets(ctx.doc, ctx.data, ctx.f, n, ctx.targets_rows, ctx.plan_year) end,
}

-- "ngày 31 tháng 12 năm 2020" từ một ngày; chữ không phải ngày ("ngày   tháng 01 năm 2021")
-- giữ nguyên.
local function long_date(s)
  local ok, text_ = pcall(ntm.fmt.date, s)
  return ok and text_ or s
end

-- Kiểu số của tỉnh theo tệp hồ sơ (--profile): chữ số thập phân và cách làm tròn của các tỷ lệ.
local function with_profile(style, prof)
  if not prof or not (prof.decimals or prof.rounding) then return style end
  local out = {}
  for k, v in pairs(style) do out[k] = v end
  for _, kind in ipairs{ "percent", "share", "ratio" } do
    local base = style[kind] or text.DEFAULT[kind]
    out[kind] = { decimals = prof.decimals or base.decimals, mode = prof.rounding or base.mode, trim = base.trim }
  end
  return out
end

local function non_empty(list) return list and #list > 0 and list or nil end
local function non_blank(s) return s and s ~= "" and s or nil end

-- Mục tiêu năm sau (Phần thứ hai) từ bảng kế hoạch năm Y+1.
local function next_year_targets(ctx)
  local doc, d = ctx.doc, ctx.data
  local rows = M.targets_rows(d, d.next_targets, d.year + 1)
  if #rows == 0 then return end
  doc:paragraph("Các chỉ tiêu chủ yếu năm %d (theo kế hoạch trong dữ liệu):", d.year + 1)
  for _, r in ipairs(rows) do
    local unit = r.unit == "%" and "%" or (r.unit ~= "" and " " .. r.unit or "")
    local target = ntm.fmt.number(r.target, { decimals = r.decimals or 0, trim = true }) .. unit
    local line = string.format("%s: %s", r.label, target)
    if r.actual then
      line = line .. string.format(" (năm %d: %s%s)", d.year, ntm.fmt.number(r.actual, { decimals = r.decimals or 0, trim = true }), unit)
    end
    if r.note and r.note ~= "" and r.note ~= r.label then line = line .. "; " .. r.note end
    doc:bullet(line .. ".")
  end
end

-- Các trường cho mẫu Word của văn phòng ({{tinh}}, {{so_xa_dat_chuan}}, ... và danh sách
-- {{huyen.ten}}, {{tieu_chi.ten}} để lặp dòng bảng). `ntm report annual --fields` liệt kê.
local function publish_fields(ctx, meta)
  local d, f, doc = ctx.data, ctx.f, ctx.doc
  local fields = {
    tinh = d.name, ten_tinh = d.name_with_type, ma_tinh = d.code, nam = tostring(d.year), nam_sau = tostring(d.year + 1),
    so_van_ban = meta.number, ngay = long_date(meta.date), dia_danh = meta.place,
    co_quan = meta.issuer[#meta.issuer], nguoi_ky = meta.name, chuc_vu = table.concat(meta.role, " "),
    so_xa = d.communes, so_xa_dat_chuan = d.standard, ty_le_dat_chuan = f.percent(d.standard, d.communes),
    binh_quan_tieu_chi = f.average(d.average), so_tieu_chi = d.all,
    so_xa_15_18 = d.bands.from_15_to_18, so_xa_10_14 = d.bands.from_10_to_14, so_xa_5_9 = d.bands.from_5_to_9,
    so_xa_duoi_5 = d.bands.below_5, so_xa_duoi_10 = d.below_10,
    tong_von = f.money(d.funding.total), so_san_pham_ocop = d.ocop.total,
    bo_tieu_chi = d.set.name,
  }
  if d.previous then
    fields.so_xa_dat_chuan_nam_truoc = d.previous_standard
    fields.binh_quan_tieu_chi_nam_truoc = f.average(d.previous_average)
  end
  local tieu_chi = {}
  for _, c in ipairs(d.criteria) do
    tieu_chi[#tieu_chi + 1] = { so = c.number, ten = c.name, so_xa_dat = c.met, ty_le = f.percent(c.met, d.communes),
                                nam_truoc = c.previous and tostring(c.previous) or "", tang_giam = c.increase and tostring(c.increase) or "" }
  end
  local huyen = {}
  for i, x in ipairs(d.districts) do
    huyen[#huyen + 1] = { tt = i, ten = x.name, so_xa = x.communes, dat_chuan = x.standard,
                          ty_le = f.percent(x.standard, x.communes), binh_quan = f.average(x.average) }
  end
  fields.tieu_chi, fields.huyen = tieu_chi, huyen
  doc:fields(fields)
end

-- Dựng báo cáo theo thứ tự văn bản được ký: phần đầu, Phần thứ nhất (tình hình triển khai, kết
-- quả, đánh giá chung), Phần thứ hai (mục tiêu, nhiệm vụ giải pháp, kiến nghị), câu kết, nơi
-- nhận và chữ ký, rồi các biểu kèm theo (mỗi biểu một trang mới, trang ngang khi bảng rộng).
-- Văn bản của văn phòng (đánh giá, nhiệm vụ, kiến nghị, ...) lấy từ tệp văn bản trong hồ sơ tỉnh
-- (--profile, --text); mục chưa viết có chỗ trống ghi rõ. p = tham số (province, year, date,
-- number, signer), style = cách viết của tỉnh.
function M.build(p, style)
  local prof = ntm.report.profile()
  style = with_profile(style or {}, prof)
  prof = prof or { signer = {} }
  local d = ntm.use("annual_data").collect{ province = p.province, year = p.year }
  local f = text.formatter(style)
  if prof.money_unit == "ty" then f.money = function(amount) return ntm.fmt.money(amount, { unit = "ty" }) end end
  local issuer = non_empty(prof.issuer) or (style.issuer and style.issuer(d))
    or { "UBND " .. text.upper(d.name_with_type), "BAN CHỈ ĐẠO CÁC CTMTQG" }
  local meta = {
    issuer = issuer,
    number = p.number or non_blank(prof.number) or style.number or "     /BC-BCĐ",
    place = non_blank(prof.place) or d.name,
    date = p.date or (style.date and style.date(d)) or string.format("%d-12-31", d.year),
    role = non_empty(prof.signer.role) or style.role or { "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN" },
    name = p.signer or non_blank(prof.signer.name) or "[Họ và tên người ký: --signer hoặc [signer] name trong hồ sơ tỉnh]",
    recipients = non_empty(prof.recipients) or style.recipients
      or { "Ban Chỉ đạo Trung ương các Chương trình MTQG;", "Văn phòng Điều phối nông thôn mới Trung ương;",
           "Thường trực Tỉnh ủy, HĐND, UBND tỉnh;", "Thành viên Ban Chỉ đạo tỉnh;", "Lưu: VT." },
  }
  local doc = ntm.report.document{
    issuer = meta.issuer, number = meta.number, place = meta.place, date = meta.date, kind = "BÁO CÁO",
    title = style.title and style.title(d)
      or string.format("Kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới năm %d; phương hướng, nhiệm vụ năm %d trên địa bàn %s",
        d.year, d.year + 1, text.lower_first(d.name_with_type)),
  }
  local ctx = { doc = doc, data = d, f = f, text = text, style = style, p = p }
  ctx.targets_rows, ctx.plan_year = M.targets_rows(d)
  -- Annex tables in a fixed order (funding is Biểu 01), only those with data whose section runs.
  local sections = style.sections or M.SECTIONS
  local runs = {}
  for _, name in ipairs(sections) do runs[name] = true end
  local available = {
    funding = runs.funding and #d.funding.sources > 0, criteria = runs.criteria, districts = runs.criteria and #d.districts > 0,
    ocop = runs.ocop and d.ocop.total > 0, targets = runs.targets and #ctx.targets_rows > 0,
  }
  local annex = {}
  for _, name in ipairs(style.annex or M.ANNEX) do
    if available[name] then annex[#annex + 1] = name end
  end
  -- The number of the annex table `name` ("Biểu 01" → 1).
  function ctx.refer(name)
    for i, a in ipairs(annex) do if a == name then return i end end
    error("biểu kèm theo '" .. tostring(name) .. "' không có trong danh sách (style.annex)", 2)
  end
  if style.intro then
    doc:paragraph(style.intro(d))
  else
    doc:paragraph("Ban Chỉ đạo các Chương trình mục tiêu quốc gia %s báo cáo kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới năm %d; phương hướng, nhiệm vụ năm %d như sau:",
      text.lower_first(d.name_with_type), d.year, d.year + 1)
  end

  doc:heading(1, "Phần thứ nhất\nTÌNH HÌNH TRIỂN KHAI, KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH NĂM %d", d.year)
  doc:heading(2, "I. TÌNH HÌNH TRIỂN KHAI")
  doc:prose("Tình hình triển khai")
  doc:heading(2, "II. KẾT QUẢ THỰC HIỆN")
  for i, name in ipairs(sections) do
    local section = style[name .. "_section"] or M.sections[name]
    if not section then error("không có mục báo cáo '" .. tostring(name) .. "'", 2) end
    section(ctx, i)
  end
  doc:heading(2, "III. ĐÁNH GIÁ CHUNG")
  doc:heading(3, "1. Những kết quả nổi bật")
  doc:prose("Kết quả nổi bật")
  doc:heading(3, "2. Tồn tại, hạn chế")
  doc:prose("Tồn tại, hạn chế")
  doc:heading(3, "3. Nguyên nhân")
  doc:prose("Nguyên nhân")
  doc:heading(3, "4. Bài học kinh nghiệm")
  doc:prose("Bài học kinh nghiệm")

  doc:heading(1, "Phần thứ hai\nPHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NĂM %d", d.year + 1)
  doc:heading(2, "I. MỤC TIÊU")
  doc:prose("Mục tiêu")
  next_year_targets(ctx)
  doc:heading(2, "II. NHIỆM VỤ, GIẢI PHÁP")
  doc:prose("Nhiệm vụ, giải pháp")
  doc:heading(2, "III. KIẾN NGHỊ, ĐỀ XUẤT")
  doc:prose("Kiến nghị, đề xuất")

  doc:paragraph(style.closing and style.closing(d) or string.format(
    "Trên đây là báo cáo kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới năm %d; phương hướng, nhiệm vụ năm %d của Ban Chỉ đạo các Chương trình mục tiêu quốc gia %s./.",
    d.year, d.year + 1, text.lower_first(d.name_with_type)))
  doc:sign_off{ recipients = meta.recipients, role = meta.role, name = meta.name }

  -- Biểu kèm theo: mỗi biểu một trang, "(Kèm theo Báo cáo số …/BC-… ngày … của …)".
  d.annex = { note = string.format("(Kèm theo Báo cáo số %s %s của Ban Chỉ đạo các Chương trình MTQG %s)", meta.number,
    long_date(meta.date), text.lower_first(d.name_with_type)) }
  for i, name in ipairs(annex) do ANNEX[name](ctx, i) end
  publish_fields(ctx, meta)
  return doc
end

return M
