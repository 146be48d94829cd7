// Benchmarks of the paths scripts run through often: loading a province-year, the full
// criteria review in Lua, indicator access, and Vietnamese formatting.
// Usage: build/bench/ntm_bench [--repeat N]   (builds the two sample databases in /tmp first)
// Baselines are in bench/BASELINE.md; compare by hand, never in a test.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>
#include <vector>

#include <sys/resource.h>

#include <lua.hpp>

#include "app/init.h"
#include "app/paths.h"
#include "app/run.h"
#include "lua/host.h"
#include "model/catalog.h"
#include "model/text.h"
#include "store/database.h"

namespace fs = std::filesystem;

namespace {

double median_ms(int repeat, const std::function<void()>& body) {
  std::vector<double> times;
  for (int i = 0; i < repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    body();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

fs::path sample(const std::string& name) {
  return ntm::app::ensure_database(fs::temp_directory_path() / ("ntm-bench-" + name + ".db"), name);
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 20;
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--repeat")) repeat = std::atoi(argv[i + 1]);
  std::printf("%-48s %12s\n", "benchmark", "median ms");
  double init_ms = median_ms(3, [] {
    fs::path p = fs::temp_directory_path() / "ntm-bench-init.db";
    fs::remove(p);
    ntm::app::InitOptions options;
    options.db = p;
    options.sample = "dien-bien-2020";
    std::ostringstream sink;
    ntm::app::init_database(options, sink);
  });
  std::printf("%-48s %12.2f\n", "ntm init --sample dien-bien-2020", init_ms);
  for (const char* name : {"dien-bien-2020", "bac-giang-2020"}) {
    fs::path db_path = sample(name);
    std::string code = std::string(name) == "dien-bien-2020" ? "11" : "24";
    ntm::store::Database db(db_path, ntm::store::OpenMode::ReadOnly);
    ntm::UnitId id = ntm::find_province(db, code, "2020-12-31");
    double load = median_ms(repeat, [&] {
      ntm::Catalog catalog(db);
      auto year = catalog.year(id, 2020);
      if (year->province().communes().empty()) std::abort();
    });
    std::printf("%-48s %12.2f\n", (std::string("load province-year 2020: ") + name).c_str(), load);
    ntm::Catalog catalog(db);
    auto year = catalog.year(id, 2020);
    auto communes = year->province().communes();
    double evaluate = median_ms(repeat, [&] {
      int total = 0;
      for (std::size_t c : communes) total += year->count_met(c);
      if (total < 0) std::abort();
    });
    std::printf("%-48s %12.3f\n", (std::string("C++ count_met over all communes: ") + name).c_str(), evaluate);
    fs::path script = ntm::app::find_script("tieu-chi-xa", "checks").value();
    double review = median_ms(repeat, [&] {
      std::ostringstream out, err;
      ntm::app::run_script(db_path, script, {{"province", code}, {"year", "2020"}}, {}, out, err);
    });
    std::printf("%-48s %12.2f\n", (std::string("Lua review (tieu-chi-xa), one run: ") + name).c_str(), review);
  }
  {
    // A fresh sandboxed state (what every script run pays first), and one call into Lua
    // through the door (Host::call) on a state that exists.
    ntm::store::Database db(sample("dien-bien-2020"), ntm::store::OpenMode::ReadOnly);
    std::ostringstream out, err;
    ntm::lua::Context context(db, out, err);
    ntm::lua::Limits limits;
    const int n = 1000;
    double fresh = median_ms(repeat, [&] {
      for (int i = 0; i < n; ++i) ntm::lua::Host host(context, limits);
    });
    std::printf("%-48s %12.2f\n", "fresh sandboxed state (us)", fresh * 1000.0 / n);
    ntm::lua::Host host(context, limits);
    host.load_string("return function(x) return x + 1 end", "=bench");
    host.call(0, 1);                                   // [f]
    lua_State* L = host.state();
    double call = median_ms(repeat, [&] {
      for (int i = 0; i < n; ++i) {
        lua_pushvalue(L, -1);                          // [f, f]
        lua_pushinteger(L, i);                         // [f, f, i]
        host.call(1, 1);                               // [f, i + 1]
        lua_pop(L, 1);                                 // [f]
      }
    });
    std::printf("%-48s %12.3f\n", "one call into Lua through Host::call (us)", call * 1000.0 / n);
  }
  double fmt = median_ms(repeat, [] {
    ntm::NumberFormat f;
    f.decimals = 2;
    f.rounding = ntm::Rounding::Truncate;
    std::size_t n = 0;
    for (int i = 1; i <= 100000; ++i) n += ntm::format_number(i * 100.0 / 115.0, f).size();
    if (n == 0) std::abort();
  });
  std::printf("%-48s %12.2f\n", "format_number x 100000", fmt);
  double fold = median_ms(repeat, [] {
    std::size_t n = 0;
    for (int i = 0; i < 100000; ++i) n += ntm::fold("Huyện Điện Biên Đông").size();
    if (n == 0) std::abort();
  });
  std::printf("%-48s %12.2f\n", "fold x 100000", fold);
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%-48s %12ld\n", "peak resident memory (KiB)", usage.ru_maxrss);
  return 0;
}
