// The Lua host: sandbox, limits, the trampoline, error locations, the annotation file.
#include <doctest/doctest.h>

#include <lua.hpp>

#include <cstring>
#include <cstdint>
#include <vector>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/paths.h"
#include "app/run.h"
#include "lua/host.h"
#include "lua/small_blocks.h"
#include "store/database.h"
#include "support.h"

using ntm::lua::ErrorKind;
using ntm::test::run_lua;
namespace fs = std::filesystem;

namespace {

ntm::lua::Limits small_limits() {
  ntm::lua::Limits l;
  l.seconds = 2;
  l.memory_bytes = 64u << 20;
  l.instructions = 50'000'000;
  l.max_string_bytes = 16u << 20;
  return l;
}

}  // namespace

TEST_CASE("a script walks every commune of a province") {
  auto r = run_lua(R"(
    local n = 0
    for x in ntm.province("dien bien", {year = 2020}):communes() do
      assert(#x.code == 5 and x.name ~= "" and x.district ~= "")
      n = n + 1
    end
    print(n)
  )");
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out == "115\n");
}

TEST_CASE("a state's small blocks: aligned, apart, reused by size class, and a script's data intact across them") {
  ntm::lua::SmallBlocks blocks;
  std::vector<std::pair<char*, std::size_t>> got;
  for (std::size_t size = 1; size <= ntm::lua::SmallBlocks::kLargest; size += 7) {
    auto* p = static_cast<char*>(blocks.allocate(size));
    REQUIRE(p != nullptr);
    CHECK(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
    std::memset(p, static_cast<int>(size), size);
    got.emplace_back(p, size);
  }
  for (const auto& [p, size] : got)   // no block overlaps another: each still holds its own bytes
    for (std::size_t i = 0; i < size; ++i) REQUIRE(static_cast<unsigned char>(p[i]) == (size & 0xFF));
  // A block given back is the next one of its class (16 bytes a class), not of another.
  blocks.release(got[0].first, got[0].second);   // 1 byte: class 1..16
  CHECK(blocks.allocate(40) != got[0].first);
  CHECK(blocks.allocate(16) == got[0].first);
  // Scripts growing and shrinking strings, tables and closures across the 256-byte line.
  auto r = run_lua(R"(
    local t, s = {}, ""
    for i = 1, 2000 do
      s = s .. string.char(65 + i % 26)
      t[i] = s:sub(1, i % 300)
      if i % 3 == 0 then t[i - 1] = nil end
    end
    local n, total = 0, 0
    for i = 1, 2000 do if t[i] then n = n + 1; total = total + #t[i] end end
    collectgarbage()
    print(n, total, #s, t[2000]:sub(1, 5), t[299] and #t[299] or -1)
  )");
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out == "1334\t192333\t2000\tBCDEF\t-1\n");   // as computed apart (Python)
}

TEST_CASE("a method given a handle of another kind, or a table, is refused as it always was") {
  // Handles are told apart by their metatable's address (cached per state), not by name.
  auto r = run_lua(R"(
    local tinh = ntm.province("dien bien", {year = 2020})
    local list = tinh:communes{year = 2020}
    local x, y = list[1], list[2]
    print(x == list[1], x == y, x == tinh, pcall(x.has_data, x))
    for _, v in ipairs{tinh, {}, list, "03163", 5} do
      local ok, e = pcall(x.has_data, v)
      print(ok, e)
    end
  )", ntm::test::sample_db("dien-bien-2020"));
  REQUIRE_MESSAGE(r.ok, r.message);
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "true\tfalse\tfalse\ttrue\ttrue");
  for (const char* got : {"ntm.Province", "table", "ntm.CommuneList", "string", "number"}) {
    REQUIRE(std::getline(lines, line));
    CAPTURE(line);
    CHECK(line.rfind("false\t", 0) == 0);
    CHECK(line.find("ntm.Commune") != std::string::npos);
    CHECK(line.find(got) != std::string::npos);
  }
}

