// Replays the fuzz targets (fuzz/fuzz_*.cpp, entry points renamed by tests/CMakeLists.txt)
// over their committed seeds (tests/fuzz/corpus/<target>/) and the inputs that once
// crashed them (tests/fuzz/regressions/<target>/). A target that finds a broken
// invariant traps, which fails this test; so does an exception that escapes it.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support.h"

extern "C" int ntm_fuzz_text(const std::uint8_t* data, std::size_t size);
extern "C" int ntm_fuzz_csv(const std::uint8_t* data, std::size_t size);
extern "C" int ntm_fuzz_import(const std::uint8_t* data, std::size_t size);
extern "C" int ntm_fuzz_lua(const std::uint8_t* data, std::size_t size);
extern "C" int ntm_fuzz_xlsx(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

// Feeds every file of the target's seed and regression folders; returns how many.
int replay(const std::string& target, int (*one)(const std::uint8_t*, std::size_t)) {
  int count = 0;
  for (const char* folder : {"corpus", "regressions"}) {
    fs::path dir = fs::path(NTM_TEST_DIR) / "fuzz" / folder / target;
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      std::string data = bytes.str();
      CAPTURE(e.path().string());
      CHECK_NOTHROW(one(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
      ++count;
    }
  }
  return count;
}

}  // namespace

TEST_CASE("fuzz seeds and past crashes replay cleanly") {
  // The Lua and import targets build their sample databases in the temporary folder.
  ::setenv("TMPDIR", ntm::test::temp_dir().c_str(), 1);
  CHECK(replay("text", ntm_fuzz_text) >= 3);
  CHECK(replay("csv", ntm_fuzz_csv) >= 2);
  CHECK(replay("import", ntm_fuzz_import) >= 16);
  CHECK(replay("lua", ntm_fuzz_lua) >= 1);
  CHECK(replay("xlsx", ntm_fuzz_xlsx) >= 4);
}
