// The provinces of a national check reviewed side by side in threads (ntm check --jobs N):
// the same output, the same failure and the same database as one province after another;
// and what the threads share in one process kept apart: SQLite's heap cap of a script's
// query, and what the supervisor hears of the scripts running.
#include <doctest/doctest.h>

#include <lua.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <latch>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/check.h"
#include "lua/host.h"
#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;
using ntm::test::Command;

namespace {
Command run_ntm(const std::string& args, const fs::path& cwd = {}) { return ntm::test::ntm(args, cwd); }
}  // namespace

namespace {

// Six provinces of the national sample, 2019 and 2020, built once.
const fs::path& six_provinces() {
  static const fs::path db = [] {
    fs::path d = ntm::test::temp_dir() / "six-provinces.db";
    auto r = run_ntm("--db '" + d.string() + "' init --sample national --years 2019-2020 --provinces 02,04,06,08,10,11");
    INFO(r.err);
    REQUIRE(r.status == 0);
    return d;
  }();
  return db;
}

std::string db_flag() { return "--db '" + six_provinces().string() + "' "; }

}  // namespace

TEST_CASE("ntm check --province all --jobs N prints what one province after another prints") {
  for (const std::string run : {"--year 2020 --format json", "--year 2020 --format csv", "--year 2020",
                                "--from 2019 --to 2020 --format json", "--province 'dien bien, 06, lào cai' --year 2020"}) {
    std::string provinces = run.rfind("--province", 0) == 0 ? "" : "--province all ";
    auto one = run_ntm(db_flag() + "check " + provinces + run + " --jobs 1");
    INFO(run);
    INFO(one.err);
    REQUIRE((one.status == 0 || one.status == 1));   // 1: error-level findings (communes without data)
    REQUIRE(one.out.size() > 300);
    for (const std::string jobs : {"2", "3", "7"}) {
      auto many = run_ntm(db_flag() + "check " + provinces + run + " --jobs " + jobs);
      INFO("--jobs " << jobs);
      CHECK(many.status == one.status);
      CHECK(many.out == one.out);
      CHECK(many.err == one.err);
    }
    auto by_cores = run_ntm(db_flag() + "check " + provinces + run);   // the default: one thread per core
    CHECK(by_cores.out == one.out);
  }
  // Not an empty agreement: six provinces, each with its communes' results.
  auto j = nlohmann::json::parse(run_ntm(db_flag() + "check --province all --year 2020 --format json --jobs 3").out);
  CHECK(j["national"]["provinces"] == 6);
  REQUIRE(j["provinces"].size() == 6);
  long communes = 0;
  for (const auto& p : j["provinces"]) {
    CHECK(p["results"].size() > 0);
    communes += static_cast<long>(p["results"].size());
  }
  CHECK(j["national"]["with_data"] == communes);   // a commune without data has no result

  for (const std::string wrong : {"0", "65", "hai"}) {
    auto bad = run_ntm(db_flag() + "check --province all --year 2020 --jobs " + wrong);
    CHECK(bad.status == 2);
    CHECK(bad.err.find("--jobs") != std::string::npos);
  }
}

TEST_CASE("the national JSON written province by province is the JSON of the whole tree, byte for byte") {
  ntm::app::CheckOptions options;
  options.db = six_provinces();
  options.args["year"] = "2020";
  options.jobs = 2;
  const std::vector<std::string> codes{"02", "04", "06", "08", "10", "11"};
  std::ostringstream log;
  ntm::app::CheckResult whole_findings, text_findings;
  auto whole = ntm::app::run_national(options, codes, log, whole_findings);
  std::vector<std::string> texts;
  auto summary = ntm::app::run_national(options, codes, log, text_findings, {}, nullptr, &texts);
  REQUIRE(texts.size() == codes.size());
  CHECK_FALSE(summary["provinces"][0].contains("results"));   // written, and freed by the thread
  REQUIRE(whole["provinces"][0]["results"].size() > 10);
  auto findings = ntm::app::findings_json(whole_findings.findings);
  CHECK(findings.size() > 0);
  CHECK(ntm::app::findings_json(text_findings.findings) == findings);
  whole["findings"] = findings;
  CHECK(ntm::app::national_json(summary, texts, findings) == whole.dump(2));
  // Nothing to list: the empty forms.
  nlohmann::ordered_json none = {{"national", {{"provinces", 0}}}};
  nlohmann::ordered_json empty_tree = none;
  empty_tree["provinces"] = nlohmann::ordered_json::array();
  empty_tree["findings"] = nlohmann::ordered_json::array();
  CHECK(ntm::app::national_json(none, {}, nlohmann::ordered_json::array()) == empty_tree.dump(2));
  CHECK(ntm::app::nested_json(nlohmann::ordered_json::object(), 3) == "{}");
}