TEST_CASE("province names match with or without accents, and unknown names suggest") {
  auto r = run_lua(R"(print(ntm.province("ĐIỆN BIÊN").code, ntm.province("tinh dien bien").name, ntm.province("24").name,
                           ntm.province("24", {year = 2020}).name, ntm.province("24", {date = "30/06/2025"}).name))");
  REQUIRE_MESSAGE(r.ok, r.message);
  // Code 24 names Bắc Giang until 30/06/2025 and Bắc Ninh after (the run's map: today).
  CHECK(r.out == "11\tĐiện Biên\tBắc Ninh\tBắc Giang\tBắc Giang\n");
  auto bad = run_lua("local p = ntm.province('dien bin')\n");
  CHECK_FALSE(bad.ok);
  CHECK(bad.kind == ErrorKind::Script);
  CHECK(bad.message.find("không tìm thấy tỉnh 'dien bin'; có phải: Điện Biên") != std::string::npos);
  CHECK(bad.line == 1);
}

TEST_CASE("limits stop runaway scripts and pcall cannot catch them") {
  SUBCASE("busy loop") {
    auto limits = small_limits();
    limits.seconds = 120;   // the instruction limit must be what stops it, on a machine of any speed
    auto r = run_lua("while true do end", ntm::test::reference_db(), limits);
    CHECK(r.kind == ErrorKind::Limit);
    CHECK(r.message.find("giới hạn số lệnh") != std::string::npos);
  }
  SUBCASE("busy loop inside pcall inside a loop") {
    auto r = run_lua("while true do pcall(function() while true do end end) end", ntm::test::reference_db(), small_limits());
    CHECK(r.kind == ErrorKind::Limit);
  }
  SUBCASE("error handler that tries to keep going") {
    auto r = run_lua("for i = 1, 1e9 do xpcall(function() while true do end end, function() while true do end end) end",
                     ntm::test::reference_db(), small_limits());
    CHECK(r.kind == ErrorKind::Limit);
  }
  SUBCASE("inside a coroutine") {
    auto r = run_lua("coroutine.wrap(function() while true do end end)()", ntm::test::reference_db(), small_limits());
    CHECK(r.kind == ErrorKind::Limit);
  }
  SUBCASE("wall clock") {
    auto limits = small_limits();
    limits.instructions = 1'000'000'000'000LL;
    limits.seconds = 0.3;
    auto r = run_lua("local x = 0 while true do x = x + 1 end", ntm::test::reference_db(), limits);
    CHECK(r.kind == ErrorKind::Limit);
    CHECK(r.message.find("giới hạn thời gian") != std::string::npos);
    CHECK(r.line == 1);
  }
  SUBCASE("after a bound call, a stop takes effect at the script's next instruction") {
    // The count hook looks at the clock and for Ctrl-C once per 1000 instructions; a native
    // call whose work grows with its argument (a district name of megabytes) must not get
    // thousands of calls between two looks, so every bound call looks too. Here Ctrl-C has
    // come before the chunk runs: after one bound call the script must not reach its own
    // error, a handful of instructions later.
    ntm::store::Database db(ntm::test::reference_db(), ntm::store::OpenMode::ReadOnly);
    std::ostringstream sink;
    ntm::lua::Context context(db, sink, sink);
    ntm::lua::Host host(context, small_limits());
    host.load_string("local s = ntm.fmt.number(1)\nerror('reached')", "=after-bound-call");
    host.interrupt();
    try {
      host.call(0, 0);
      FAIL("the chunk ended normally");
    } catch (const ntm::lua::ScriptError& e) {
      CHECK(e.kind == ErrorKind::Limit);
      CHECK(std::string(e.what()).find("bị ngắt (Ctrl-C)") != std::string::npos);
      CHECK(std::string(e.what()).find("reached") == std::string::npos);
    }
  }
  SUBCASE("string.rep of 2^31 bytes: too large for Lua itself, a catchable error") {
    auto r = run_lua("local s = string.rep('x', 2^31)", ntm::test::reference_db(), small_limits());
    CHECK(r.kind == ErrorKind::Script);
    CHECK(r.message.find("resulting string too large") != std::string::npos);
  }
  SUBCASE("string.rep past the memory left: uncaught, the memory limit") {
    auto r = run_lua("local s = ('x'):rep(2^28)", ntm::test::reference_db(), small_limits());
    CHECK(r.kind == ErrorKind::Limit);
    CHECK(r.message.find("string.rep") != std::string::npos);
  }
  SUBCASE("string.rep past the memory left: caught, the script goes on") {
    auto r = run_lua("print(pcall(string.rep, 'x', 2^28))", ntm::test::reference_db(), small_limits());
    CHECK(r.ok);
    CHECK(r.out.rfind("false\tstring.rep: không đủ bộ nhớ", 0) == 0);
  }
  SUBCASE("an ever-growing table") {
    auto limits = small_limits();
    limits.seconds = 600;   // the memory limit must be what stops it, however busy the machine
    limits.instructions = 1'000'000'000'000LL;
    auto r = run_lua("local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end", ntm::test::reference_db(), limits);
    CHECK(r.kind == ErrorKind::Limit);
    CHECK(r.message.find("giới hạn bộ nhớ") != std::string::npos);
  }
  SUBCASE("memory errors caught by pcall still stop the script") {
    auto r = run_lua("local t = {} while true do pcall(function() t[#t + 1] = string.rep('y', 1e6) .. #t end) end",
                     ntm::test::reference_db(), small_limits());
    CHECK(r.kind == ErrorKind::Limit);
  }
}

