// Lua 5.4.4's own test suite (testes/ of the Lua sources) run inside the ntm sandbox.
//
// The files are not shipped with ntm (they are Lua's, and big); tools/lua-testes.sh copies
// them from Lua sources you have and registers this test as `lua_testes`. Every file of the
// suite that the sandbox can run at all is run, with the default limits, after removing
// the blocks that use what the sandbox leaves out on purpose (docs/security.md, "Lua 5.4 in
// the sandbox"): the io, os, debug and package libraries, require, string.dump and binary
// chunks, finalizers (__gc), warn. Each removal below names the lines and the absence; the
// files are checked against the SHA-256 of the 5.4.4 release first, so the line numbers
// mean what they say. Files left out whole: db.lua (the debug library), files.lua (io),
// main.lua (runs the lua program), gc.lua, gengc.lua and tracegc.lua (the collector with
// finalizers), verybig.lua (temporary files), heavy.lua (gigabytes by design, not in the
// suite's own driver either), bwcoercion.lua (a module that changes the string metatable),
// all.lua (the driver, which needs os and io). The suite's switches _soft and _port are
// on: its long and non-portable tests are skipped, as on a slow or unusual machine.
#include <doctest/doctest.h>

#include <lua.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "app/run.h"
#include "model/hash.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

struct Removal {
  int first, last;          // 1-based lines, inclusive
  const char* replacement;  // what goes on line `first` instead ("" for nothing)
  const char* absence;      // what the block needs that the sandbox leaves out
};

struct TestFile {
  const char* name;
  const char* sha256;   // of the 5.4.4 release
  std::vector<Removal> removals;
};

// Filled in from running the suite: see the list of files above.
const std::vector<TestFile>& suite();

// The file with the removed lines blanked (so line numbers in messages stay true), after a
// prelude that sets the suite's switches for "no long or non-portable tests".
std::string prepared(const std::string& text, const TestFile& f) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  for (const Removal& r : f.removals) {
    for (int i = r.first; i <= r.last && i <= static_cast<int>(lines.size()); ++i) lines[static_cast<std::size_t>(i - 1)] = "";
    if (r.first <= static_cast<int>(lines.size())) lines[static_cast<std::size_t>(r.first - 1)] = r.replacement;
  }
  std::string out = "_soft = true; _port = true; _nomsg = true; ";   // on the first line: numbering unchanged
  for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + "\n";
  return out;
}

}  // namespace

TEST_CASE("Lua 5.4 test suite runs in the sandbox") {
  const char* dir = std::getenv("NTM_LUA_TESTES");
  REQUIRE_MESSAGE(dir != nullptr, "NTM_LUA_TESTES is not set: run tools/lua-testes.sh");
  for (const TestFile& f : suite()) {
    CAPTURE(f.name);
    std::string text = ntm::test::slurp(fs::path(dir) / f.name);
    REQUIRE_MESSAGE(!text.empty(), "missing testes file");
    REQUIRE_MESSAGE(ntm::sha256_hex(text) == f.sha256, "this is not Lua 5.4.4's file");
    fs::path script = ntm::test::temp_dir() / (std::string("testes-") + f.name);
    std::ofstream(script, std::ios::binary) << prepared(text, f);
    std::ostringstream out, err;
    try {
      ntm::app::run_script(ntm::test::reference_db(), script, {}, ntm::lua::Limits{}, out, err);
    } catch (const ntm::lua::ScriptError& e) {
      FAIL_CHECK(e.what() << "\n" << e.traceback);
    }
    MESSAGE(f.name << ": " << out.str().substr(out.str().size() > 300 ? out.str().size() - 300 : 0));
  }
}