TEST_CASE("a national check in threads fails as one province after another fails, and changes nothing") {
  // A user's rule that says which province it checks and fails at the fourth (08, Tuyên Quang).
  fs::path cwd = ntm::test::temp_dir() / "threads-failing-rule";
  fs::create_directories(cwd / "scripts" / "checks" / "rules");
  {
    std::ofstream rule(cwd / "scripts" / "checks" / "rules" / "zz-hong.lua");
    rule << "-- Thử: một quy tắc hỏng ở một tỉnh.\n"
            "local p = ntm.params{ province = { type = \"string\", required = true }, year = { type = \"integer\" } }\n"
            "ntm.log(\"quy tắc thử ở tỉnh \" .. p.province)\n"
            "if p.province == \"08\" then error(\"hỏng ở tỉnh 08\") end\n";
  }
  std::string before = ntm::test::province_rows(six_provinces());
  auto one = run_ntm(db_flag() + "check --province all --year 2020 --jobs 1", cwd);
  CHECK(one.status == 1);
  CHECK(one.out.empty());
  CHECK(one.err.find("zz-hong.lua:4: hỏng ở tỉnh 08 (khi rà soát tỉnh Tuyên Quang, mã 08)") != std::string::npos);
  // The provinces before the failing one and the failing one, in order; none after it.
  auto at = [&](const std::string& text, const std::string& code) { return text.find("quy tắc thử ở tỉnh " + code); };
  CHECK(at(one.err, "02") < at(one.err, "04"));
  CHECK(at(one.err, "04") < at(one.err, "06"));
  CHECK(at(one.err, "06") < at(one.err, "08"));
  CHECK(at(one.err, "10") == std::string::npos);
  for (const std::string jobs : {"2", "3", "6"}) {
    auto many = run_ntm(db_flag() + "check --province all --year 2020 --jobs " + jobs, cwd);
    INFO("--jobs " << jobs);
    CHECK(many.status == one.status);
    CHECK(many.out == one.out);
    CHECK(many.err == one.err);
  }
  CHECK(ntm::test::province_rows(six_provinces()) == before);
}

TEST_CASE("a runaway rule in one province of a national check in threads stops as it stops one after another") {
  // A rule that loops without end, or grows a table without end, at the fourth province: the
  // script's own limit stops it (exit 3), in whichever thread it runs, with the same words.
  // (The limits apply to every script of the run: 2 s leaves the others room on a busy machine.)
  const std::vector<std::pair<std::string, std::string>> runaways{
      {"while true do end", "--time-limit 2"},
      {"local t = {} for i = 1, 1e9 do t[i] = { i } end", "--memory-limit 16"}};
  for (const auto& [body, limit] : runaways) {
    fs::path cwd = ntm::test::temp_dir() / ("threads-runaway-" + limit.substr(2, 4));
    fs::create_directories(cwd / "scripts" / "checks" / "rules");
    {
      std::ofstream rule(cwd / "scripts" / "checks" / "rules" / "zz-vong.lua");
      rule << "-- Thử: một quy tắc không dừng ở một tỉnh.\n"
              "local p = ntm.params{ province = { type = \"string\", required = true }, year = { type = \"integer\" } }\n"
              "ntm.log(\"quy tắc thử ở tỉnh \" .. p.province)\n"
              "if p.province == \"08\" then " << body << " end\n";
    }
    auto one = run_ntm(db_flag() + "check --province all --year 2020 --jobs 1 " + limit, cwd);
    INFO(limit);
    INFO(one.err);
    CHECK(one.status == 3);
    CHECK(one.err.find("Script bị dừng: vượt giới hạn") != std::string::npos);
    CHECK(one.err.find("(khi rà soát tỉnh Tuyên Quang, mã 08)") != std::string::npos);
    CHECK(one.err.find("quy tắc thử ở tỉnh 10") == std::string::npos);
    auto two = run_ntm(db_flag() + "check --province all --year 2020 --jobs 2 " + limit, cwd);
    CHECK(two.status == one.status);
    CHECK(two.err == one.err);
    CHECK(two.out == one.out);
  }
}