TEST_CASE("no escape: io, os, require, debug, dofile, bytecode are not reachable") {
  struct Case { const char* source; const char* expected; };
  const Case cases[] = {
      {"io.open('/etc/passwd')", "biến toàn cục 'io'"},
      {"os.execute('id')", "biến toàn cục 'os'"},
      {"require('os')", "biến toàn cục 'require'"},
      {"debug.getregistry()", "biến toàn cục 'debug'"},
      {"dofile('/etc/passwd')", "biến toàn cục 'dofile'"},
      {"loadfile('/etc/passwd')", "biến toàn cục 'loadfile'"},
      {"package.loadlib('x', 'y')", "biến toàn cục 'package'"},
      {"assert(load(string.char(27) .. 'Lua'))", "bytecode"},
      {"assert(load(function() return nil end, 'x', 'b'))", ""},
      {"string.dump(print)", "trường 'dump'"},
      {"collectgarbage('bogus')", "invalid option 'bogus'"},
      {"setmetatable({}, {__gc = function() end})", "__gc"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.source);
    auto r = run_lua(c.source, ntm::test::reference_db(), small_limits());
    CHECK_FALSE(r.ok);
    CHECK(r.kind == ErrorKind::Script);
    CHECK(r.message.find(c.expected) != std::string::npos);
  }
  // load() of text works and is bound to the sandbox: it does not see the real globals.
  auto ok = run_lua("print(load('return io')(), load('return 1 + 1')())");
  REQUIRE_MESSAGE(ok.ok, ok.message);
  CHECK(ok.out == "nil\t2\n");
}

TEST_CASE("shared libraries cannot be modified for later code") {
  const char* attempts[] = {
      "string.format = function() return 'pwned' end",
      "rawset(string, 'format', function() end)",
      "getmetatable('').__index = {}",
      "setmetatable(string, {})",
      "ntm.province = nil",
      "ntm.fmt.number = print",
      "table.insert = nil",
  };
  for (const char* source : attempts) {
    CAPTURE(source);
    auto r = run_lua(source);
    CHECK_FALSE(r.ok);
    CHECK(r.kind == ErrorKind::Script);
  }
  auto r = run_lua("string.format = nil");
  CHECK(r.message.find("chỉ đọc") != std::string::npos);
  // Globals of one run do not leak into the next.
  CHECK(run_lua("leak = 42").ok);
  auto next = run_lua("print(leak, string.format('%d', 7))");
  CHECK(next.out == "nil\t7\n");
}

