-- Rà soát tiêu chí xã: đánh giá từng chỉ tiêu của từng xã theo ngưỡng của vùng (và năm) trong
-- dữ liệu bộ tiêu chí, quyết định từng tiêu chí (đạt khi mọi chỉ tiêu đều đạt), đếm số tiêu chí
-- đạt, xếp nhóm và tính bình quân theo tỉnh và theo huyện.
-- Xã không có số liệu chỉ tiêu thì dùng trạng thái đã đánh giá (đạt / chưa đạt) mà văn phòng nhập.
-- Dùng chung cho checks/tieu-chi-xa.lua và các mẫu báo cáo: local review = ntm.use("review")
local M = {}

-- Các nhóm xã theo số tiêu chí đạt, theo thứ tự in trong báo cáo.
M.BANDS = { "standard_19", "from_15_to_18", "from_10_to_14", "from_5_to_9", "below_5" }
M.BAND_NAMES = {
  standard_19 = "Đạt chuẩn (19 tiêu chí)",
  from_15_to_18 = "Từ 15 đến 18 tiêu chí",
  from_10_to_14 = "Từ 10 đến 14 tiêu chí",
  from_5_to_9 = "Từ 5 đến 9 tiêu chí",
  below_5 = "Dưới 5 tiêu chí",
}

-- Nhóm của một xã đạt `count` trên `all` tiêu chí.
function M.band(count, all)
  if count >= all then return "standard_19"
  elseif count >= 15 then return "from_15_to_18"
  elseif count >= 10 then return "from_10_to_14"
  elseif count >= 5 then return "from_5_to_9"
  else return "below_5" end
end

local function meets(value, comparison, threshold)
  if comparison == ">=" then return value >= threshold
  elseif comparison == "<=" then return value <= threshold
  elseif comparison == ">" then return value > threshold
  elseif comparison == "<" then return value < threshold
  else return value == threshold end
end

local function empty_bands()
  local b = {}
  for _, k in ipairs(M.BANDS) do b[k] = 0 end
  return b
end

-- Quyết định tiêu chí `c` (một bảng của set.criteria) cho xã x.
-- Trả về: đạt (boolean), nguồn ("indicators" | "assessed" | "none"), danh sách chỉ tiêu không đạt.
-- `missing_threshold(id, x)` được gọi khi dữ liệu không có ngưỡng cho vùng của xã.
function M.decide(x, c, missing_threshold)
  local _, source = x:status(c.number)
  if source ~= "indicators" then
    local a = x:assessed(c.number)
    if a == nil then return false, "none", {} end
    return a, "assessed", {}
  end
  local ok, failed = #c.indicators > 0, {}
  for _, id in ipairs(c.indicators) do
    local t, comparison = x:threshold(id)
    local v = x[id]
    if t == nil then
      ok = false
      failed[#failed + 1] = id
      if missing_threshold then missing_threshold(id, x) end
    elseif v == nil or not meets(v, comparison, t) then
      ok = false
      failed[#failed + 1] = id
    end
  end
  return ok, "indicators", failed
end

-- Chạy rà soát. opts: province, year, tag, district, set (tuỳ chọn).
-- Trả về bảng theo hợp đồng của `ntm check --format json`.
function M.run(opts)
  local tinh = ntm.province(opts.province)
  local list = tinh:communes{ year = opts.year, tag = opts.tag, district = opts.district, set = opts.set }
  if list:count() == 0 then
    error(string.format("không có xã nào để rà soát (tỉnh %s, năm %d%s%s)", tinh.name, opts.year,
      opts.tag and (", nhóm " .. opts.tag) or "", opts.district and (", huyện " .. opts.district) or ""), 0)
  end
  local set = ntm.criteria(list[1].criteria_set)
  local all = #set.criteria

  local reported = {}
  local function missing_threshold(id, x)
    local key = id .. "/" .. x.region
    if reported[key] then return end
    reported[key] = true
    ntm.finding{ unit = x, rule = "thieu-nguong", level = "error",
      message = string.format("bộ tiêu chí %s không có ngưỡng của chỉ tiêu %s cho vùng %s: tiêu chí %d bị tính là chưa đạt",
        set.id, id, x.region, set.indicators[id].criterion) }
  end

  local result = {
    province = tinh.name, year = opts.year, criteria_set = set.id, communes = list:count(),
    bands = empty_bands(), criteria = {}, by_district = {}, results = {},
  }
  for _, c in ipairs(set.criteria) do result.criteria[tostring(c.number)] = 0 end

  local total = 0
  for x in list do
    local met = {}
    for _, c in ipairs(set.criteria) do
      local ok, source = M.decide(x, c, missing_threshold)
      if ok then
        met[#met + 1] = c.number
        result.criteria[tostring(c.number)] = result.criteria[tostring(c.number)] + 1
      end
      -- Có cả số liệu chỉ tiêu lẫn trạng thái đã đánh giá: báo nơi hai bên khác nhau.
      local assessed = x:assessed(c.number)
      if source == "indicators" and assessed ~= nil and assessed ~= ok then
        ntm.finding{ unit = x, rule = "lech-danh-gia", level = "warning",
          message = string.format("tiêu chí %d: theo số liệu chỉ tiêu là %s, nhưng trạng thái đã đánh giá là %s",
            c.number, ok and "đạt" or "chưa đạt", assessed and "đạt" or "chưa đạt") }
      end
    end
    local count = #met
    total = total + count
    local band = M.band(count, all)
    result.bands[band] = result.bands[band] + 1
    local d = result.by_district[x.district]
    if not d then
      d = { communes = 0, bands = empty_bands(), total = 0 }
      result.by_district[x.district] = d
    end
    d.communes = d.communes + 1
    d.bands[band] = d.bands[band] + 1
    d.total = d.total + count
    result.results[#result.results + 1] = { code = x.code, name = x.name, district = x.district, met = met, count = count }
  end
  result.average = total / result.communes
  for _, d in pairs(result.by_district) do
    d.average = d.total / d.communes
    d.total = nil
  end
  return result
end

return M