namespace {

// Each removal names the lines of the 5.4.4 file and the absence that makes them impossible
// here. A replacement keeps a test that only used the absent feature to look at something
// else: the line number taken from an error position instead of debug.getinfo, the library
// names instead of package.loaded, a userdata of the host instead of io.stdin.
const std::vector<TestFile>& suite() {
  static const std::vector<TestFile> files = {
      {"api.lua", "883ae8229cb73e64c36f4d2c2d327d6ac464b3e3eee4afe55c3d7291fff73255",
       {}},
      {"attrib.lua", "480ed031a6c857113ea0b09039254fa3eba7bdd08fc9610197392e2df2e47e4c",
       {{4, 335, "", "require, package (the tests of the module system)"}}},
      {"big.lua", "31540e5da7e391027b0d939611f0d581e267071c251e7ffdc847b8844665ab6d",
       {}},
      {"bitwise.lua", "84fe72873b8c894bdd83ee003d897b572ad729c272e25813618961979eadb5ee",
       {{6, 6, "", "require, and the string metatable is locked (bwcoercion.lua adds bitwise metamethods to strings)"},
       {26, 27, "", "the string metatable is locked (bitwise operators on strings need bwcoercion.lua)"},
       {59, 78, "", "the string metatable is locked (bitwise operators on strings need bwcoercion.lua)"},
       {90, 90, "local bit32 = (function ()     --{", "package (package.preload: the module is called directly)"},
       {193, 193, "end)()  --}", "package (package.preload)"},
       {198, 198, "", "require"}}},
      {"calls.lua", "2f824ab2e68b8d5794f747dd699d73d212a482c758b5e5edfc64e9e0fdfeacfb",
       {{6, 6, "", "debug"},
       {299, 299, "", "debug (debug.getinfo)"},
       {315, 327, "", "string.dump"},
       {330, 336, "", "string.dump"},
       {352, 356, "", "string.dump, debug"},
       {374, 377, "", "string.dump"},
       {379, 395, "", "string.dump, debug"},
       {412, 418, "", "string.dump, debug"},
       {438, 478, "", "string.dump (binary chunks)"}}},
      {"closure.lua", "ee5b3a3800cc27a265eff2fce8fc2e262c9b805183fb108ed9c9baf5e90625a4",
       {{231, 231, "", "debug"},
       {243, 253, "", "debug (upvalueid)"},
       {255, 256, "", "debug (upvaluejoin)"},
       {258, 268, "", "debug (upvaluejoin)"}}},
      {"code.lua", "cece825642898f912420f261478fb20e14008b8d4a54d7391ad76fc49687ea05",
       {}},
      {"constructs.lua", "e20309ab5b6f14fdfb2c4b30cbda4a14c9c55a79f12088fefc3590f1fb803dd3",
       {{6, 6, "", "debug"},
       {279, 279, "", "debug (getinfo)"}}},
      {"coroutine.lua", "bac0f0586007e1136d0218b6cfffdb9ff2af7dcd9a6128f7805af2129d8fe590",
       {{6, 6, "", "debug"},
       {226, 226, "", "debug (getinfo)"},
       {234, 234, "  assert(X == 43)", "debug (Y came from debug.getinfo)"},
       {345, 351, "", "debug (sethook)"},
       {356, 357, "", "debug (getinfo)"},
       {942, 944, "", "debug (setupvalue)"}}},
      {"cstack.lua", "f3f5accd213eb83f70a40422abae977a01a198cb126217a7754b66a9656a853b",
       {{5, 5, "", "require (tracegc.lua uses __gc)"},
       {26, 26, "", "__gc (tracegc)"},
       {28, 28, "", "__gc (tracegc)"}}},
      {"errors.lua", "3d60ed39749373ddd893d15b04c54911ce728f3fa0c948209b0dffe0369ec921",
       {{6, 6, "", "debug"},
       {203, 203, "", "io (io.stdin)"},
       {212, 218, "", "debug (light userdata from debug.upvalueid)"},
       {221, 221, "", "io"},
       {224, 224, "", "io"},
       {226, 226, "", "io"},
       {229, 229, "", "io"},
       {250, 250, "", "io"},
       {254, 266, "", "string.dump"},
       {316, 316, "", "io (io.stdin), __gc"},
       {549, 549, "  assert(tonumber(line) == 547)", "debug (getinfo: the line written out)"}}},
      {"events.lua", "8e122441786b465271e01f7f1dd536661e0da3756da5c26c9df84d811df33b6f",
       {{6, 6, "", "debug"},
       {196, 196, "", "io (io.stdin)"},
       {435, 463, "", "debug (debug.setmetatable for basic types)"}}},
      {"goto.lua", "a082e103d195f097f9c38b518eca90d7142d3b5c8eb269a3325bb927ef164c77",
       {{157, 157, "", "debug"},
       {186, 218, "", "debug (upvalueid)"}}},
      {"literals.lua", "c551138ad01a4fd87e8b6fb86136e3e6930dae33370a163a3fd7ccf633b5e4d2",
       {{6, 6, "", "debug"},
       {35, 35, "            ', tonumber(select(2, pcall(error, \"\", 2)):match(\":(%d+):\"))', ''))", "debug (getinfo(1).currentline: the line read from an error position instead)"},
       {247, 247, "return tonumber(select(2, pcall(error, \"\", 2)):match(\":(%d+):\"))", "debug (getinfo(1).currentline: the line read from an error position instead)"},
       {296, 296, "if false then", "os (os.setlocale: the block for a missing pt_BR locale runs)"}}},
      {"locals.lua", "3a370ca7a2a2a12c03e21c87d5a1103c5431a296b2b0d2a71b468a724f97f3c1",
       {{6, 6, "", "debug"},
       {8, 8, "", "require (tracegc.lua uses __gc)"},
       {73, 77, "", "debug (getupvalue)"},
       {80, 80, "", "debug (getupvalue)"},
       {82, 82, "", "debug (getupvalue)"},
       {165, 165, "", "debug (getupvalue)"},
       {260, 260, "", "debug (getinfo)"},
       {407, 407, "", "debug (getinfo)"},
       {413, 413, "", "debug (getinfo)"},
       {422, 422, "", "debug (getinfo)"},
       {430, 430, "", "debug (getinfo)"},
       {461, 461, "  local st, msg = xpcall(foo, function (m) return m end)", "debug (traceback: the message alone)"},
       {469, 469, "  local st, msg = xpcall(foo, function (m) return m end)", "debug (traceback: the message alone)"},
       {471, 471, "", "debug (traceback)"},
       {584, 584, "", "__gc (tracegc)"},
       {586, 586, "", "__gc (tracegc)"},
       {740, 764, "", "debug (sethook)"}}},
      {"math.lua", "b07ec4f8f0a82d330f9c473abedc055008469babd7f5d519da6ed4e2b42a8dbb",
       {}},
      {"nextvar.lua", "6fb5677a131be3a6d7ead927fcdaf0c18110fa8ef321e229957881fea93e4296",
       {{277, 277, "    if not ({string = 1, table = 1, math = 1, utf8 = 1, coroutine = 1, ntm = 1, _G = 1})[n] and type(v) ~= \"function\" and", "package (package.loaded: the libraries the sandbox has)"},
       {344, 344, "    [ntm.province(\"11\")] = 9,       -- userdata", "io (io.stdin: a userdata of the host instead)"},
       {310, 310, "local table = setmetatable({}, {__index = table}); function table.maxn (t)", "read-only libraries (maxn goes into a table over the library)"}}},
      {"pm.lua", "9823467dcfba5dc523b7cfbc29de0e47a5ceba200b0710c3fe6511bf6f8c2be9",
       {}},
      {"sort.lua", "0e222a8f9122437f9053cb78194f25ae04632cd462c3bf689bab5a5f8c1ed920",
       {{252, 252, "", "os.clock"},
       {254, 254, "", "os.clock"},
       {256, 256, "", "os.clock (the timing printed)"},
       {277, 277, "i=0", "os.clock"},
       {279, 281, "", "os.clock"}}},
      {"strings.lua", "5ba4b96551e01801eccfb27ab3e58bedea79c07699d4b952d8553b3e5037a745",
       {{168, 169, "", "io"}}},
      {"tpack.lua", "114e7461efa0d890bfaf2c018cc781c6b3608d7d645576443956af20d2319887",
       {}},
      {"utf8.lua", "1a7916de30fcdc3aab9f3ea1012186bbd7b73293cab87a8b30244eca808aa9c4",
       {{6, 6, "", "require"}}},
      {"vararg.lua", "ddda1a6ae9c9b6873ca408112ce8ec404fea8d68a8179366569fd5b530f827df",
       {}},
  };
  return files;
}

}  // namespace
