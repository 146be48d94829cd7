-- Rà soát tiêu chí xã: với mỗi xã của bản đồ hành chính năm rà soát (31/12 của năm, hoặc
-- --as-of), từng tiêu chí được quyết định một lần trong ntm theo ngưỡng trong dữ liệu bộ tiêu chí
-- (theo vùng, nhóm xã, tỉnh và năm); script này đếm số tiêu chí đạt, xếp nhóm và tính bình quân
-- theo tỉnh và theo huyện (hoặc theo huyện cũ trên bản đồ không còn cấp huyện).
-- Xã không có số liệu chỉ tiêu thì dùng trạng thái đã đánh giá (đạt / chưa đạt) mà văn phòng nhập;
-- xã không có cả hai thì được kể riêng ("chưa có số liệu"), không bao giờ bị tính là đạt 0 tiêu chí.
-- Dùng chung cho checks/tieu-chi-xa.lua và các mẫu báo cáo: local review = ntm.use("review")
local M = {}

-- Các nhóm xã theo số tiêu chí đạt, cho một bộ có `n` tiêu chí: đạt cả n; từ 3/4 đến n-1; từ 1/2;
-- từ 1/4; dưới 1/4 (làm tròn lên). Với 19 tiêu chí: 19; 15–18; 10–14; 5–9; dưới 5 (như báo cáo in).
function M.bands_for(n)
  local q3, q2, q1 = math.ceil(n * 3 / 4), math.ceil(n / 2), math.ceil(n / 4)
  local keys = {
    "standard_" .. n,
    string.format("from_%d_to_%d", q3, n - 1),
    string.format("from_%d_to_%d", q2, q3 - 1),
    string.format("from_%d_to_%d", q1, q2 - 1),
    "below_" .. q1,
  }
  local names = {
    [keys[1]] = string.format("Đạt chuẩn (%d tiêu chí)", n),
    [keys[2]] = string.format("Từ %d đến %d tiêu chí", q3, n - 1),
    [keys[3]] = string.format("Từ %d đến %d tiêu chí", q2, q3 - 1),
    [keys[4]] = string.format("Từ %d đến %d tiêu chí", q1, q2 - 1),
    [keys[5]] = string.format("Dưới %d tiêu chí", q1),
  }
  local function band(count)
    if count >= n then return keys[1]
    elseif count >= q3 then return keys[2]
    elseif count >= q2 then return keys[3]
    elseif count >= q1 then return keys[4]
    else return keys[5] end
  end
  return keys, names, band
end

-- Các nhóm của bộ 19 tiêu chí (1980/QĐ-TTg, 318/QĐ-TTg), giữ cho các script cũ.
M.BANDS, M.BAND_NAMES = M.bands_for(19)

-- Nhóm của một xã đạt `count` trên `all` tiêu chí.
function M.band(count, all)
  local _, _, band = M.bands_for(all)
  return band(count)
end

-- Quyết định tiêu chí `c` (một bảng của set.criteria) cho xã x: ntm đã quyết định theo ngưỡng
-- của dữ liệu (x:status), ở đây chỉ đọc lại kết quả.
-- Trả về: đạt (boolean), nguồn ("indicators" | "assessed" | "none"), danh sách chỉ tiêu không đạt.
-- `missing_threshold(id, x)` được gọi cho mỗi chỉ tiêu mà dữ liệu không có ngưỡng cho xã này.
function M.decide(x, c, missing_threshold)
  local ok, source = x:status(c.number)
  if source ~= "indicators" then return ok, source, {} end
  local failed, no_threshold = x:failing(c.number)
  if missing_threshold then
    for _, id in ipairs(no_threshold) do missing_threshold(id, x) end
  end
  return ok, source, failed
end

-- Bộ tiêu chí của xã x (x.criteria_set), đọc một lần cho mỗi bộ: các quy tắc hỏi bộ của từng xã,
-- và dựng lại bảng của bộ cho mỗi xã tốn gần một phần tư thời gian rà soát cả nước.
local sets = {}
function M.set_of(x)
  local set = sets[x.criteria_set]
  if not set then
    set = ntm.criteria(x.criteria_set)
    sets[x.criteria_set] = set
  end
  return set
end

local function empty_bands(keys)
  local b = {}
  for _, k in ipairs(keys) do b[k] = 0 end
  return b
end

