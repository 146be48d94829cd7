-- Lua 5.4 pattern matching in the sandbox behaves as in real Lua (string.find, match,
-- gmatch, gsub run on the host's metered matcher). Written for ntm; returns "OK".
local function eq(a, b, what)
  if a ~= b then error(string.format("%s: got %q, expected %q", what, tostring(a), tostring(b)), 2) end
end
local function fails(pattern_text, f, ...)
  local ok, msg = pcall(f, ...)
  assert(not ok, "expected an error: " .. pattern_text)
  assert(string.find(msg, pattern_text, 1, true), "message '" .. tostring(msg) .. "' lacks '" .. pattern_text .. "'")
end

-- find: positions, plain, init, anchors
eq(select(2, string.find("hello world", "o w")), 7, "find end")
eq(string.find("hello", "l"), 3, "find")
eq(string.find("hello", "l", 4), 4, "init")
eq(string.find("hello", "l", -1), nil, "negative init")
eq(string.find("hello", "", 10), nil, "init past end")
eq(string.find("hello", "", 6), 6, "empty at end")
eq(string.find("a.b", ".", 1, true), 2, "plain")
eq(string.find("a+b", "+", 1, true), 2, "plain special")
eq(string.find("abc", "^b"), nil, "anchor")
eq(string.find("abc", "^a"), 1, "anchor start")
eq(string.find("abc", "c$"), 3, "dollar")
eq(string.find("a$c", "$c"), 2, "dollar inside")
eq(string.find("", ""), 1, "empty")
eq(string.find("abc", "b", -2), 2, "negative init 2")
eq(string.find("abc", "b", -100), 2, "negative init clip")
eq(string.find("a\0b", "\0"), 2, "zero byte")
eq(string.find("a\0b", "%z"), 2, "%z, deprecated but accepted")

-- match and captures
eq(string.match("key = value", "(%w+)%s*=%s*(%w+)"), "key", "capture 1")
eq(select(2, string.match("key = value", "(%w+)%s*=%s*(%w+)")), "value", "capture 2")
eq(string.match("hello", "()ll()"), 3, "position capture")
eq(select(2, string.match("hello", "()ll()")), 5, "position capture 2")
eq(string.match("  trim me  ", "^%s*(.-)%s*$"), "trim me", "trim")
eq(string.match("2020-12-31", "(%d+)-(%d+)-(%d+)"), "2020", "date")
eq(string.match("[[x]]", "%[(%b[])%]"), "[x]", "balanced")
eq(string.match("f(a(b)c)d", "%b()"), "(a(b)c)", "balanced 2")
eq(string.match("THE (quick) fox", "%f[%a]%a+%f[%A]"), "THE", "frontier")
eq(string.match("hello hello", "(h%a+) %1"), "hello", "back-reference")
eq(string.match("abc", "a(.-)c"), "b", "lazy")
eq(string.match("aaa", "a-b"), nil, "lazy fail")
eq(string.match("aaab", "a-b"), "aaab", "lazy then b")
eq(string.match("xyz", "x?y"), "xy", "optional")
eq(string.match("yz", "x?y"), "y", "optional absent")
eq(string.match("abc123", "[%a]+"), "abc", "set class")
eq(string.match("abc123", "[^%a]+"), "123", "negated set")
eq(string.match("a-b", "[a%-]+"), "a-", "escaped dash")
eq(string.match("]x", "[]]"), "]", "bracket first")
eq(string.match("b", "[a-c]"), "b", "range")
eq(string.match("-", "[a-]"), "-", "trailing dash")
eq(string.match("Ab1_", "%u%l%d%p"), "Ab1_", "classes")
eq(string.match("\t x", "%s+"), "\t ", "space")
eq(string.match("0x1F", "%x+", 3), "1F", "hex")
eq(string.match("ab", "%W"), nil, "negated class")
eq(string.match("hello", ".-(l+)(.*)"), "ll", "nested")
eq(string.match("hello", "(h)(e)(l)(l)(o)"), "h", "many captures")
eq(#{string.match("hello", "(h)(e)(l)(l)(o)")}, 5, "capture count")
eq(string.match("abc", "((a)(b))"), "ab", "nested capture")
eq(string.match("abc", "()"), 1, "empty position")

-- gmatch
local words = {}
for w in string.gmatch("one two  three", "%a+") do words[#words + 1] = w end
eq(table.concat(words, ","), "one,two,three", "gmatch words")
local pairs_found = {}
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do pairs_found[#pairs_found + 1] = k .. v end
eq(table.concat(pairs_found, ","), "a1,b2,c3", "gmatch pairs")
local count = 0
for _ in string.gmatch("abc", "") do count = count + 1 end
eq(count, 4, "gmatch empty")
local from3 = {}
for w in string.gmatch("ab cd ef", "%a+", 4) do from3[#from3 + 1] = w end
eq(table.concat(from3, ","), "cd,ef", "gmatch init")
local anchored = 0
for _ in string.gmatch("^a^a", "^a") do anchored = anchored + 1 end
eq(anchored, 2, "gmatch takes ^ literally")

-- gsub
eq((string.gsub("hello world", "o", "0")), "hell0 w0rld", "gsub")
eq(select(2, string.gsub("hello world", "o", "0")), 2, "gsub count")
eq((string.gsub("hello world", "o", "0", 1)), "hell0 world", "gsub max")
eq((string.gsub("abc", "%w", "%0%0")), "aabbcc", "gsub %0")
eq((string.gsub("hello world", "(%w+) (%w+)", "%2 %1")), "world hello", "gsub swap")
eq((string.gsub("abc", "", "-")), "-a-b-c-", "gsub empty")
eq((string.gsub("abc", "%w*", "-")), "-", "gsub star")
eq((string.gsub("hello world", "%w*", "x")), "x x", "gsub star words")
eq((string.gsub("$x $y", "%$(%w+)", {x = "1", y = false})), "1 $y", "gsub table")
eq((string.gsub("a b", "%w", function(c) return c:upper() end)), "A B", "gsub function")
eq((string.gsub("a b", "%w", function() end)), "a b", "gsub nil keeps")
eq((string.gsub("abc", "b", "%%")), "a%c", "gsub percent")
eq((string.gsub("abc", "^a", "x")), "xbc", "gsub anchored")
eq((string.gsub("aaa", "^a", "x")), "xaa", "gsub anchored once")
eq((string.gsub("abc", "(b)", "[%1]")), "a[b]c", "gsub capture")
eq((string.gsub("abc", "()b", "%1")), "a2c", "gsub position")
eq((string.gsub("abc", "b", 7)), "a7c", "gsub number repl")
eq((string.gsub("x", "x", "%1")), "x", "gsub %1 whole")
local same = "unchanged"
eq(string.gsub(same, "z", "y"), same, "gsub unchanged")

-- errors, with Lua's own messages
fails("malformed pattern (ends with '%')", string.find, "a", "%")
fails("malformed pattern (missing ']')", string.find, "a", "[a")
fails("missing arguments to '%b'", string.find, "a", "%b")
fails("missing '[' after '%f' in pattern", string.find, "a", "%fa")
fails("invalid capture index %1", string.find, "a", "%1")
fails("invalid capture index %0", string.find, "a", "(a)%0")
fails("invalid pattern capture", string.match, "a", "a)")
eq(string.find("a)", "a)"), 1, "no special: plain find")
fails("unfinished capture", string.match, "a", "(a")
fails("too many captures", string.match, string.rep("a", 40), string.rep("(a)", 40))
fails("pattern too complex", string.match, string.rep("a", 300), string.rep("a?", 300) .. "b")
fails("invalid capture index %2", string.gsub, "a", "(a)", "%2")
fails("invalid use of '%' in replacement string", string.gsub, "a", "a", "%x")
fails("invalid replacement value (a table)", string.gsub, "a", "a", function() return {} end)
-- names of functions in messages: from the call site, or the library name through pcall
fails("bad argument #3 to 'gsub' (string/function/table expected, got boolean)", function() return string.gsub("a", "a", true) end)
fails("bad argument #3 to 'string.gsub' (string/function/table expected, got boolean)", string.gsub, "a", "a", true)
fails("bad argument #1 to 'find' (string expected, got no value)", function() return ("a"):find() end)
fails("bad argument #1 to 'string.match' (string expected, got table)", string.match, {}, "a")

-- ordinary patterns on a megabyte run as in real Lua
local line = "2020-12-31 key=value  padded text  \n"
local big = string.rep(line, (1 << 20) // #line)
local dates = 0
for y, m, d in big:gmatch("(%d+)-(%d+)-(%d+)") do dates = dates + 1 end
eq(dates, (1 << 20) // #line, "dates on 1 MiB")
local kv = 0
for k, v in big:gmatch("(%w+)=(%w+)") do kv = kv + 1 end
eq(kv, (1 << 20) // #line, "key=value on 1 MiB")
local trimmed = ("   " .. big .. "   "):match("^%s*(.-)%s*$")
eq(#trimmed, #big - 3, "trim 1 MiB")
eq(select(2, big:gsub("%s+", " ")) > 0, true, "gsub 1 MiB")
return "OK"
