// The sandbox is Lua 5.4, not a dialect of it: the conformance checks in tests/conformance/
// (written for ntm: patterns, load, calls, errors, coroutines, table functions, read-only
// libraries) run in the sandbox with the default limits and must return "OK". Each of them
// also runs unchanged under a plain Lua 5.4 interpreter.
//
// Lua's own test suite (the testes/ folder of the Lua 5.4.4 sources, which ntm does not ship)
// runs too when it is present: see lua_testes.cpp (tools/lua-testes.sh).
#include <doctest/doctest.h>

#include <lua.hpp>

#include <filesystem>
#include <sstream>

#include "app/run.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

// Runs `script` in the sandbox and returns what it returned, as text ("" when not a string).
std::string run_returning(const fs::path& script, const ntm::lua::Limits& limits, std::string& output) {
  std::ostringstream out, err;
  std::string value;
  ntm::app::run_script(ntm::test::sample_db("dien-bien-2020"), script, {}, limits, out, err, [&](ntm::lua::Host& host) {
    if (lua_type(host.state(), -1) == LUA_TSTRING) value = lua_tostring(host.state(), -1);
  });
  output = out.str() + err.str();
  return value;
}

}  // namespace

TEST_CASE("the Lua conformance checks pass in the sandbox with the default limits") {
  int files = 0;
  for (const auto& e : fs::directory_iterator(fs::path(NTM_TEST_DIR) / "conformance")) {
    if (e.path().extension() != ".lua") continue;
    CAPTURE(e.path().filename().string());
    std::string output, value;
    try {
      value = run_returning(e.path(), ntm::lua::Limits{}, output);
    } catch (const ntm::lua::ScriptError& err) {
      FAIL_CHECK(err.what() << "\n" << err.traceback);
    }
    CAPTURE(output);
    CHECK(value == "OK");
    ++files;
  }
  CHECK(files >= 3);
}