TEST_CASE("a C++ exception thrown from a binding 300 times leaves the host healthy") {
  auto r = run_lua(R"(
    local failures = 0
    for i = 1, 300 do
      local ok, err = pcall(ntm.sql, "SELEC nonsense " .. i)
      if not ok and err:find("SQL") then failures = failures + 1 end
    end
    print(failures, #ntm.sql("SELECT code FROM unit_version WHERE kind = 'province' AND valid_to IS NULL"))
  )");
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out == "300\t34\n");
  // And 300 runs in a row, each ending in a thrown exception turned into a script error.
  int errors = 0;
  for (int i = 0; i < 300; ++i) {
    auto e = run_lua("ntm.sql('SELECT * FROM no_such_table')");
    if (!e.ok && e.message.find("no_such_table") != std::string::npos) ++errors;
  }
  CHECK(errors == 300);
  CHECK(run_lua("print(ntm.province('Bắc Giang', {year = 2020}):communes():count())").out == "184\n");
}

TEST_CASE("ntm.sql is read-only") {
  for (const char* q : {"DELETE FROM unit", "ATTACH DATABASE '/tmp/x.db' AS x", "PRAGMA writable_schema = 1",
                        "INSERT INTO meta VALUES ('a', 'b')"}) {
    CAPTURE(q);
    auto r = run_lua(std::string("ntm.sql([[") + q + "]])");
    CHECK_FALSE(r.ok);
  }
  auto rows = run_lua("local r = ntm.sql('SELECT name FROM unit_version WHERE code = ?', '11') print(#r, r[1].name)");
  CHECK(rows.out == "1\tĐiện Biên\n");
}

TEST_CASE("script errors name file:line and carry a traceback") {
  auto r = run_lua("local a = 1\nlocal b = 2\nerror('hỏng ở đây')\n", ntm::test::reference_db(), {}, "loi");
  CHECK(r.kind == ErrorKind::Script);
  CHECK(r.line == 3);
  CHECK(r.file.find("loi.lua") != std::string::npos);
  CHECK(r.message.find("loi.lua:3: hỏng ở đây") != std::string::npos);
  auto syntax = run_lua("local x = = 1\n", ntm::test::reference_db(), {}, "cu_phap");
  CHECK(syntax.kind == ErrorKind::Script);
  CHECK(syntax.line == 1);
  CHECK(syntax.message.find("cu_phap.lua:1:") != std::string::npos);
}

TEST_CASE("Vietnamese number formatting") {
  auto r = run_lua(R"(
    print(ntm.fmt.number(1986281), ntm.fmt.number(1351 / 115, 2),
          ntm.fmt.percent(55, 115, {decimals = 2, mode = "truncate"}),
          ntm.fmt.percent(151, 184, 1), ntm.fmt.percent(21, 115, {decimals = 2, mode = "truncate"}),
          ntm.fmt.money(1986281, {unit = "ty"}), ntm.fmt.date("2020-12-31"),
          ntm.fmt.round(10.125, 2, "half-even"), ntm.fmt.number(46 / 115 * 100, {decimals = 2, mode = "truncate", trim = true}))
  )");
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out == "1.986.281\t11,75\t47,82%\t82,1%\t18,26%\t1.986,28 tỷ đồng\tngày 31 tháng 12 năm 2020\t10.12\t40\n");
}

