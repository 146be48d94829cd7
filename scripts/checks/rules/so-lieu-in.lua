-- Số liệu đã in trong báo cáo có khớp dữ liệu không: số xã đạt từng tiêu chí, tỷ lệ phần trăm
-- (chấp nhận cả làm tròn lẫn cắt bớt ở số chữ số đã in), số xã đạt chuẩn, bình quân tiêu chí/xã.
-- Số liệu đã in lưu trong bảng statistic (cột as_printed giữ nguyên cách in).
local p = ntm.params{
  province = { type = "string", required = true },
  year     = { type = "integer", required = true },
  tag      = { type = "string" },
  district = { type = "string" },
}
if p.tag or p.district then return end   -- số liệu in là của cả tỉnh

local tinh = ntm.province(p.province)
local review = ntm.use("review")
local r = review.run{ province = p.province, year = p.year }

local printed = tinh:statistics(p.year)

-- Số chữ số thập phân của một số đã in ("47,82" → 2, "40" → 0).
local function decimals_of(text)
  local frac = text:match("[,.](%d+)%s*%%?$")
  return frac and #frac or 0
end

-- Giá trị in có khớp với giá trị đúng không, theo cách làm tròn hoặc cắt bớt ở số chữ số đã in.
local function agrees(row, exact)
  local d = decimals_of(row.as_printed or "")
  local shown = row.value
  for _, mode in ipairs{ "half-up", "truncate" } do
    if math.abs(ntm.fmt.round(exact, d, mode) - shown) < 1e-9 then return true end
  end
  return false
end

local function where(row)
  return row.source and (" [" .. row.source .. "]") or ""
end

-- Tỷ lệ in trong báo cáo tính trên các xã của bản đồ năm đó; xã chưa có số liệu đã được báo riêng.
local total = r.communes
local numbers = {}
for number in pairs(r.criteria) do numbers[#numbers + 1] = tonumber(number) end
table.sort(numbers)
for _, n in ipairs(numbers) do
  local number, count = tostring(n), r.criteria[tostring(n)]
  local pc = printed["criterion_percent." .. number]
  if pc and not agrees(pc, count * 100 / total) then
    ntm.finding{ unit = tinh, rule = "so-lieu-in", level = "warning",
      message = string.format("tiêu chí %s: tỷ lệ in %s%% không khớp số xã %d/%d = %s%%%s", number, pc.as_printed, count, total,
        ntm.fmt.number(count * 100 / total, 2), where(pc)) }
  end
  local pn = printed["criterion_communes." .. number]
  if pn then
    if pn.value ~= count then
      ntm.finding{ unit = tinh, rule = "so-lieu-in", level = "warning",
        message = string.format("tiêu chí %s: số xã in %s nhưng dữ liệu có %d xã đạt%s", number, pn.as_printed, count, where(pn)) }
    end
    local denominator = tonumber((pn.as_printed or ""):match("/(%d+)"))
    if denominator and denominator ~= total then
      ntm.finding{ unit = tinh, rule = "so-lieu-in", level = "info",
        message = string.format("tiêu chí %s: in \"%s\" nhưng tỉnh có %d xã%s", number, pn.as_printed, total, where(pn)) }
    end
  end
end

local standard = r.standard
local function compare(key, exact, label)
  local row = printed[key]
  if row and not agrees(row, exact) then
    ntm.finding{ unit = tinh, rule = "so-lieu-in", level = "warning",
      message = string.format("%s in %s không khớp dữ liệu (%s)%s", label, row.as_printed,
        ntm.fmt.number(exact, {decimals = 4, trim = true}), where(row)) }
  end
end
compare("standard_communes", standard, "số xã đạt chuẩn")
compare("standard_percent", standard * 100 / total, "tỷ lệ xã đạt chuẩn (%)")
compare("average", r.average, "bình quân tiêu chí/xã")
for i = 2, #r.band_order - 1 do
  local band = r.band_order[i]
  compare("band." .. band, r.bands[band], "số xã " .. r.band_names[band]:lower())
end
