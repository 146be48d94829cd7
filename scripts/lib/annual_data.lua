-- Số liệu của báo cáo năm, tính từ dữ liệu: rà soát tiêu chí năm báo cáo và năm trước
-- (lib/review.lua), theo huyện và theo nhóm xã (tag), công nhận đạt chuẩn (xã, thôn, huyện),
-- nguồn vốn theo cây nguồn (huy động, kế hoạch, giải ngân), sản phẩm OCOP, kế hoạch (bảng
-- target) và vài số thống kê không tính được từ xã (thu nhập, tỷ lệ hộ nghèo).
-- Không có con số nào gõ tay: mọi số đều đọc hoặc tính từ cơ sở dữ liệu.
-- local data = ntm.use("annual_data").collect{ province = "Điện Biên", year = 2020 }
local review = ntm.use("review")
local M = {}

local function contains(list, value)
  for _, v in ipairs(list) do if v == value then return true end end
  return false
end

-- Số tiêu chí đạt theo nhóm, số xã dưới 10 tiêu chí.
local function below(r, limit)
  local n = 0
  for _, x in ipairs(r.results) do if x.count < limit then n = n + 1 end end
  return n
end

-- Tiêu chí: số xã đạt năm nay, năm trước, thay đổi.
local function criteria(set, r, r0)
  local out = {}
  for _, c in ipairs(set.criteria) do
    local key = tostring(c.number)
    local met, before = r.criteria[key], r0 and r0.criteria[key]
    out[#out + 1] = { number = c.number, name = c.name, group = c.group, met = met, previous = before,
                      increase = before and (met - before) or nil }
  end
  return out
end

