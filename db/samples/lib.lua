-- Shared helpers of the sample-data generators (db/samples/<name>.lua).
--
-- The host runs this file first and passes what it returns as the first argument of each
-- generator chunk (`local lib = ...`). It runs in the same sandbox: base Lua, string, table,
-- math, utf8 and ntm.sql. Everything random goes through math.random after lib.seed(), and
-- every loop over a keyed table goes through lib.sorted_keys(), so that a generator produces
-- byte-identical rows on every run.

-- The host adds lib.bad_parameter(message) to what this file returns: a generator calls it to
-- refuse one of its parameters (--years, --provinces, --seed) as a command-line error (exit 2).

local lib = {}

---------------------------------------------------------------------------------------------
-- Random numbers

-- Seeds the generator (Lua 5.4's xoshiro256**: the same seed gives the same sequence).
function lib.seed(n)
  math.randomseed(n)
end

-- A uniform float in [a, b).
function lib.uniform(a, b)
  return a + (b - a) * math.random()
end

-- A normal deviate (Box-Muller).
function lib.normal(mu, sd)
  local u1 = 1 - math.random()            -- (0, 1]
  local u2 = math.random()
  return mu + sd * math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
end

-- Shuffles list t in place (Fisher-Yates) and returns it.
function lib.shuffle(t)
  for i = #t, 2, -1 do
    local j = math.random(i)
    t[i], t[j] = t[j], t[i]
  end
  return t
end

-- A copy of list t.
function lib.copy(t)
  local c = {}
  for i = 1, #t do c[i] = t[i] end
  return c
end

-- k distinct elements of list t in random order (t is not changed).
function lib.sample(t, k)
  local c = lib.shuffle(lib.copy(t))
  local out = {}
  for i = 1, math.min(k, #c) do out[i] = c[i] end
  return out
end

-- An index of list weights drawn with probability proportional to its weight (weights >= 0,
-- not all 0).
function lib.pick_weighted(weights)
  local total = 0
  for i = 1, #weights do total = total + weights[i] end
  local x = math.random() * total
  for i = 1, #weights do
    x = x - weights[i]
    if x < 0 and weights[i] > 0 then return i end
  end
  for i = #weights, 1, -1 do
    if weights[i] > 0 then return i end
  end
  error("pick_weighted: all weights are zero")
end

-- The keys of t, sorted (numbers before strings).
function lib.sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta == "number" end
    return a < b
  end)
  return keys
end

---------------------------------------------------------------------------------------------
-- Numbers and text

-- x rounded half away from zero to d decimals (d >= 0).
function lib.round(x, d)
  local m = 10 ^ (d or 0)
  if x >= 0 then return math.floor(x * m + 0.5) / m end
  return -math.floor(-x * m + 0.5) / m
end

-- Vietnamese decimal text of x with exactly d decimals ("11,75"; d = 0 gives "37").
function lib.decimal_text(x, d)
  return (string.format("%." .. d .. "f", x):gsub("%.", ","))
end

-- The number a printed Vietnamese decimal stands for ("63,34" -> 63.34, "1.274.790" -> 1274790).
function lib.printed_number(text)
  local s = text:gsub("%.", ""):gsub(",", ".")
  return tonumber(s)
end

-- An ISO date in year y, month between m1 and m2 (day 1..28).
function lib.date(y, m1, m2)
  return string.format("%04d-%02d-%02d", y, math.random(m1, m2), math.random(1, 28))
end

---------------------------------------------------------------------------------------------
-- Units

-- The rural communes (type 'xa') of a province on the map of `date` (ISO, default 31/12/2020),
-- sorted by code: {code, name, district, district_name} (district "" on a map without
-- districts).
function lib.communes(province, date)
  local rows = ntm.sql([[
    WITH prov(id) AS (
      SELECT u.id FROM unit u JOIN unit_period p ON p.unit_id = u.id
      WHERE u.kind = 'province' AND u.code = ?1
        AND ifnull(p.valid_from, '') <= ?2 AND ifnull(p.valid_to, '9999-12-31') >= ?2)
    SELECT u.code AS code, p.name AS name, ifnull(d.code, '') AS district, ifnull(dp.name, '') AS district_name
    FROM unit u JOIN unit_period p ON p.unit_id = u.id
         AND ifnull(p.valid_from, '') <= ?2 AND ifnull(p.valid_to, '9999-12-31') >= ?2
    LEFT JOIN unit d ON d.id = p.parent_id AND d.kind = 'district'
    LEFT JOIN unit_period dp ON dp.unit_id = d.id
         AND ifnull(dp.valid_from, '') <= ?2 AND ifnull(dp.valid_to, '9999-12-31') >= ?2
    WHERE u.kind = 'commune' AND p.type = 'xa'
      AND (p.parent_id IN (SELECT id FROM prov) OR dp.parent_id IN (SELECT id FROM prov))
    ORDER BY u.code]], province, date or "2020-12-31")
  local out = {}
  for i, r in ipairs(rows) do
    out[i] = {code = r.code, name = r.name, district = r.district, district_name = r.district_name}
  end
  return out
end

-- Index of communes by district code (by_district) and by name; `find(district, name)` errors
-- with a clear message when a name is not a commune of that district.
function lib.index(communes)
  local by_district, by_key = {}, {}
  for _, c in ipairs(communes) do
    by_district[c.district] = by_district[c.district] or {}
    table.insert(by_district[c.district], c)
    by_key[c.district .. "/" .. c.name] = c
  end
  local idx = {by_district = by_district}
  function idx.find(district, name)
    local c = by_key[district .. "/" .. name]
    if not c then error("sample: no commune '" .. name .. "' in district " .. district, 2) end
    return c
  end
  return idx
end

---------------------------------------------------------------------------------------------
-- Criteria met per commune (row sums)

-- A list of n integers with the given bands and total: spec is a list of {lo, hi, n}.
-- Values start uniform within their band and are nudged by one until they add up to total.
-- The result is sorted from largest to smallest.
function lib.band_values(spec, total, what)
  local vals, band = {}, {}
  for _, b in ipairs(spec) do
    for _ = 1, b[3] do
      vals[#vals + 1] = math.random(b[1], b[2])
      band[#band + 1] = b
    end
  end
  local sum = 0
  for _, v in ipairs(vals) do sum = sum + v end
  local guard = 0
  while sum ~= total do
    guard = guard + 1
    if guard > 100000 then error("sample: cannot reach total " .. total .. " for " .. (what or "?")) end
    local i = math.random(#vals)
    local b = band[i]
    if sum < total and vals[i] < b[2] then vals[i] = vals[i] + 1; sum = sum + 1
    elseif sum > total and vals[i] > b[1] then vals[i] = vals[i] - 1; sum = sum - 1 end
  end
  table.sort(vals, function(a, b) return a > b end)
  return vals
end

-- Gives the values (sorted, largest first) to the units with the highest scores: score(u)
-- is the unit's level (district base plus noise). Sets u[field] = value.
function lib.assign_by_score(units, values, score, field)
  assert(#units == #values, "assign_by_score: " .. #units .. " units, " .. #values .. " values")
  local scored = {}
  for i, u in ipairs(units) do scored[i] = {u = u, s = score(u)} end
  table.sort(scored, function(a, b)
    if a.s ~= b.s then return a.s > b.s end
    return a.u.code < b.u.code
  end)
  for i, e in ipairs(scored) do e.u[field] = values[i] end
end

---------------------------------------------------------------------------------------------
-- The 0/1 matrix of criteria met (Gale-Ryser)

-- True when row sums r and column sums c (lists) can be the margins of a 0/1 matrix.
local function realisable(r, c)
  local rs = lib.copy(r)
  table.sort(rs, function(a, b) return a > b end)
  local sr, sc = 0, 0
  for _, v in ipairs(rs) do sr = sr + v end
  for _, v in ipairs(c) do sc = sc + v end
  if sr ~= sc then return false end
  local lhs = 0
  for k = 1, #rs do
    lhs = lhs + rs[k]
    local rhs = 0
    for _, v in ipairs(c) do rhs = rhs + math.min(v, k) end
    if lhs > rhs then return false end
  end
  return true
end

-- Calls draw() (which returns row sums) until its row sums and colsums are realisable, at
-- most 50 times, and returns them.
function lib.draw_realisable(draw, colsums, what)
  for _ = 1, 50 do
    local rowsums = draw()
    if realisable(rowsums, colsums) then return rowsums end
  end
  error("sample: no realisable criteria counts per commune (" .. (what or "?") .. ")")
end

-- Builds a 0/1 matrix with the given row sums (list, one per row) and column sums (list, one
-- per column). Rows are filled in random order; each row draws its columns with a weight that
-- grows with the column's remaining demand per remaining row (so a commune meeting few
-- criteria meets the common ones), keeping the rest realisable; after 30 failed draws it
-- takes the columns with the largest remaining demand, which always keeps it realisable.
-- Returns m[i][j] in {0, 1}. Errors if the margins are not realisable.
function lib.build_matrix(rowsums, colsums, what)
  local nrow, ncol = #rowsums, #colsums
  if not realisable(rowsums, colsums) then
    error("sample: criteria counts and row sums are not realisable (" .. (what or "?") .. ")")
  end
  local m = {}
  for i = 1, nrow do
    m[i] = {}
    for j = 1, ncol do m[i][j] = 0 end
  end
  local c = lib.copy(colsums)
  local order = {}
  for i = 1, nrow do order[i] = i end
  lib.shuffle(order)
  local left = {}                          -- row sums of the rows not yet filled
  for k = 1, nrow do left[k] = rowsums[order[k]] end
  for k = 1, nrow do
    local i, r = order[k], rowsums[order[k]]
    local rows_left = nrow - k + 1
    table.remove(left, 1)
    local chosen
    for _ = 1, 30 do
      local pick, avail = {}, {}
      for j = 1, ncol do
        if c[j] >= rows_left then pick[#pick + 1] = j         -- every remaining row needs it
        elseif c[j] > 0 then avail[#avail + 1] = j end
      end
      if #pick <= r and #pick + #avail >= r then
        while #pick < r do
          local w = {}
          for a, j in ipairs(avail) do w[a] = (c[j] / rows_left) ^ 2 + 0.01 end
          local a = lib.pick_weighted(w)
          pick[#pick + 1] = avail[a]
          table.remove(avail, a)
        end
        local c2 = lib.copy(c)
        for _, j in ipairs(pick) do c2[j] = c2[j] - 1 end
        if realisable(left, c2) then chosen = pick; break end
      end
    end
    if not chosen then
      local cols = {}
      for j = 1, ncol do cols[j] = {j = j, c = c[j], t = math.random()} end
      table.sort(cols, function(a, b)
        if a.c ~= b.c then return a.c > b.c end
        return a.t < b.t
      end)
      chosen = {}
      for a = 1, r do chosen[a] = cols[a].j end
    end
    for _, j in ipairs(chosen) do
      m[i][j] = 1
      c[j] = c[j] - 1
      if c[j] < 0 then error("sample: matrix construction failed (" .. (what or "?") .. ")") end
    end
  end
  return m
end

---------------------------------------------------------------------------------------------
-- Criteria set and thresholds

-- Loads set_id's criteria and indicators with the threshold that applies to a commune of
-- region in province for year. A province row beats a region row beats the general row; a
-- row for the year beats the all-years row. When the two possible orders of those rules
-- (scope first, year first) give different values, t_pass is the stricter and t_fail the
-- looser, so a value meant to pass (fail) does so under either reading.
-- Returns {numbers = {1, 2, ...}, by_criterion = {[n] = {indicator, ...}}}; an indicator is
-- {id, criterion, name, unit, cmp, min, max, t, t_pass, t_fail}.
-- `classes` (optional) is the commune's classes, e.g. {nhom = "2"}: a threshold row for a class
-- ("nhom=2") applies when the commune has it, and beats a region row.
function lib.load_criteria(set_id, region, province, year, classes)
  classes = classes or {}
  local crits = ntm.sql("SELECT number FROM criterion WHERE set_id = ? ORDER BY number", set_id)
  if #crits == 0 then error("sample: criteria set '" .. set_id .. "' is not loaded") end
  local inds = ntm.sql([[
    SELECT id, criterion, name, unit, comparison, min_value, max_value, sort
    FROM indicator WHERE set_id = ? ORDER BY criterion, sort, id]], set_id)
  local ths = ntm.sql([[
    SELECT indicator, region, class, province_id, year, value FROM threshold
    WHERE set_id = ? ORDER BY indicator, id]], set_id)
  local by_ind = {}
  for _, t in ipairs(ths) do
    local conditions, ok_class = 0, true
    for key, value in (t.class or ""):gmatch("([^=;]+)=([^;]+)") do
      conditions = conditions + 1
      if classes[key] ~= value then ok_class = false end
    end
    local ok_scope = t.province_id == nil and (t.region == nil or t.region == region) and ok_class
    local ok_year = t.year == nil or t.year == year
    if ok_scope and ok_year then
      by_ind[t.indicator] = by_ind[t.indicator] or {}
      local scope = conditions * 2 + (t.region ~= nil and 1 or 0)
      table.insert(by_ind[t.indicator], {scope = scope, year = t.year ~= nil and 1 or 0, value = t.value})
    end
  end
  local out = {numbers = {}, by_criterion = {}}
  for _, c in ipairs(crits) do
    out.numbers[#out.numbers + 1] = c.number
    out.by_criterion[c.number] = {}
  end
  for _, r in ipairs(inds) do
    local cands = by_ind[r.id]
    if not cands then
      error("sample: indicator " .. r.id .. " of set " .. set_id .. " has no threshold for region "
            .. region .. " in " .. year)
    end
    local function best(first, second)
      local b
      for _, x in ipairs(cands) do
        if not b or x[first] > b[first] or (x[first] == b[first] and x[second] > b[second]) then b = x end
      end
      return b.value
    end
    local a, b = best("scope", "year"), best("year", "scope")
    local lower_is_better = r.comparison == "<=" or r.comparison == "<"
    local ind = {
      id = r.id, criterion = r.criterion, name = r.name, unit = r.unit, cmp = r.comparison,
      min = r.min_value, max = r.max_value, t = a,
    }
    if lower_is_better then
      ind.t_pass, ind.t_fail = math.min(a, b), math.max(a, b)
    else
      ind.t_pass, ind.t_fail = math.max(a, b), math.min(a, b)
    end
    table.insert(out.by_criterion[r.criterion], ind)
  end
  for _, n in ipairs(out.numbers) do
    if #out.by_criterion[n] == 0 then error("sample: criterion " .. n .. " has no indicator") end
  end
  return out
end

-- True when value v meets indicator ind (under threshold t, default ind.t).
function lib.meets(ind, v, t)
  t = t or ind.t
  local cmp = ind.cmp
  if cmp == ">=" then return v >= t - 1e-9
  elseif cmp == ">" then return v > t + 1e-9
  elseif cmp == "<=" then return v <= t + 1e-9
  elseif cmp == "<" then return v < t - 1e-9
  else return math.abs(v - t) < 1e-9 end
end

---------------------------------------------------------------------------------------------
-- Indicator values

-- Decimals used for an indicator's values.
local function decimals(ind)
  if ind.unit == "dat" or ind.unit == "so" then return 0 end
  return 1
end

-- The plausible range [lo, hi] of an indicator's values.
local function range(ind)
  local lo = ind.min or 0
  local hi = ind.max
  if not hi then
    if ind.unit == "%" then hi = 100 else hi = math.max(ind.t_pass, ind.t_fail) * 2 + 10 end
  end
  return lo, hi
end

-- Rounds v to the indicator's decimals on the side that keeps it passing (pass = true) or
-- failing, and clamps it into [lo, hi]. Returns nil when no such value exists.
local function settle(ind, v, pass)
  local d = decimals(ind)
  local step = 10 ^ -d
  local lo, hi = range(ind)
  v = math.max(lo, math.min(hi, lib.round(v, d)))
  local t = pass and ind.t_pass or ind.t_fail
  local up = (ind.cmp == ">=" or ind.cmp == ">")
  for _ = 1, 1000 do
    local ok = lib.meets(ind, v, t)
    if ok == pass then return lib.round(v, d) end
    -- move towards the wanted side
    if (pass and up) or (not pass and not up) then v = v + step else v = v - step end
    if v < lo - 1e-9 or v > hi + 1e-9 then return nil end
  end
  return nil
end

-- A value of a quantitative indicator that passes (pass = true) or fails: passing values
-- spread between the threshold and the best end of the range; failing ones are mostly near
-- misses, sometimes far off.
local function quantitative(ind, pass)
  local lo, hi = range(ind)
  local up = (ind.cmp == ">=" or ind.cmp == ">" or ind.cmp == "=")
  if ind.cmp == "=" then
    if pass then return ind.t end
    local v = ind.t - lib.uniform(1, math.max(2, (ind.t - lo) * 0.3))
    return settle(ind, v, false) or settle(ind, ind.t + 1, false)
  end
  local v
  if pass then
    local t = ind.t_pass
    local room = up and (hi - t) or math.min(t - lo, t * 0.8)
    local x = math.random() ^ 1.6                       -- more values close to the threshold
    v = up and (t + room * x) or (t - room * x)
  else
    local t = ind.t_fail
    local room = up and (t - lo) or math.min(hi - t, math.max(t, 10) * 1.5)
    local x = (math.random() < 0.75) and lib.uniform(0.02, 0.25) or lib.uniform(0.25, 0.7)
    v = up and (t - room * x) or (t + room * x)
  end
  local s = settle(ind, v, pass)
  if s == nil then
    error("sample: indicator " .. ind.id .. " cannot take a " .. (pass and "passing" or "failing")
          .. " value in [" .. lo .. ", " .. hi .. "] with threshold " .. ind.t)
  end
  return s
end

-- Values of one indicator for n communes (pass[i] says whether commune i must meet it) whose
-- plain mean is close to target (used for income and the poverty rate, whose provincial
-- figures are published). Failing values are drawn first; passing values are then spread
-- around the mean that makes the total come out, as far as the threshold allows.
local function with_mean(ind, pass, target, spread)
  local n = #pass
  local up = (ind.cmp == ">=" or ind.cmp == ">")
  local lo, hi = range(ind)
  local vals, sum_fail, n_pass, n_fail = {}, 0, 0, 0
  for i = 1, n do if pass[i] then n_pass = n_pass + 1 else n_fail = n_fail + 1 end end
  local t_f, t_p = ind.t_fail, ind.t_pass
  -- The failing communes' mean that, with passing values near their usual level, gives the
  -- target; kept on the failing side of the threshold.
  local pass_guess = up and (t_p + spread * 0.35) or (t_p - spread * 0.35)
  local mu_fail = n_fail > 0 and (target * n - n_pass * pass_guess) / n_fail or 0
  if up then mu_fail = math.min(mu_fail, t_f - spread * 0.2)
  else mu_fail = math.max(mu_fail, t_f + spread * 0.2) end
  for i = 1, n do
    if not pass[i] then
      local v = lib.normal(mu_fail, spread * 0.45)
      if up and v >= t_f then v = t_f - lib.uniform(0.1, spread * 0.4) end
      if (not up) and v <= t_f then v = t_f + lib.uniform(0.1, spread * 0.4) end
      v = math.max(lo + spread * 0.1, math.min(hi, v))
      vals[i] = settle(ind, v, false) or error("sample: no failing value for " .. ind.id)
      sum_fail = sum_fail + vals[i]
    end
  end
  local mu_pass = n_pass > 0 and (target * n - sum_fail) / n_pass or 0
  if up then mu_pass = math.max(mu_pass, t_p + spread * 0.1)
  else mu_pass = math.min(mu_pass, t_p - spread * 0.1) end
  for i = 1, n do
    if pass[i] then
      local gap = math.abs(mu_pass - t_p)
      local v = lib.normal(mu_pass, math.max(0.3, math.min(spread * 0.5, gap * 0.8)))
      if up and v < t_p then v = t_p + lib.uniform(0, gap) end
      if (not up) and v > t_p then v = t_p - lib.uniform(0, gap) end
      vals[i] = settle(ind, math.max(lo + spread * 0.1, math.min(hi, v)), true)
                or error("sample: no passing value for " .. ind.id)
    end
  end
  return vals
end

-- The indicator with this id, or nil.
local function find_indicator(crit, id)
  for _, cn in ipairs(crit.numbers) do
    for _, ind in ipairs(crit.by_criterion[cn]) do
      if ind.id == id then return ind end
    end
  end
  return nil
end

-- Indicator values for the communes (list) from the matrix met[i][n] (criterion n met by
-- commune i). A met criterion gets values meeting all its indicators; a criterion not met
-- gets one failing indicator (sometimes two or three) and passing values for the others.
-- opts.means = {[indicator id] = {target = mean, spread = sd}} for indicators with a
-- published provincial figure; opts.not_above = {{a, b}, ...} keeps indicator a's value at
-- most b's. Returns values[i][indicator id].
function lib.indicator_values(communes, met, crit, opts)
  opts = opts or {}
  local means = opts.means or {}
  local n = #communes
  -- pass[id][i]: does commune i have to meet indicator id?
  local pass = {}
  for _, cn in ipairs(crit.numbers) do
    local inds = crit.by_criterion[cn]
    for _, ind in ipairs(inds) do pass[ind.id] = {} end
    for i = 1, n do
      if met[i][cn] == 1 then
        for _, ind in ipairs(inds) do pass[ind.id][i] = true end
      else
        local k = 1
        local x = math.random()
        if x > 0.9 then k = 3 elseif x > 0.6 then k = 2 end
        k = math.min(k, #inds)
        local failing = {}
        for _, ind in ipairs(lib.sample(inds, k)) do failing[ind.id] = true end
        for _, ind in ipairs(inds) do pass[ind.id][i] = not failing[ind.id] end
      end
    end
  end
  local values = {}
  for i = 1, n do values[i] = {} end
  for _, cn in ipairs(crit.numbers) do
    for _, ind in ipairs(crit.by_criterion[cn]) do
      local p = pass[ind.id]
      if means[ind.id] and ind.unit ~= "dat" then
        local vals = with_mean(ind, p, means[ind.id].target, means[ind.id].spread)
        for i = 1, n do values[i][ind.id] = vals[i] end
      else
        for i = 1, n do
          if ind.unit == "dat" then
            values[i][ind.id] = p[i] and 1 or 0
          else
            values[i][ind.id] = quantitative(ind, p[i])
          end
        end
      end
    end
  end
  -- Pairs of indicators where one cannot exceed the other (households with clean water are
  -- among those with hygienic water): move one of the two, keeping both verdicts.
  for _, pair in ipairs(opts.not_above or {}) do
    local a, b = find_indicator(crit, pair[1]), find_indicator(crit, pair[2])
    if a and b then
      for i = 1, n do
        local va, vb = values[i][a.id], values[i][b.id]
        if va > vb then
          local na = settle(a, vb - lib.uniform(0.5, 8), pass[a.id][i])
          if na and na <= vb then values[i][a.id] = na
          else
            local nb = settle(b, va + lib.uniform(0.5, 5), pass[b.id][i])
            if nb and nb >= va then values[i][b.id] = nb end
          end
        end
      end
    end
  end
  return values
end

-- Criteria met per commune recomputed from values, under the thresholds t (the check's
-- reading) and, as a guard, t_pass / t_fail. Returns met[i][n] or errors when a value's
-- verdict depends on how thresholds are resolved.
function lib.evaluate(communes, values, crit)
  local met = {}
  for i, c in ipairs(communes) do
    met[i] = {}
    for _, cn in ipairs(crit.numbers) do
      local all = 1
      for _, ind in ipairs(crit.by_criterion[cn]) do
        local v = values[i][ind.id]
        if v == nil then error("sample: no value of " .. ind.id .. " for " .. c.code) end
        local a, b, d = lib.meets(ind, v), lib.meets(ind, v, ind.t_pass), lib.meets(ind, v, ind.t_fail)
        if a ~= b or a ~= d then
          error("sample: value " .. v .. " of " .. ind.id .. " in " .. c.code .. " is ambiguous")
        end
        if ind.min and v < ind.min - 1e-9 or ind.max and v > ind.max + 1e-9 then
          error("sample: value " .. v .. " of " .. ind.id .. " in " .. c.code .. " is out of range")
        end
        if not a then all = 0 end
      end
      met[i][cn] = all
    end
  end
  return met
end

---------------------------------------------------------------------------------------------
-- Verification

-- Errors with a clear message unless got == want.
function lib.expect(what, got, want)
  if got ~= want then
    error(string.format("sample: %s is %s, the published figure is %s", what, tostring(got), tostring(want)), 2)
  end
end

-- Sums of a 0/1 matrix: rows[i], cols[n] (over the criterion numbers).
function lib.margins(met, numbers)
  local rows, cols = {}, {}
  for _, n in ipairs(numbers) do cols[n] = 0 end
  for i, row in ipairs(met) do
    local s = 0
    for _, n in ipairs(numbers) do
      s = s + row[n]
      cols[n] = cols[n] + row[n]
    end
    rows[i] = s
  end
  return rows, cols
end

-- Bands of a list of criteria counts: {standard_19, from_15_to_18, from_10_to_14,
-- from_5_to_9, below_5}.
function lib.bands(counts, total_criteria)
  total_criteria = total_criteria or 19
  local b = {0, 0, 0, 0, 0}
  for _, k in ipairs(counts) do
    if k >= total_criteria then b[1] = b[1] + 1
    elseif k >= 15 then b[2] = b[2] + 1
    elseif k >= 10 then b[3] = b[3] + 1
    elseif k >= 5 then b[4] = b[4] + 1
    else b[5] = b[5] + 1 end
  end
  return b
end

---------------------------------------------------------------------------------------------
-- Rows

-- indicator_value rows for the communes and year from values[i][id].
function lib.value_rows(out, communes, values, crit, set_id, year, source)
  for i, c in ipairs(communes) do
    for _, cn in ipairs(crit.numbers) do
      for _, ind in ipairs(crit.by_criterion[cn]) do
        out[#out + 1] = {unit_code = c.code, year = year, set_id = set_id, indicator = ind.id,
                         value = values[i][ind.id], source = source}
      end
    end
  end
end

-- criterion_status rows (by = 'assessed') for the communes and year from met[i][n].
function lib.status_rows(out, communes, met, numbers, set_id, year, source)
  for i, c in ipairs(communes) do
    for _, n in ipairs(numbers) do
      out[#out + 1] = {unit_code = c.code, year = year, set_id = set_id, criterion = n,
                       met = met[i][n], by = "assessed", source = source}
    end
  end
end

-- unit_class rows (every year) for the flags of one commune: {code =, mountainous = 0|1,
-- extremely_difficult = 0|1, border = 0|1}; only the flags a commune has are written.
function lib.flag_rows(out, u)
  for _, pair in ipairs({{"mountainous", "mien-nui"}, {"extremely_difficult", "dbkk"}, {"border", "bien-gioi"}}) do
    if u[pair[1]] == 1 or u[pair[1]] == true then
      out[#out + 1] = {unit_code = u.code, key = pair[2], year = 0, value = "1"}
    end
  end
end

-- A statistic row whose value is the printed number.
function lib.printed(unit, year, key, text, source)
  return {unit_code = unit, year = year, key = key, value = lib.printed_number(text),
          as_printed = text, source = source}
end

return lib
