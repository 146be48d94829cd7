-- Tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới giai đoạn 2026-2030 (Phụ lục III, Quyết định
-- 51/2025/QĐ-TTg): các điều kiện là dữ liệu (bộ "51-tinh", ngưỡng theo tỉnh và năm), số liệu
-- tính từ kết quả rà soát các xã của năm trên bản đồ của năm đó.
--   (1) tỷ lệ xã đạt chuẩn nông thôn mới (bộ 51-xa) ≥ ngưỡng 1.1;
--   (2) tỷ lệ xã đạt nông thôn mới hiện đại (bộ 51-xa-hien-dai, đủ mọi yêu cầu) ≥ ngưỡng 2.1;
--   (3) phường, đặc khu xây dựng nông thôn mới: ntm chưa có danh sách các đơn vị này, văn phòng tự
--       đánh giá (được nói ra, không im lặng).
-- Chỉ chạy cho các năm bộ 51-tinh áp dụng và khi rà soát cả tỉnh (không --tag, --district).
local p = ntm.params{
  province = { type = "string", required = true },
  year     = { type = "integer", required = true },
  tag      = { type = "string" },
  district = { type = "string" },
}
if p.tag or p.district then return end
local conditions = ntm.criteria("51-tinh")
if p.year < conditions.valid_from or p.year > conditions.valid_to then return end

local tinh = ntm.province(p.province)
local RULE = "hoan-thanh-tinh"

-- Một điều kiện: giá trị tính được so với ngưỡng của dữ liệu, kèm nguồn chưa xác minh nếu có.
local function judge(id, value, detail)
  local t, cmp, confirmed, source = tinh:threshold(id, { set = conditions.id, year = p.year })
  local ind = conditions.indicators[id]
  if t == nil then
    ntm.finding{ unit = tinh, rule = RULE, level = "error",
      message = string.format("điều kiện %s (%s): dữ liệu không có ngưỡng của năm %d", id, ind.name, p.year) }
    return
  end
  local ok = (cmp == ">=" and value >= t) or (cmp == "<=" and value <= t) or (cmp == ">" and value > t)
    or (cmp == "<" and value < t) or (cmp == "=" and value == t)
  ntm.finding{ unit = tinh, rule = RULE, level = ok and "info" or "warning",
    message = string.format("điều kiện %s (%s): %s%% (%s), yêu cầu %s %s%% — %s%s", id, ind.name,
      ntm.fmt.number(value, { decimals = 2, trim = true }), detail, cmp, ntm.fmt.number(t, { trim = true }),
      ok and "đạt" or "chưa đạt", confirmed and "" or ("; ngưỡng chưa được đối chiếu với văn bản gốc (" .. source .. ")")) }
end

-- (1) Xã đạt chuẩn theo bộ 51-xa (đủ mọi tiêu chí, hoặc đã được công nhận đạt chuẩn).
local list = tinh:communes{ year = p.year }
local all, standard, without = 0, 0, 0
for x in list do
  all = all + 1
  local set = ntm.criteria(x.criteria_set)
  if not x:has_data() then
    without = without + 1
    if x:recognised("standard") then standard = standard + 1 end
  elseif x:count_met() >= #set.criteria or x:recognised("standard") then
    standard = standard + 1
  end
end
if all == 0 then return end
judge("1.1", standard * 100 / all, string.format("%d/%d xã%s", standard, all,
  without > 0 and string.format(", %d xã chưa có số liệu tính là chưa đạt", without) or ""))

-- (2) Xã nông thôn mới hiện đại: đáp ứng đầy đủ Quy định khung (bộ 51-xa-hien-dai).
local modern_set = ntm.criteria("51-xa-hien-dai")
local modern, assessed = 0, 0
-- No commune assessed under the framework yet: the list cannot load, and 0 communes meet it.
local ok, modern_list = pcall(tinh.communes, tinh, { year = p.year, set = modern_set.id })
if ok then
  for x in modern_list do
    if x:has_data() then
      assessed = assessed + 1
      if x:count_met() >= #modern_set.criteria then modern = modern + 1 end
    end
  end
end
judge("2.1", modern * 100 / all, string.format("%d/%d xã; %d xã có số liệu theo Quy định khung", modern, all, assessed))

-- (3) Phường, đặc khu xây dựng nông thôn mới ("trường hợp cần thiết").
ntm.finding{ unit = tinh, rule = RULE, level = "info",
  message = "điều kiện 3 (phường, đặc khu xây dựng nông thôn mới): ntm chưa có danh sách các đơn vị này; văn phòng tự đánh giá theo Phụ lục III" }