namespace {

// Names of functions reachable from scripts through the ntm module and the host types.
std::set<std::string> bound_names() {
  std::set<std::string> names;
  ntm::store::Database db(ntm::test::reference_db(), ntm::store::OpenMode::ReadOnly);
  std::ostringstream sink;
  ntm::lua::Context context(db, sink, sink);
  ntm::lua::Host host(context, {});
  lua_State* L = host.state();
  // The real table behind a read-only proxy is the __index of its metatable.
  auto walk = [&](const std::string& prefix, auto& self) -> void {
    // [proxy]
    lua_getmetatable(L, -1);
    lua_getfield(L, -1, "__index");
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      std::string key = lua_tostring(L, -2);
      if (lua_type(L, -1) == LUA_TTABLE) {
        self(prefix + key + ".", self);
      } else {
        names.insert(prefix + key);
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 2);
  };
  // The sandbox env is the _ENV of a loaded chunk.
  host.load_string("return ntm", "=names");
  host.call(0, 1);
  walk("ntm.", walk);
  lua_pop(L, 1);
  for (const char* type : {"ntm.Province", "ntm.District", "ntm.Commune", "ntm.CommuneList", "ntm.Document"}) {
    std::string short_name = std::string(type).substr(4);
    luaL_getmetatable(L, type);
    lua_getfield(L, -1, "__index");
    if (lua_type(L, -1) == LUA_TFUNCTION) lua_getupvalue(L, -1, 1);
    else lua_pushvalue(L, -1);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      names.insert(short_name + ":" + lua_tostring(L, -2));
      lua_pop(L, 1);
    }
    lua_settop(L, 0);
  }
  return names;
}

}  // namespace

TEST_CASE("the annotation file documents every bound name") {
  std::ifstream in(ntm::app::data_dir() / "scripts" / "meta" / "ntm.lua");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  std::string meta = text.str();
  CHECK(meta.rfind("---@meta", 0) == 0);
  std::set<std::string> documented;
  std::regex function_re(R"(function ([A-Za-z_][A-Za-z0-9_.]*)([.:])([A-Za-z_][A-Za-z0-9_]*)\()");
  for (auto it = std::sregex_iterator(meta.begin(), meta.end(), function_re); it != std::sregex_iterator(); ++it)
    documented.insert((*it)[1].str() + (*it)[2].str() + (*it)[3].str());
  std::regex field_re(R"(^(ntm(?:\.[a-z_]+)*)\.([a-z_]+) = )", std::regex::multiline);
  for (auto it = std::sregex_iterator(meta.begin(), meta.end(), field_re); it != std::sregex_iterator(); ++it)
    documented.insert((*it)[1].str() + "." + (*it)[2].str());
  auto bound = bound_names();
  CHECK(bound.size() > 25);
  for (const auto& name : bound) {
    CAPTURE(name);
    CHECK(documented.count(name) == 1);
  }
}

// A lookup the data cannot answer, for a value a parameter carried, is the user's mistake: a
// Usage error (exit 2) naming the parameter and what exists. The same lookup for a value the
// script made up, or caught by the script, stays the script's own error.
namespace {

ntm::lua::ScriptError run_failing(const std::string& source, const std::map<std::string, std::string>& args,
                                  const std::map<std::string, std::string>& defaults = {}) {
  fs::path script = ntm::test::temp_dir() / "lookup.lua";
  std::ofstream(script, std::ios::binary) << source;
  std::ostringstream out, err;
  try {
    ntm::app::run_script(ntm::test::sample_db("dien-bien-2020"), script, args, {}, out, err, {}, false, defaults);
  } catch (const ntm::lua::ScriptError& e) {
    return e;
  }
  FAIL("the script did not fail");
  return ntm::lua::ScriptError(ErrorKind::Script, "");
}

const char* kLookup = R"(
  local p = ntm.params{ province = {required = true}, year = {type = "integer"}, district = {} }
  local tinh = ntm.province(p.province)
  return tinh:communes{ year = p.year, district = p.district }:count()
)";

}  // namespace