-- Chạy rà soát. opts: province, year, tag, district, set (tuỳ chọn).
-- Trả về bảng theo hợp đồng của `ntm check --format json`.
function M.run(opts)
  -- The province as it was at the end of the reviewed year (codes and names change over time).
  local tinh = ntm.province(opts.province, { year = opts.year })
  local list = tinh:communes{ year = opts.year, tag = opts.tag, district = opts.district, set = opts.set }
  if list:count() == 0 then
    error(string.format("không có xã nào để rà soát (tỉnh %s, năm %d%s%s)", tinh.name, opts.year,
      opts.tag and (", nhóm " .. opts.tag) or "", opts.district and (", huyện " .. opts.district) or ""), 0)
  end
  local set = ntm.criteria(list[1].criteria_set)
  local all = #set.criteria
  local keys, names, band_of = M.bands_for(all)
  local map = list:map()

  local reported = {}
  local function missing_threshold(id, x)
    local key = id .. "/" .. x.region .. "/" .. (x.group or "")
    if reported[key] then return end
    reported[key] = true
    ntm.finding{ unit = x, rule = "thieu-nguong", level = "error",
      message = string.format("bộ tiêu chí %s không có ngưỡng của chỉ tiêu %s cho xã này (vùng %s%s): tiêu chí %d bị tính là chưa đạt",
        set.id, id, x.region ~= "" and x.region or "không rõ", x.group and (", nhóm " .. x.group) or "",
        set.indicators[id].criterion) }
  end

  -- Nhóm xã theo huyện của bản đồ; trên bản đồ không còn cấp huyện (từ 01/07/2025): theo huyện
  -- cũ của các đơn vị hợp thành xã.
  local by_former = not map.has_districts
  local result = {
    province = tinh.name, province_code = map.province_code, year = opts.year,
    map_date = map.date, map_note = map.note,
    criteria_set = set.id, set_note = list:set_note(), criteria_count = all,
    communes = list:count(), with_data = 0, no_data = {},
    bands = empty_bands(keys), band_order = keys, band_names = names, standard = 0,
    criteria = {}, by_district = {}, group_by = by_former and "huyen-cu" or "huyen", results = {},
    unconfirmed_thresholds = list:unconfirmed_thresholds(),
  }
  for _, c in ipairs(set.criteria) do result.criteria[tostring(c.number)] = 0 end

  -- Per criterion, in the set's order: its number, its key in result.criteria, its bit in the
  -- masks of x:decision, and how many communes meet it (counted here, put in result.criteria
  -- at the end).
  local numbers, criterion_keys, bits, met_count = {}, {}, {}, {}
  for i, c in ipairs(set.criteria) do
    numbers[i], criterion_keys[i], met_count[i] = c.number, tostring(c.number), 0
    bits[i] = (c.number >= 1 and c.number <= 64) and (1 << (c.number - 1)) or 0
  end
  local criteria_n = #numbers
  -- Communes decided by masks are counted once each (`decided`); the criteria they do not
  -- meet, few, are counted apart (`not_met`, through each bit's place in the set).
  local all_mask, decided, not_met, place_of_bit = 0, 0, {}, {}
  for i = 1, criteria_n do
    all_mask = all_mask | bits[i]
    not_met[i] = 0
    if bits[i] ~= 0 then place_of_bit[bits[i]] = i end
  end
  -- Có cả số liệu chỉ tiêu lẫn trạng thái đã đánh giá: báo nơi hai bên khác nhau.
  local function disagreement(x, number, ok)
    ntm.finding{ unit = x, rule = "lech-danh-gia", level = "warning",
      message = string.format("tiêu chí %d: theo số liệu chỉ tiêu là %s, nhưng trạng thái đã đánh giá là %s",
        number, ok and "đạt" or "chưa đạt", ok and "chưa đạt" or "đạt") }
  end

  local total = 0
  for x in list do
    if not x:has_data() then
      result.no_data[#result.no_data + 1] = { code = x.code, name = x.name, district = x.district }
      ntm.finding{ unit = x, rule = "chua-co-so-lieu", level = "error",
        message = string.format("chưa có số liệu năm %d (không có giá trị chỉ tiêu, không có trạng thái đã đánh giá): "
          .. "không tính vào các nhóm và bình quân", opts.year) }
    else
      local met, source
      -- Mọi tiêu chí của xã được ntm quyết định trong một lần gọi (x:decision): mặt nạ bit các
      -- tiêu chí đạt, các tiêu chí có trạng thái đã đánh giá khác với số liệu, các tiêu chí thiếu ngưỡng.
      local count_met, mask, how, disagrees, no_threshold, met_list = x:decision()
      if count_met then
        source = how
        met = met_list
        decided = decided + 1
        local unmet = all_mask & ~mask
        while unmet ~= 0 do
          local low = unmet & -unmet
          local i = place_of_bit[low]
          not_met[i] = not_met[i] + 1
          unmet = unmet ~ low
        end
        -- Tiêu chí thiếu ngưỡng, tiêu chí có trạng thái đã đánh giá khác số liệu: theo thứ tự của bộ.
        local special = no_threshold | disagrees
        if special ~= 0 then
          for i = 1, criteria_n do
            local bit = bits[i]
            if special & bit ~= 0 then
              if no_threshold & bit ~= 0 then
                local _, missing = x:failing(numbers[i])
                for _, id in ipairs(missing) do missing_threshold(id, x) end
              end
              if disagrees & bit ~= 0 then disagreement(x, numbers[i], mask & bit ~= 0) end
            end
          end
        end
      else
        -- Bộ có tiêu chí đánh số ngoài 1..64: từng tiêu chí một.
        met = {}
        for i, c in ipairs(set.criteria) do
          local ok, how_c = M.decide(x, c, missing_threshold)
          source = source or how_c
          if ok then
            met[#met + 1] = c.number
            met_count[i] = met_count[i] + 1
          end
          local assessed = x:assessed(c.number)
          if how_c == "indicators" and assessed ~= nil and assessed ~= ok then disagreement(x, c.number, ok) end
        end
      end
      local count = #met
      result.with_data = result.with_data + 1
      total = total + count
      local band = band_of(count)
      result.bands[band] = result.bands[band] + 1
      if count >= all then result.standard = result.standard + 1 end
      local district = x.district
      local group = by_former and x.former_district or district
      if group == "" then group = "(không rõ)" end
      local d = result.by_district[group]
      if not d then
        d = { communes = 0, bands = empty_bands(keys), total = 0 }
        result.by_district[group] = d
      end
      d.communes = d.communes + 1
      d.bands[band] = d.bands[band] + 1
      d.total = d.total + count
      result.results[#result.results + 1] = { code = x.code, name = x.name, district = district, met = met,
                                                count = count, source = source }
    end
  end
  for i = 1, criteria_n do result.criteria[criterion_keys[i]] = met_count[i] + decided - not_met[i] end
  result.average = result.with_data > 0 and total / result.with_data or 0
  for _, d in pairs(result.by_district) do
    d.average = d.total / d.communes
    d.total = nil
  end
  return result
end

return M
