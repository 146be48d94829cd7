-- Development harness for the sample generators, for use before (or besides) the host.
--
--   lua5.4 tests/samples_dev/run.lua SAMPLE SCRATCH.db OUT.db
--
-- SCRATCH.db is a database as `ntm init` has it before the sample (make_db.sh builds one).
-- The harness runs db/samples/lib.lua and db/samples/SAMPLE.lua in a sandbox-like environment
-- (base, string, table, math, utf8 and a fake ntm.sql backed by the sqlite3 command), runs the
-- generator twice to check it is deterministic, writes the rows into a copy OUT.db with foreign
-- keys on, and prints the figures recomputed by SQL from the stored rows (verify.sql).

local sample, scratch, outdb = arg[1], arg[2], arg[3]
assert(sample and scratch and outdb, "usage: run.lua SAMPLE SCRATCH.db OUT.db")
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local root = here .. "/../.."

local function sh(cmd)
  local ok = os.execute(cmd)
  if not ok then error("command failed: " .. cmd) end
end

local function quote(v)
  if v == nil then return "NULL" end
  if type(v) == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    return string.format("%.17g", v)
  end
  return "'" .. tostring(v):gsub("'", "''") .. "'"
end

-- A minimal JSON reader for sqlite3 -json output (arrays of flat objects).
local function json_decode(s)
  local pos = 1
  local function ws() pos = s:find("[^ \t\r\n]", pos) or #s + 1 end
  local value
  local function str()
    local out = {}
    pos = pos + 1
    while true do
      local c = s:sub(pos, pos)
      if c == '"' then pos = pos + 1; break end
      if c == "\\" then
        local e = s:sub(pos + 1, pos + 1)
        if e == "u" then
          local cp = tonumber(s:sub(pos + 2, pos + 5), 16)
          out[#out + 1] = utf8.char(cp); pos = pos + 6
        else
          local map = {n = "\n", t = "\t", r = "\r", b = "\b", f = "\f"}
          out[#out + 1] = map[e] or e; pos = pos + 2
        end
      else
        out[#out + 1] = c; pos = pos + 1
      end
    end
    return table.concat(out)
  end
  function value()
    ws()
    local c = s:sub(pos, pos)
    if c == "[" then
      local t = {}
      pos = pos + 1; ws()
      if s:sub(pos, pos) == "]" then pos = pos + 1; return t end
      while true do
        t[#t + 1] = value(); ws()
        local d = s:sub(pos, pos); pos = pos + 1
        if d == "]" then return t end
      end
    elseif c == "{" then
      local t = {}
      pos = pos + 1; ws()
      if s:sub(pos, pos) == "}" then pos = pos + 1; return t end
      while true do
        ws(); local k = str(); ws(); pos = pos + 1
        t[k] = value(); ws()
        local d = s:sub(pos, pos); pos = pos + 1
        if d == "}" then return t end
      end
    elseif c == '"' then return str()
    elseif s:sub(pos, pos + 3) == "null" then pos = pos + 4; return nil
    else
      local num = s:match("^-?[%d.eE+-]+", pos)
      pos = pos + #num
      return math.tointeger(tonumber(num)) or tonumber(num)
    end
  end
  if s:match("^%s*$") then return {} end
  return value()
end

-- ntm.sql(query, ...): substitutes the ? parameters and runs sqlite3 -json (read-only).
local function sql(db, query, ...)
  local args, n = {...}, 0
  local q = query:gsub("%?", function() n = n + 1; return quote(args[n]) end)
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "w")); f:write(q, ";\n"); f:close()
  local p = assert(io.popen("sqlite3 -readonly -json " .. db .. " < " .. tmp))
  local text = p:read("a"); p:close(); os.remove(tmp)
  return json_decode(text)
end

local function run_generator()
  local env = {}
  for _, k in ipairs({"assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber",
                      "tostring", "type", "xpcall", "rawequal", "rawget", "rawlen", "rawset",
                      "setmetatable", "getmetatable", "print"}) do env[k] = _G[k] end
  env.string, env.table, env.math, env.utf8 = string, table, math, utf8
  env.ntm = {sql = function(q, ...) return sql(scratch, q, ...) end}
  env._G = env
  local libchunk = assert(loadfile(root .. "/db/samples/lib.lua", "t", env))
  local lib = libchunk()
  local gen = assert(loadfile(root .. "/db/samples/" .. sample .. ".lua", "t", env))
  return gen(lib)
end

-- Serialises the result in a fixed order (to compare two runs and to write SQL).
local ORDER = {"unit", "unit_tag", "indicator_value", "criterion_status", "recognition",
               "funding", "ocop_product", "target", "statistic"}
local function to_sql(res)
  local out = {"PRAGMA foreign_keys = ON;", "BEGIN;"}
  local mk = {}
  for k in pairs(res.meta or {}) do mk[#mk + 1] = k end
  table.sort(mk)
  for _, k in ipairs(mk) do
    out[#out + 1] = string.format("INSERT OR REPLACE INTO meta (key, value) VALUES (%s, %s);", quote(k), quote(res.meta[k]))
  end
  for name in pairs(res.rows) do
    local known = false
    for _, o in ipairs(ORDER) do if o == name then known = true end end
    if not known then error("generator returned rows for table " .. name) end
  end
  local counts = {}
  for _, name in ipairs(ORDER) do
    local rows = res.rows[name] or {}
    counts[name] = #rows
    for _, r in ipairs(rows) do
      local cols = {}
      for k in pairs(r) do cols[#cols + 1] = k end
      table.sort(cols)
      local vals = {}
      for i, k in ipairs(cols) do vals[i] = quote(r[k]) end
      out[#out + 1] = string.format("INSERT INTO %s (%s) VALUES (%s);", name,
                                    table.concat(cols, ", "), table.concat(vals, ", "))
    end
  end
  for _, u in ipairs((res.updates or {}).unit or {}) do
    local sets = {}
    for _, k in ipairs({"border", "extremely_difficult", "mountainous"}) do
      if u[k] ~= nil then sets[#sets + 1] = k .. " = " .. quote(u[k]) end
    end
    out[#out + 1] = string.format("UPDATE unit SET %s WHERE code = %s;", table.concat(sets, ", "), quote(u.code))
    counts["unit (updates)"] = (counts["unit (updates)"] or 0) + 1
  end
  out[#out + 1] = "COMMIT;"
  return table.concat(out, "\n") .. "\n", counts
end

local t0 = os.clock()
local res1 = run_generator()
local t1 = os.clock()
local text1, counts = to_sql(res1)
local text2 = to_sql(run_generator())
print(string.format("generator: %.2f s CPU (one run)", t1 - t0))
print("deterministic (two runs byte-identical): " .. tostring(text1 == text2))
print("rows:")
local names = {}
for k in pairs(counts) do names[#names + 1] = k end
table.sort(names)
for _, k in ipairs(names) do print(string.format("  %-18s %6d", k, counts[k])) end

sh("cp " .. scratch .. " " .. outdb)
local sqlfile = outdb .. ".sql"
local f = assert(io.open(sqlfile, "w")); f:write(text1); f:close()
sh("sqlite3 -bail " .. outdb .. " < " .. sqlfile)
print("inserted into " .. outdb .. " (foreign keys on, one transaction)")

-- Figures recomputed by SQL from the stored rows (independent of lib.lua's own checks).
local prov = res1.meta.province
local verify = assert(io.open(here .. "/verify.sql")):read("a")
for _, year in ipairs({2020, 2019}) do
  print(string.format("\n===== province %s, year %d =====", prov, year))
  local q = verify:gsub(":prov", quote(prov)):gsub(":year", tostring(year))
  local vf = outdb .. ".verify.sql"
  local g = assert(io.open(vf, "w")); g:write(q); g:close()
  sh("sqlite3 -header -column " .. outdb .. " < " .. vf)
end
local extra = assert(io.open(here .. "/verify_other.sql")):read("a"):gsub(":prov", quote(prov))
local vf = outdb .. ".other.sql"
local g = assert(io.open(vf, "w")); g:write(extra); g:close()
print("\n===== recognitions, villages, OCOP, funding, statistics =====")
sh("sqlite3 -header -column " .. outdb .. " < " .. vf)
