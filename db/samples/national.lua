-- Sample dataset: a synthetic country, for `ntm init --sample national [--years 2016-2020]
-- [--provinces 11,24] [--seed N]` (the benchmark's data, bench/run.sh).
--
-- Real: only the units, the rural communes (type 'xa') of the map of 31/12 of each year that
-- ntm loads at init (8,496 of them on the map of 2020), with their provinces and regions, and
-- the thresholds of the year's criteria set read from the database. Synthetic: everything
-- else — every indicator value, status, recognition, funding line and OCOP product.
--
-- How a commune comes out: it gets a development level once (its province's level, which
-- follows the region, plus noise) and a fixed order in which it reaches the criteria (easy
-- ones first, give or take); each year its level rises a little, and the number of criteria
-- it meets follows the level, so a commune never loses a criterion from one year to the next
-- and the share of standard communes grows over the period. Indicator values are drawn around
-- the commune's own threshold (its region, the year) by lib.indicator_values: a met criterion
-- gets passing values, an unmet one one to three failing ones. In each year about 3 % of
-- communes have assessed statuses only, 0.5 % no data at all, and 3 % of those with values
-- miss one to three of them (so the criterion those values belong to is not met).
-- Rows go to the host province by province through `emit`, so memory stays bounded; the same
-- seed gives byte-identical rows (every loop runs over lists sorted by code).

local lib, params, emit = ...
params = params or {}

-- Short: it is stored on each of two million rows (meta.note says what the sample is).
local SOURCE = "mẫu"

---------------------------------------------------------------------------------------------
-- Parameters

-- A parameter the generator cannot build: a command-line error (exit 2, one line).
local function fail(message) lib.bad_parameter("mẫu national: " .. message) end

local first, last = 2016, 2020
if params.years and params.years ~= "" then
  local a, b = params.years:match("^%s*(%d%d%d%d)%s*%-%s*(%d%d%d%d)%s*$")
  if not a then a = params.years:match("^%s*(%d%d%d%d)%s*$"); b = a end
  if not a then fail("--years phải là NĂM hoặc NĂM-NĂM (ví dụ 2016-2020), không phải '" .. params.years .. "'") end
  first, last = tonumber(a), tonumber(b)
end
-- Sets judged by region (1980-xa for 2016-2021, 318-xa for 2022-2025); 51-xa (2026-) judges by
-- commune group, which this sample does not assign.
if first > last or first < 2016 or last > 2025 then
  fail("--years phải nằm trong 2016-2025 (bộ tiêu chí theo vùng), không phải " .. first .. "-" .. last)
end
local seed = 20200101
if params.seed and params.seed ~= "" then
  seed = math.tointeger(tonumber(params.seed)) or fail("--seed phải là số nguyên, không phải '" .. params.seed .. "'")
end
lib.seed(seed)
local wanted
if params.provinces and params.provinces ~= "" then
  wanted = {}
  for code in params.provinces:gmatch("[^,%s]+") do wanted[code] = true end
end

---------------------------------------------------------------------------------------------
-- Units of a year: every rural commune of the map of 31/12, with its province and region.

local UNITS = [[
  WITH RECURSIVE up(id, anc) AS (
    SELECT u.id, p.parent_id FROM unit u JOIN unit_period p ON p.unit_id = u.id
      AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1
    WHERE u.kind = 'commune' AND p.type = 'xa'
    UNION ALL
    SELECT up.id, p.parent_id FROM up JOIN unit a ON a.id = up.anc AND a.kind <> 'province'
      JOIN unit_period p ON p.unit_id = a.id
      AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1)
  SELECT up.id AS id, c.code AS code, cp.name AS name, pr.id AS province_id, pr.code AS province,
         ifnull(rc.value, '') AS region
  FROM up JOIN unit pr ON pr.id = up.anc AND pr.kind = 'province'
       JOIN unit c ON c.id = up.id
       JOIN unit_period cp ON cp.unit_id = c.id
         AND ifnull(cp.valid_from, '') <= ?1 AND ifnull(cp.valid_to, '9999-12-31') >= ?1
       LEFT JOIN unit_class rc ON rc.unit_id = pr.id AND rc.key = 'region' AND rc.year = 0
  ORDER BY pr.code, c.code]]

-- Provinces of a year in code order: {code, id, region, communes = {...}}.
local function provinces_of(year)
  local list, by_code = {}, {}
  for _, r in ipairs(ntm.sql(UNITS, string.format("%04d-12-31", year))) do
    if not wanted or wanted[r.province] then
      local p = by_code[r.province]
      if not p then
        p = {code = r.province, id = r.province_id, region = r.region, communes = {}}
        by_code[r.province] = p
        list[#list + 1] = p
      end
      p.communes[#p.communes + 1] = {id = r.id, code = r.code, name = r.name}
    end
  end
  if wanted then
    for _, code in ipairs(lib.sorted_keys(wanted)) do
      if not by_code[code] then fail("--provinces: không có tỉnh mã " .. code .. " có xã trên bản đồ ngày 31/12/" .. year) end
    end
  end
  return list
end

local function set_of(year)
  local rows = ntm.sql([[SELECT id FROM criteria_set WHERE level = 'commune' AND grade = 'standard'
                         AND ?1 BETWEEN valid_from AND valid_to ORDER BY valid_from DESC, id LIMIT 1]], year)
  if not rows[1] then fail("--years: không có bộ tiêu chí xã của năm " .. year) end
  return rows[1].id
end

---------------------------------------------------------------------------------------------
-- Levels

-- A province's development level by region (the delta and the south-east first), with noise.
local REGION_LEVEL = {DBSH = 0.95, DNB = 0.93, DBSCL = 0.82, BTB = 0.82, DHNTB = 0.8, TN = 0.72, TDMNPB = 0.62}
-- How hard each criterion is: a commune meets its criteria roughly in this order (income,
-- poverty, environment and production come last).
local EASE = {[1] = 0.95, [12] = 0.92, [19] = 0.9, [4] = 0.88, [9] = 0.85, [8] = 0.84, [3] = 0.83, [16] = 0.8,
              [7] = 0.78, [15] = 0.76, [18] = 0.75, [14] = 0.74, [2] = 0.7, [5] = 0.66, [6] = 0.64, [13] = 0.6,
              [11] = 0.55, [10] = 0.5, [17] = 0.45}
local GROWTH = 0.07           -- level gained per year

local province_level, commune = {}, {}    -- by province code; by unit id

local function level_of_province(p)
  if not province_level[p.code] then
    province_level[p.code] = (REGION_LEVEL[p.region] or 0.75) + lib.normal(0, 0.06)
  end
  return province_level[p.code]
end

-- A commune's lasting traits: level, the order it reaches criteria, its first standard year.
local function traits(c, p, numbers)
  local t = commune[c.id]
  if t then return t end
  t = {level = level_of_province(p) + lib.normal(0, 0.16)}
  local keyed = {}
  for i, n in ipairs(numbers) do keyed[i] = {n = n, k = (EASE[n] or 0.7) + lib.normal(0, 0.08)} end
  table.sort(keyed, function(a, b) if a.k ~= b.k then return a.k > b.k end return a.n < b.n end)
  t.order = {}
  for i, e in ipairs(keyed) do t.order[i] = e.n end
  commune[c.id] = t
  return t
end

-- Criteria met in a year: all of them at a level of 1 or more, else a share of them.
local function count_met(t, year, all)
  local x = t.level + GROWTH * (year - 2016)
  if x >= 1 then return all end
  return math.max(0, math.min(all - 1, math.floor(all * math.max(x, 0) ^ 1.5 + 0.5)))
end

---------------------------------------------------------------------------------------------
-- OCOP and funding

local PRODUCTS = {
  {"Gạo", "thuc-pham"}, {"Chè", "do-uong"}, {"Mật ong", "thuc-pham"}, {"Nước mắm", "thuc-pham"},
  {"Miến dong", "thuc-pham"}, {"Rượu men lá", "do-uong"}, {"Cà phê", "do-uong"}, {"Bưởi", "thuc-pham"},
  {"Cam", "thuc-pham"}, {"Tinh dầu sả", "thao-duoc"}, {"Cao dược liệu", "thao-duoc"}, {"Thổ cẩm", "vai-may-mac"},
  {"Mây tre đan", "luu-niem-noi-that"}, {"Bánh chưng", "thuc-pham"}, {"Nấm", "thuc-pham"}, {"Tương", "thuc-pham"},
}
local KINDS = {{"cooperative", "HTX", 0.55}, {"enterprise", "Công ty TNHH", 0.2}, {"household", "Hộ", 0.2},
               {"cooperative_group", "Tổ hợp tác", 0.05}}
local ocop_id = 0

local function ocop_rows(p, year)
  local rows = {}
  local n = math.floor(#p.communes * lib.uniform(0.04, 0.12) + 0.5)
  for _ = 1, n do
    local c = p.communes[math.random(#p.communes)]
    local what = PRODUCTS[math.random(#PRODUCTS)]
    local w = {}
    for i, k in ipairs(KINDS) do w[i] = k[3] end
    local kind = KINDS[lib.pick_weighted(w)]
    local stars = math.random() < 0.25 and 4 or 3
    ocop_id = ocop_id + 1
    local certified = lib.date(year, 6, 12)
    rows[#rows + 1] = {
      id = ocop_id, name = what[1] .. " " .. c.name, producer = kind[2] .. " " .. c.name, producer_kind = kind[1],
      unit_id = c.id, product_group = what[2], stars = stars,
      score = stars == 4 and math.random(70, 89) or math.random(50, 69),
      year = year, certified = certified, expires = string.format("%04d%s", year + 3, certified:sub(5)),
      decision = string.format("Quyết định số %d/QĐ-UBND (mẫu)", math.random(100, 3999)),
    }
  end
  return rows
end

-- Funding of a province for a year, in million VND, growing with its communes.
local FUNDING = {{"central.investment.domestic", 700}, {"central.recurrent", 120}, {"local.province", 400},
                 {"integrated", 1500}, {"credit", 900}, {"enterprise", 250}, {"community", 300}}

local function funding_rows(p, year)
  local rows = {}
  for _, f in ipairs(FUNDING) do
    local amount = math.floor(#p.communes * f[2] * lib.uniform(0.6, 1.4) + 0.5)
    rows[#rows + 1] = {unit_id = p.id, year = year, source = f[1], stage = "mobilised", amount = amount, note = SOURCE}
  end
  local plan = rows[1].amount + rows[2].amount
  rows[#rows + 1] = {unit_id = p.id, year = year, source = "central", stage = "plan", amount = plan, note = SOURCE}
  rows[#rows + 1] = {unit_id = p.id, year = year, source = "central", stage = "disbursed",
                     amount = math.floor(plan * lib.uniform(0.7, 0.98)), note = SOURCE}
  return rows
end

---------------------------------------------------------------------------------------------
-- The years

local totals = {communes = 0, values = 0, assessed = 0, no_data = 0, standard = 0, provinces = {}}
local recognised = {}                      -- unit id → year of recognition as standard
local decision_no = 0

for year = first, last do
  local set = set_of(year)
  local crit_by_region = {}
  local provinces = provinces_of(year)
  for _, p in ipairs(provinces) do
    totals.provinces[p.code] = true
    local crit = crit_by_region[p.region]
    if not crit then
      crit = lib.load_criteria(set, p.region, p.code, year)
      crit_by_region[p.region] = crit
    end
    local all = #crit.numbers
    local with_values, met, statuses, recognitions = {}, {}, {}, {}
    for _, c in ipairs(p.communes) do
      local t = traits(c, p, crit.numbers)
      local k = count_met(t, year, all)
      local row = {}
      for _, n in ipairs(crit.numbers) do row[n] = 0 end
      for i = 1, k do row[t.order[i]] = 1 end
      local u = math.random()
      if u < 0.005 then
        totals.no_data = totals.no_data + 1
      elseif u < 0.035 then
        totals.assessed = totals.assessed + 1
        for _, n in ipairs(crit.numbers) do
          statuses[#statuses + 1] = {unit_id = c.id, year = year, set_id = set, criterion = n, met = row[n],
                                     by = "assessed", source = SOURCE}
        end
      else
        with_values[#with_values + 1] = c
        met[#met + 1] = row
      end
      if k == all then
        totals.standard = totals.standard + 1
        if not recognised[c.id] then
          -- Standard before the first generated year: recognised some year before it.
          local y = year == first and math.random(math.max(2011, year - 5), year) or year
          recognised[c.id] = y
          decision_no = decision_no + 1
          recognitions[#recognitions + 1] = {unit_id = c.id, grade = "standard", year = y,
            decision = string.format("Quyết định số %d/QĐ-UBND (mẫu)", 1000 + decision_no), date = lib.date(y, 6, 12)}
          if t.level > 1.15 and y >= 2019 then
            recognitions[#recognitions + 1] = {unit_id = c.id, grade = "advanced", year = y,
              decision = string.format("Quyết định số %d/QĐ-UBND (mẫu)", 1000 + decision_no), date = lib.date(y, 6, 12)}
          end
        end
      end
    end
    totals.communes = totals.communes + #p.communes
    local values = lib.indicator_values(with_values, met, crit, {not_above = {{"17.1a", "17.1"}}})
    local rows = {}
    for i, c in ipairs(with_values) do
      -- A few communes miss one to three values.
      local missing = {}
      if math.random() < 0.03 then
        for _ = 1, math.random(1, 3) do
          local n = crit.numbers[math.random(#crit.numbers)]
          local inds = crit.by_criterion[n]
          missing[inds[math.random(#inds)].id] = true
        end
      end
      for _, n in ipairs(crit.numbers) do
        for _, ind in ipairs(crit.by_criterion[n]) do
          if not missing[ind.id] then
            rows[#rows + 1] = {unit_id = c.id, year = year, set_id = set, indicator = ind.id, value = values[i][ind.id],
                               source = SOURCE}
          end
        end
      end
    end
    totals.values = totals.values + #rows
    emit("indicator_value", rows)
    emit("criterion_status", statuses)
    emit("recognition", recognitions)
    emit("funding", funding_rows(p, year))
    if year >= 2019 then emit("ocop_product", ocop_rows(p, year)) end
  end
end

local province_count = #lib.sorted_keys(totals.provinces)
if totals.communes == 0 then fail("--provinces: không có xã nào") end

return {
  meta = {
    sample = "national",
    years = first == last and tostring(first) or (first .. "-" .. last),
    provinces = params.provinces and params.provinces ~= "" and params.provinces or "all",
    province_count = tostring(province_count),
    commune_years = tostring(totals.communes),
    values = tostring(totals.values),
    seed = tostring(seed),
    note = "Dữ liệu mẫu tổng hợp toàn quốc: chỉ đơn vị hành chính (xã, tỉnh, vùng) và ngưỡng là dữ liệu tham chiếu thật; "
        .. "mọi giá trị chỉ tiêu, trạng thái, công nhận, nguồn vốn và sản phẩm OCOP là tổng hợp (xem db/samples/README.md).",
    units_attribution = "Bản đồ 2020: madnh/hanhchinhvn (MIT); thay đổi đến 2026: thanglequoc/vietnamese-provinces-database (MIT)",
  },
  date = string.format("%04d-12-31", last),
  rows = {},
}