TEST_CASE("a lookup for a parameter's value the data does not have is a command-line error") {
  auto year = run_failing(kLookup, {{"province", "11"}, {"year", "2022"}});
  CHECK(year.kind == ErrorKind::Usage);
  CHECK(year.parameter == "year");
  CHECK(std::string(year.what()) == "--year 2022: không có dữ liệu năm 2022 của tỉnh Điện Biên theo bộ tiêu chí 318-xa; các năm có dữ liệu: 2015, 2016, 2017, 2018, 2019, 2020");
  auto district = run_failing(kLookup, {{"province", "11"}, {"district", "Nam Poo"}});
  CHECK(district.kind == ErrorKind::Usage);
  CHECK(std::string(district.what()).rfind("--district Nam Poo: tỉnh Điện Biên không có huyện 'Nam Poo'", 0) == 0);
  auto province = run_failing(kLookup, {{"province", "dien bin"}});
  CHECK(province.kind == ErrorKind::Usage);
  // From the project file: said so.
  auto project = run_failing(kLookup, {{"province", "11"}}, {{"year", "2022"}});
  CHECK(project.kind == ErrorKind::Usage);
  CHECK(std::string(project.what()).rfind("--year 2022 (trong ntm.toml): ", 0) == 0);
}

TEST_CASE("a lookup the script made up, or caught, stays a script error") {
  // A year written in the script, not given by the user.
  auto own = run_failing(R"(
    local p = ntm.params{ province = {required = true} }
    return ntm.province(p.province):communes{ year = 2024 }:count()
  )", {{"province", "11"}});
  CHECK(own.kind == ErrorKind::Script);
  CHECK(std::string(own.what()).find("không có dữ liệu năm 2024") != std::string::npos);
  CHECK(own.line == 3);
  CHECK(own.traceback.find("stack traceback") != std::string::npos);
  // Caught with pcall, then a different error: that error is the script's.
  auto caught = run_failing(R"(
    local p = ntm.params{ province = {required = true}, year = {type = "integer"} }
    local ok = pcall(function() return ntm.province(p.province):communes{ year = p.year } end)
    assert(not ok)
    error("hỏng ở chỗ khác")
  )", {{"province", "11"}, {"year", "2022"}});
  CHECK(caught.kind == ErrorKind::Script);
  CHECK(std::string(caught.what()).find("hỏng ở chỗ khác") != std::string::npos);
  // Caught and raised again unchanged: still the user's value.
  auto again = run_failing(R"(
    local p = ntm.params{ province = {required = true}, year = {type = "integer"} }
    local ok, e = pcall(function() return ntm.province(p.province):communes{ year = p.year } end)
    error(e, 0)
  )", {{"province", "11"}, {"year", "2022"}});
  CHECK(again.kind == ErrorKind::Usage);
  // The script can still handle a missing year itself and go on.
  auto r = run_lua(R"(
    local ok, e = pcall(function() return ntm.province("11"):communes{ year = 2022 } end)
    print(ok, e:match("các năm có dữ liệu: [%d, ]+"))
  )", ntm::test::sample_db("dien-bien-2020"));
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out == "false\tcác năm có dữ liệu: 2015, 2016, 2017, 2018, 2019, 2020\n");
}