-- Kết quả theo huyện, theo thứ tự mã huyện; chỉ các huyện có xã. Trên bản đồ không còn cấp
-- huyện (từ 01/07/2025), theo huyện cũ của các đơn vị hợp thành xã, theo tên.
local function districts(tinh, r, r0)
  local out = {}
  local function add(name, d)
    local s = r.by_district[name]
    if not s then return end
    local s0 = r0 and r0.by_district[name]
    out[#out + 1] = { code = d and d.code or "", name = name, name_with_type = d and d.name_with_type or name,
                      type = d and d.type or "", communes = s.communes, bands = s.bands, average = s.average,
                      standard = s.bands[r.band_order[1]],
                      previous_standard = s0 and s0.bands[r0.band_order[1]], previous_average = s0 and s0.average }
  end
  if r.group_by == "huyen" then
    for _, d in ipairs(tinh:districts()) do add(d.name, d) end
  else
    local names = {}
    for name in pairs(r.by_district) do names[#names + 1] = name end
    table.sort(names)
    for _, name in ipairs(names) do add(name, nil) end
  end
  return out
end

-- Công nhận đạt chuẩn đến hết năm `year` (không tính quyết định đã thu hồi trước đó).
local function recognitions(tinh, year)
  local rows = tinh:recognitions{ year = year }
  local out = {}
  for _, kind in ipairs{ "district", "commune", "village" } do
    out[kind] = {}
    for _, grade in ipairs{ "basic", "standard", "advanced", "model" } do
      out[kind][grade] = { total = 0, new = 0, names = {}, new_names = {}, new_by_district = {} }
    end
  end
  for _, row in ipairs(rows) do
    local g = out[row.kind] and out[row.kind][row.grade]
    if g then
      g.total = g.total + 1
      g.names[#g.names + 1] = row.name
      if row.year == year then
        g.new = g.new + 1
        g.new_names[#g.new_names + 1] = row.name
        local d = row.district ~= "" and row.district or "?"
        g.new_by_district[d] = (g.new_by_district[d] or 0) + 1
      end
    end
  end
  return out
end

-- Nguồn vốn: số tiền của một nguồn ở một giai đoạn là dòng của chính nguồn đó, nếu không có
-- thì tổng các nguồn con (nil khi không có gì).
local function funding(tinh, year)
  local sources = ntm.funding_sources()
  local own = {}
  for _, r in ipairs(tinh:funding{ year = year }) do
    if r.component == "" then
      own[r.stage] = own[r.stage] or {}
      own[r.stage][r.source] = (own[r.stage][r.source] or 0) + r.amount
    end
  end
  local children = {}
  for _, s in ipairs(sources) do
    if s.parent then
      children[s.parent] = children[s.parent] or {}
      table.insert(children[s.parent], s.code)
    end
  end
  local function amount(code, stage)
    local o = own[stage] and own[stage][code]
    if o then return o end
    local sum
    for _, c in ipairs(children[code] or {}) do
      local a = amount(c, stage)
      if a then sum = (sum or 0) + a end
    end
    return sum
  end
  local out = { sources = {}, total = 0, plan = 0, disbursed = 0, year = year }
  local level = {}
  for _, s in ipairs(sources) do
    level[s.code] = s.parent and (level[s.parent] + 1) or 0
    local item = { code = s.code, name = s.name, parent = s.parent, level = level[s.code],
                   mobilised = amount(s.code, "mobilised"), plan = amount(s.code, "plan"),
                   disbursed = amount(s.code, "disbursed") }
    if item.mobilised or item.plan or item.disbursed then
      out.sources[#out.sources + 1] = item
      out[s.code] = item
      if not s.parent then
        out.total = out.total + (item.mobilised or 0)
        if item.plan and item.disbursed then
          out.plan = out.plan + item.plan
          out.disbursed = out.disbursed + item.disbursed
        end
      end
    end
  end
  return out
end

-- Sản phẩm OCOP được công nhận đến hết năm.
local function ocop(tinh, year)
  local rows = tinh:ocop{ year = year }
  local out = { total = 0, new = 0, previous = 0, stars = {}, groups = {}, group_order = {},
                by_group_stars = {}, producers = 0, producer_kinds = {} }
  local seen = {}
  for _, r in ipairs(rows) do
    out.total = out.total + 1
    if r.year == year then out.new = out.new + 1 else out.previous = out.previous + 1 end
    out.stars[r.stars] = (out.stars[r.stars] or 0) + 1
    if not out.groups[r.group] then
      out.groups[r.group] = 0
      out.group_order[#out.group_order + 1] = r.group
    end
    out.groups[r.group] = out.groups[r.group] + 1
    out.by_group_stars[r.group .. "/" .. r.stars] = (out.by_group_stars[r.group .. "/" .. r.stars] or 0) + 1
    if not seen[r.producer] then
      seen[r.producer] = true
      out.producers = out.producers + 1
      out.producer_kinds[r.producer_kind] = (out.producer_kinds[r.producer_kind] or 0) + 1
    end
  end
  table.sort(out.group_order, ntm.fmt.less)
  return out
end

-- Kế hoạch của tỉnh cho một năm: key → {value, note}.
local function targets(tinh, year)
  local out = {}
  for _, r in ipairs(tinh:targets{ year = year }) do
    out[r.key] = { key = r.key, value = r.value, note = r.note }
    out[#out + 1] = out[r.key]
  end
  return out
end

-- Số thống kê đầu vào (không tính được từ số liệu xã).
M.INPUT_STATISTICS = { "income_per_capita", "rural_poverty_rate", "health_insurance_rate", "hygienic_water_rate" }

local function statistics(tinh, year)
  local out, rows = {}, tinh:statistics(year)
  for _, key in ipairs(M.INPUT_STATISTICS) do
    if rows[key] and rows[key].value then out[key] = rows[key].value end
  end
  return out
end

-- Thu thập mọi số liệu của báo cáo. opts: province, year.
function M.collect(opts)
  local tinh = ntm.province(opts.province)
  local year = opts.year
  local r = review.run{ province = opts.province, year = year }
  local r0
  if contains(tinh:years(), year - 1) then r0 = review.run{ province = opts.province, year = year - 1 } end
  local set = ntm.criteria(r.criteria_set)

  local data = {
    province = tinh, name = tinh.name, name_with_type = tinh.name_with_type, code = tinh.code,
    year = year, previous_year = year - 1, set = set, all = #set.criteria,
    review = r, previous = r0, communes = r.communes,
    bands = r.bands, band_order = r.band_order, band_names = r.band_names,
    average = r.average, standard = r.standard, no_data = r.no_data, with_data = r.with_data,
    unconfirmed_thresholds = r.unconfirmed_thresholds, map_note = r.map_note, set_note = r.set_note,
    below_10 = below(r, 10),
    criteria = criteria(set, r, r0),
    districts = districts(tinh, r, r0),
    recognitions = recognitions(tinh, year),
    funding = funding(tinh, year),
    ocop = ocop(tinh, year),
    targets = targets(tinh, year), next_targets = targets(tinh, year + 1),
    stats = statistics(tinh, year), previous_stats = statistics(tinh, year - 1),
    groups = {},
  }
  if r0 then
    data.previous_standard = r0.standard
    data.previous_average = r0.average
    data.previous_below_10 = below(r0, 10)
  end
  -- Nhóm xã (tag) như "Đề án 29 xã biên giới": rà soát riêng.
  for _, tag in ipairs(tinh:tags()) do
    local rt = review.run{ province = opts.province, year = year, tag = tag }
    data.groups[#data.groups + 1] = { tag = tag, communes = rt.communes, bands = rt.bands, average = rt.average,
                                      standard = rt.standard, districts = districts(tinh, rt, nil) }
  end
  return data
end

return M
