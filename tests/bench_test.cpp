// The benchmark harness (bench/run.sh) on a tiny slice of the national sample: two provinces,
// one year, one round, the review only. It proves that the harness builds the sample, runs ntm
// and every baseline, checks that their counts agree and writes its results; it asserts no
// timing (speed is measured only in bench/).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "support.h"

namespace fs = std::filesystem;

namespace {

// Runs a shell command; returns its exit status.
int shell(const std::string& command) {
  int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

}  // namespace

TEST_CASE("bench/run.sh runs on two provinces for one year and every implementation agrees") {
  if (shell("command -v sqlite3 >/dev/null && command -v python3 >/dev/null") != 0) {
    MESSAGE("sqlite3 or python3 is not installed (tools/deps.sh): the harness cannot run here");
    return;
  }
  fs::path dir = ntm::test::temp_dir() / "bench";
  fs::create_directories(dir);
  fs::path build = fs::path(NTM_BINARY).parent_path();
  fs::path out = dir / "results.md", log = dir / "run.log";
  std::string command = "'" + (fs::path(NTM_TEST_DIR).parent_path() / "bench" / "run.sh").string() + "' --build '" +
                        build.string() + "' --provinces 11,24 --years 2020 --pairs 1 --quick --out '" + out.string() +
                        "' --work '" + (dir / "work").string() + "' >'" + log.string() + "' 2>&1";
  int status = shell(command);
  INFO(ntm::test::slurp(log));
  REQUIRE(status == 0);
  std::string results = ntm::test::slurp(out);
  // The sample of the slice: Điện Biên and Bắc Giang on the map of 2020.
  CHECK(results.find("`ntm init --sample national --years 2020 --provinces 11,24`: 2 provinces") != std::string::npos);
  CHECK(results.find("Every implementation gave the same 42 counts for 2020") != std::string::npos);
  for (const char* impl : {"ntm check --province all (one process, one thread per core)",
                           "ntm check --province all --jobs 1 (one process, one thread)", "hand-written C++",
                           "SQL in the sqlite3 shell", "Python standard-library loop"})
    CHECK(results.find(impl) != std::string::npos);
  CHECK(results.find("| implementation | median s | median CPU s |") != std::string::npos);
  CHECK(results.find("## Targets of issue 14") != std::string::npos);
}

TEST_CASE("the national sample takes its parameters only with --sample national") {
  fs::path db = ntm::test::temp_dir() / "not-national.db";
  auto r = ntm::test::ntm("--db '" + db.string() + "' init --sample dien-bien-2020 --years 2020");
  CHECK(r.status == 2);
  CHECK(r.messages().find("--years") != std::string::npos);
  CHECK_FALSE(fs::exists(db));
  // Years the generator cannot build: a command-line error in one line, no traceback.
  r = ntm::test::ntm("--db '" + db.string() + "' init --sample national --years 2030");
  CHECK(r.status == 2);
  const std::string said = r.messages();
  CHECK(said.find("--years phải nằm trong 2016-2025") != std::string::npos);
  CHECK(said.find("national.lua") == std::string::npos);
  CHECK(std::count(said.begin(), said.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(db));
  r = ntm::test::ntm("--db '" + db.string() + "' init --sample national --years 20x0");
  CHECK(r.status == 2);
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("the national sample is deterministic for a seed and covers every rural commune of the slice") {
  fs::path dir = ntm::test::temp_dir() / "national-seed";
  fs::create_directories(dir);
  auto build = [&](const std::string& name, const std::string& seed) {
    fs::path db = dir / (name + ".db");
    auto r = ntm::test::ntm("--db '" + db.string() + "' init --sample national --years 2019-2020 --provinces 11 --seed " + seed);
    INFO(r.messages());
    REQUIRE(r.status == 0);
    return db;
  };
  auto rows = [](const fs::path& db) {
    std::string all;
    for (const char* table : {"indicator_value", "criterion_status", "recognition", "funding", "ocop_product"}) {
      auto r = ntm::test::ntm("--db '" + db.string() + "' query \"SELECT * FROM " + table + " ORDER BY 1, 2, 3, 4\" --format csv");
      REQUIRE(r.status == 0);
      all += r.out;
    }
    return all;
  };
  fs::path a = build("a", "7"), b = build("b", "7"), c = build("c", "8");
  std::string ra = rows(a);
  CHECK(ra.size() > 100000);
  CHECK(ra == rows(b));
  CHECK(ra != rows(c));
  // Every one of Điện Biên's 115 rural communes of 2020 has values, assessed statuses, or is
  // one of the few without data, and nothing lies outside them.
  auto r = ntm::test::ntm("--db '" + a.string() + "' check --province 11 --year 2020 --format json --no-rules");
  CHECK(r.out.find("\"communes\": 115") != std::string::npos);
}
