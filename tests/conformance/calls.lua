-- Calls, errors and coroutines in the sandbox behave as in Lua 5.4: xpcall may yield inside
-- a coroutine, errors a library function raises are catchable and name the function, and
-- C calls nest as deep as in real Lua. Written for ntm; returns "OK".
local function fails(text, f, ...)
  local ok, msg = pcall(f, ...)
  assert(not ok, "expected an error: " .. text)
  assert(string.find(msg, text, 1, true), "message '" .. tostring(msg) .. "' lacks '" .. text .. "'")
end

-- xpcall and pcall yield inside coroutines
local co = coroutine.wrap(function(a)
  local ok, v = xpcall(function(x) return coroutine.yield(x + 1) * 2 end, debug and debug.traceback or print, a)
  assert(ok)
  local ok2, w = pcall(coroutine.yield, v)
  return ok2 and w
end)
assert(co(1) == 2)
assert(co(10) == 20)
assert(co("done") == "done")

-- the message handler of xpcall gets the error and its result is returned
local ok, m = xpcall(function() error({code = 7}) end, function(e) return e.code * 6 end)
assert(not ok and m == 42)
ok, m = xpcall(function(...) return select("#", ...) end, print, 1, nil, 3)
assert(ok and m == 3)
fails("bad argument #2 to 'xpcall' (function expected, got no value)", xpcall, print)

-- error objects and levels
ok, m = pcall(error, {1})
assert(not ok and type(m) == "table" and m[1] == 1)
ok, m = pcall(error)
assert(not ok and m == nil)
ok, m = pcall(function() error("x", 2) end)
assert(not ok and m == "x" or m:find("x"))

-- catchable errors of library functions, as in real Lua
fails("resulting string too large", string.rep, "aa", 1 << 30)
fails("resulting string too large", string.rep, "a", 1 << 30, ",")
fails("too many results to unpack", table.unpack, {}, 1, 1 << 31)
fails("too many results to unpack", table.unpack, {}, 0, math.maxinteger)
fails("wrong number of arguments to 'insert'", table.insert, {}, 1, 2, 3)
fails("position out of bounds", table.insert, {}, 5, 1)
fails("invalid value (table) at index 1 in table for 'concat'", table.concat, {{}})
fails("too many elements to move", table.move, {}, 0, math.maxinteger, 1)
fails("destination wrap around", table.move, {}, 1, 2, math.maxinteger)
fails("invalid order function for sorting", table.sort, {1, 2, 3, 4, 5}, function() return true end)
fails("bad argument #1 to 'setmetatable' (table expected, got number)", function() setmetatable(1, {}) end)
fails("bad argument #1 to 'rawlen' (table or string expected", rawlen, 1)
fails("bad argument #1 to 'next' (table expected, got no value)", next)
fails("bad argument #1 to 'load' (function expected, got boolean)", function() return load(true) end)
fails("cannot change a protected metatable", setmetatable, setmetatable({}, {__metatable = 1}), {})
assert(pcall(string.rep, "x", 0))
-- the name of a function called through pcall comes from its library
fails("bad argument #1 to 'table.concat'", table.concat, 1)
fails("bad argument #1 to 'string.find'", string.find, nil, "x")

-- table functions as in real Lua
local t = {1, 2, 3}
table.insert(t, 1, 0)
assert(table.concat(t, ",") == "0,1,2,3")
assert(table.remove(t, 1) == 0 and table.concat(t, ",") == "1,2,3")
assert(table.remove(t) == 3 and #t == 2)
assert(table.remove({}) == nil)
assert(table.concat(table.move({1, 2, 3}, 1, 3, 2), ",") == "1,1,2,3")
assert(table.concat(table.move({1, 2, 3}, 2, 3, 1), ",") == "2,3,3")
assert(table.concat(table.move({1.0, 2}, 1.0, 2.0, 1, {}), ",") == "1.0,2")   -- float bounds with integer values
assert(select("#", table.unpack({1, nil, 3}, 1, 3)) == 3)
assert(select("#", table.unpack({}, 5, 4)) == 0)
local s = {5, 2, 8, 1, 9, 3}
table.sort(s)
assert(table.concat(s, ",") == "1,2,3,5,8,9")
table.sort(s, function(a, b) return a > b end)
assert(table.concat(s, ",") == "9,8,5,3,2,1")
local words = {"b", "a", "c"}
table.sort(words, nil)
assert(table.concat(words) == "abc")
local r = {}
for i = 1, 1000 do r[i] = (i * 7919) % 1000 end
table.sort(r)
for i = 2, 1000 do assert(r[i - 1] <= r[i]) end
-- metamethods are used as in real Lua
local proxy = setmetatable({}, {__index = function(_, k) return k * 10 end, __len = function() return 3 end})
assert(table.concat(proxy, ",") == "10,20,30")
assert(select(3, table.unpack(proxy)) == 30)

-- C calls nest as deep as in real Lua (about 200 levels)
local function nest(n) if n == 0 then return "deep" end return select(2, pcall(nest, n - 1)) end
assert(nest(150) == "deep")
local function nestx(n) if n == 0 then return "deep" end return select(2, xpcall(nestx, print, n - 1)) end
assert(nestx(150) == "deep")
local s1 = string.rep("x", 180)
local depth = 0
local function gnest(str)
  depth = depth + 1
  if #str == 0 then return "" end
  return (str:gsub("^x", function() return gnest(str:sub(2)) end))
end
assert(pcall(gnest, string.rep("x", 150)))

-- read-only libraries are read-only under every iteration, and still look like tables
local names = {}
for k in pairs(string) do names[#names + 1] = k end
assert(#names > 10)
assert(next(string) ~= nil)
assert(rawget(string, "format") == string.format)
local _, state = pairs(string)
assert(state == string)
if rawget(_G, "ntm") then   -- the sandbox: what pairs hands out is the read-only library
  assert(not pcall(function() state.format = print end))
  assert(not pcall(rawset, state, "format", print))
  assert(string.format("%d", 1) == "1")
end
return "OK"