TEST_CASE("a cap on SQLite's heap binds the thread that set it, not the others") {
  auto db = ntm::store::Database::memory();
  db.exec("CREATE TABLE t(x)");
  // A query that needs a few megabytes for its sort.
  const std::string big = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                          "SELECT count(*) FROM (SELECT randomblob(200) AS b FROM n ORDER BY b)";
  ntm::store::Database::set_heap_limit(ntm::store::Database::memory_used() + 64 * 1024);
  std::string other_thread;
  std::int64_t other_start = -1;
  std::thread other([&] {
    other_start = ntm::store::Database::memory_used();   // a new thread holds nothing yet
    try {
      auto mine = ntm::store::Database::memory();
      auto n = mine.scalar(big);
      other_thread = n ? std::to_string(std::get<std::int64_t>(*n)) : "none";
    } catch (const std::exception& e) {
      other_thread = e.what();
    }
  });
  other.join();
  bool capped = false;
  try {
    db.scalar(big);
  } catch (const ntm::store::DbError& e) {
    capped = (e.code() & 0xff) == 7;   // SQLITE_NOMEM
  }
  ntm::store::Database::set_heap_limit(0);
  CHECK(other_start == 0);
  CHECK(other_thread == "20000");
  CHECK(capped);
  auto n = db.scalar(big);   // the cap lifted: the same query runs
  REQUIRE(n);
  CHECK(std::get<std::int64_t>(*n) == 20000);
}

namespace {

struct Notice {
  std::chrono::steady_clock::time_point deadline;
  bool running;
};
std::mutex g_notices_lock;
std::vector<Notice> g_notices;

void record(std::chrono::steady_clock::time_point deadline, bool running) {
  std::lock_guard<std::mutex> hold(g_notices_lock);
  g_notices.push_back({deadline, running});
}

std::latch* g_first_in = nullptr;
std::latch* g_second_in = nullptr;
std::latch* g_first_out = nullptr;

int first_waits(lua_State*) {
  g_first_in->count_down();
  g_second_in->wait();
  return 0;
}

int second_waits(lua_State*) {
  g_second_in->count_down();
  g_first_out->wait();
  return 0;
}

}  // namespace

TEST_CASE("with scripts running in two threads, the supervisor hears of the earliest deadline until the last stops") {
  std::latch first_in(1), second_in(1), first_out(1);
  g_first_in = &first_in;
  g_second_in = &second_in;
  g_first_out = &first_out;
  g_notices.clear();
  ntm::lua::set_run_watch(record);
  // The hosts are made here (making one runs the sandbox's own chunks, watched too): the
  // notices from then on are those of the two calls.
  auto db_first = ntm::store::Database::memory();
  auto db_second = ntm::store::Database::memory();
  std::ostringstream sink_first, sink_second;
  ntm::lua::Context first_context(db_first, sink_first, sink_first), second_context(db_second, sink_second, sink_second);
  ntm::lua::Limits long_limits, short_limits;
  long_limits.seconds = 1000;
  short_limits.seconds = 500;
  ntm::lua::Host first_host(first_context, long_limits);
  ntm::lua::Host second_host(second_context, short_limits);
  const auto late = first_host.guard().deadline, early = second_host.guard().deadline;
  g_notices.clear();
  std::thread first([&] {
    lua_pushcfunction(first_host.state(), first_waits);
    first_host.call(0, 0);
    first_out.count_down();
  });
  std::thread second([&] {
    first_in.wait();
    lua_pushcfunction(second_host.state(), second_waits);
    second_host.call(0, 0);
  });
  first.join();
  second.join();
  ntm::lua::set_run_watch(nullptr);
  REQUIRE(early < late);
  const std::vector<Notice> seen = g_notices;
  REQUIRE(seen.size() == 4);
  CHECK(seen[0].running);
  CHECK(seen[0].deadline == late);    // the first alone
  CHECK(seen[1].running);
  CHECK(seen[1].deadline == early);   // both: the earlier deadline
  CHECK(seen[2].running);
  CHECK(seen[2].deadline == early);   // the first stopped: the second's
  CHECK_FALSE(seen[3].running);       // none runs
}
