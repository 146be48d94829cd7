-- load() in the sandbox behaves as Lua 5.4's, except where the sandbox says otherwise
-- (binary chunks are never loaded; a chunk name a script gives is shown as "(load) NAME").
-- Written for ntm; returns "OK".
local sandbox = rawget(_G, "ntm") ~= nil

-- the three-argument form, text only
local f = assert(load("return 1 + 1", "sum", "t"))
assert(f() == 2)
assert(load("return ...", "=args", "t")(7) == 7)
assert(load("return 3", nil, "bt")() == 3)

-- mode is honoured: "b" refuses a text chunk, with Lua's message
local g, msg = load("return 1", "x", "b")
assert(g == nil and msg:find("attempt to load a text chunk %(mode is 'b'%)"), msg)
assert(not pcall(load, "return 1", "x", 7 < 3))   -- a non-string mode is a bad argument

-- a reader function: pieces until nil or ""
local parts = {"return ", "4", "2", nil}
local i = 0
assert(load(function() i = i + 1; return parts[i] end)() == 42)
local once = false
assert(load(function() if once then return "" end once = true return "return 5" end)() == 5)

-- a bad reader: nil plus a message, never an error
local h, err = load(function() return {} end)
assert(h == nil and err:find("reader function must return a string"), err)
h, err = load(function() error("boom") end)
assert(h == nil and err:find("boom"), err)
local n = 0
assert(load(function() n = n + 1; if n == 1 then return 7 end end, "=number") == nil)   -- "7" alone is no statement

-- syntax errors: nil plus a message naming the chunk
local bad, why = load("x = = 1")
assert(bad == nil and why:find('^%[string "x = = 1"%]:1:'), why)
bad, why = load("x = = 1", "=my chunk")
assert(bad == nil and why:find(":1:"), why)
if sandbox then
  -- a name the script gives cannot pass for a file of the installation
  assert(why:find("^%(load%) my chunk:1:"), why)
  bad, why = load("x = = 1", "@scripts/checks/tieu-chi-xa.lua")
  assert(why:find("^%(load%) scripts/checks/tieu%-chi%-xa.lua:1:"), why)
else
  assert(why:find("^my chunk:1:"), why)
end

-- errors at run time are named after the chunk
local ok, e = pcall(load("error('inside')"))
assert(not ok and e:find('^%[string "error%(\'inside\'%)"%]:1: inside'), e)

-- environments: the fourth argument, even nil, is the chunk's _ENV
local env = {y = 9}
assert(load("return y", "e", "t", env)() == 9)
assert(load("return _ENV", nil, nil, 123)() == 123)
local nilenv = load("return x", nil, "t", nil)
assert(not pcall(nilenv))          -- _ENV is nil: indexing it fails
assert(load("return print")() == print)   -- without env: the run's own globals

-- binary chunks are refused (string.dump does not exist in the sandbox)
if sandbox then
  local b, m = load("\27Lua" .. string.rep("\0", 20))
  assert(b == nil and m:find("bytecode"), m)
  assert(string.dump == nil)
end
return "OK"