TEST_CASE("a script file loaded again runs the chunk compiled the first time: same output, errors and limits") {
  using ntm::test::run_lua;
  const std::string source = "local t = {}\nfor i = 1, 10 do t[i] = i end\nprint(#t)\nerror('dừng ở dòng bốn')\n";
  auto first = run_lua(source, ntm::test::reference_db(), {}, "cached-chunk");
  auto again = run_lua(source, ntm::test::reference_db(), {}, "cached-chunk");
  CHECK(first.out == "10\n");
  CHECK(again.out == first.out);
  CHECK(first.line == 4);
  CHECK(again.line == 4);   // the compiled chunk keeps its line numbers and its file name
  CHECK(again.file == first.file);
  CHECK(again.message == first.message);

  // The same file with another text: compiled again, never the old chunk.
  auto changed = run_lua("print('khác')\n", ntm::test::reference_db(), {}, "cached-chunk");
  CHECK(changed.ok);
  CHECK(changed.out == "khác\n");

  // Parsing is charged to the instruction budget; a chunk served compiled is charged the
  // same, so a budget too small for the text stops it both times.
  std::string big = "local t = {}\n";
  for (int i = 0; i < 400; ++i) big += "t[" + std::to_string(i) + "] = " + std::to_string(i) + "\n";
  ntm::lua::Limits small;
  small.instructions = 1000;
  auto fits = run_lua(big, ntm::test::reference_db(), {}, "cached-big");
  CHECK(fits.ok);
  auto a = run_lua(big, ntm::test::reference_db(), small, "cached-big");
  auto b = run_lua(big, ntm::test::reference_db(), small, "cached-big");
  CHECK_FALSE(a.ok);
  CHECK(a.kind == ntm::lua::ErrorKind::Limit);
  CHECK(b.kind == ntm::lua::ErrorKind::Limit);
  CHECK(b.message == a.message);
}

TEST_CASE("scripts run one after another in one state each get what a fresh state gives") {
  // A check runs its review and its rules in one state (app::run_scripts): a later script must
  // not see what an earlier one set, replaced, loaded or left in memory, and gets its own
  // instruction budget, random numbers and findings.
  fs::path dir = ntm::test::temp_dir() / "one-state";
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  };
  // Each script: 3 million instructions (of a 5 million budget), 12 MB kept in a global (of a
  // 24 MB heap), a changed library, replaced globals, one random number, one finding.
  const std::string body = R"(
    assert(kept == nil and marker == nil, "a global of an earlier script is visible")
    assert(type(print) == "function" and type(string.format) == "function")
    local review = ntm.use("review")
    assert(review.changed == nil, "a library changed by an earlier script")
    review.changed = true
    local n = 0
    for i = 1, 1500000 do n = n + i end
    kept = {}
    for i = 1, 3 do kept[i] = string.rep("x", 4 << 20) end
    marker = true
    print(math.random(1, 1000000))
    ntm.finding{ rule = "thu", message = "một phát hiện" }
    print = nil
  )";
  auto a = write("a.lua", body);
  auto b = write("b.lua", body);
  auto c = write("c.lua", "local x = 1\nerror('dừng ở đây')\n");
  ntm::lua::Limits limits;
  limits.instructions = 5'000'000;
  limits.memory_bytes = 24u << 20;
  limits.max_string_bytes = 16u << 20;
  ntm::app::Session session(ntm::test::reference_db());
  std::ostringstream sink;
  for (const auto& one : {a, b}) CHECK(ntm::app::run_scripts(session, {{one, false, {}}}, {}, limits, sink, sink).size() == 1);
  std::ostringstream out, err;
  auto runs = ntm::app::run_scripts(session, {{a, false, {}}, {b, false, {}}}, {}, limits, out, err);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].findings.size() == 1);
  CHECK(runs[1].findings.size() == 1);
  CHECK(runs[1].findings[0].script.find("b.lua:") != std::string::npos);
  // The same random number both times, as two fresh states give.
  std::istringstream lines(out.str());
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  CHECK(!first.empty());
  CHECK(first == second);
  // Alone, each script fits in the budget; the two together would not: each had its own.
  // A failure in a later script names that script and its line.
  try {
    ntm::app::run_scripts(session, {{a, false, {}}, {c, false, {}}}, {}, limits, out, err);
    FAIL("c.lua must fail");
  } catch (const ntm::lua::ScriptError& e) {
    CHECK(e.kind == ErrorKind::Script);
    CHECK(e.file.find("c.lua") != std::string::npos);
    CHECK(e.line == 2);
    CHECK(std::string(e.what()).find("dừng ở đây") != std::string::npos);
  }
}
