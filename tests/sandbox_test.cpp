// The attack corpus (tests/sandbox/*.lua): each script says in its header what it tries
// and how it must end. Every case runs as its own `ntm` process, as a user would run it, and
// must end cleanly — exit 0 when the attempt is harmless, 1 for a script error, 3 for a
// limit, named in its message — never by a signal, with a
// peak resident size under its memory limit plus 64 MiB, and with the database's logical
// content unchanged.
//
// Header lines (the first comment lines of the script):
//   -- intent: what the script tries
//   -- expect: ok | script TEXT | limit TEXT      (TEXT: a part of the message, optional)
//   -- limits: time=S memory=MIB instructions=N  (optional; defaults 2 s, 64 MiB, 5·10^7)
//   -- command: check {script} --province 11 --year 2020 --save --write
//                                                 (optional; default: run {script})
// {script} is the case's file, {db} the database, {out} a fresh folder for output files.
//
// Nothing here depends on the machine's speed: a case that must be stopped by a cap other
// than the clock gives itself a generous time limit, and no duration is asserted: the CPU
// time and wall time of each case are written to sandbox-report.txt for the record.
#include <doctest/doctest.h>

#include <algorithm>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/hash.h"
#include "model/value_pack.h"
#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;
using ntm::test::slurp;

namespace {

struct Expectation {
  std::string intent, outcome, text;   // outcome: ok | script | limit
  double seconds = 2;
  double memory_mib = 64;
  long long instructions = 50'000'000;
  std::string command = "run {script}";
};

Expectation parse_header(const std::string& source) {
  Expectation e;
  std::istringstream in(source);
  std::string line;
  while (std::getline(in, line) && line.rfind("--", 0) == 0) {
    if (line.rfind("-- intent: ", 0) == 0) e.intent = line.substr(11);
    if (line.rfind("-- command: ", 0) == 0) e.command = line.substr(12);
    if (line.rfind("-- expect: ", 0) == 0) {
      std::string rest = line.substr(11);
      auto space = rest.find(' ');
      e.outcome = rest.substr(0, space);
      e.text = space == std::string::npos ? "" : rest.substr(space + 1);
      while (!e.text.empty() && e.text.back() == ' ') e.text.pop_back();
    }
    if (line.rfind("-- limits: ", 0) == 0) {
      std::istringstream words(line.substr(11));
      std::string w;
      while (words >> w) {
        auto eq = w.find('=');
        if (eq == std::string::npos) continue;
        std::string key = w.substr(0, eq), value = w.substr(eq + 1);
        if (key == "time") e.seconds = std::stod(value);
        if (key == "memory") e.memory_mib = std::stod(value);
        if (key == "instructions") e.instructions = std::stoll(value);
      }
    }
  }
  return e;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// Every row of every table, in a stable order, with the schema and its version: what "the
// database is unchanged" means. The packs of value_pack are left out: they are derived from
// indicator_value and written by any review that finds one missing (packs_are_current checks
// them instead).
std::string logical_content(const fs::path& db) {
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  std::string out = "version " + std::to_string(d.user_version());
  auto tables = d.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'value_pack' "
                          "UNION ALL SELECT 'sqlite_schema' ORDER BY 1");
  while (tables.step()) {
    std::string name = tables.get_text(0);
    std::vector<std::string> rows;   // sorted here: some tables have no rowid to order by
    auto select = d.prepare("SELECT * FROM \"" + name + "\"");
    while (select.step()) {
      std::string row;
      for (int c = 0; c < select.column_count(); ++c) row += select.get_text(c) + '\x1f';
      rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end());
    out += "\n#" + name;
    for (const auto& r : rows) out += "\n" + r;
  }
  return ntm::sha256_hex(out);
}

// Every pack holds exactly the rows indicator_value has for its key; returns the packs that
// do not (0: all current).
int stale_packs(const fs::path& db) {
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  int stale = 0;
  auto keys = d.prepare("SELECT year, set_id, province_id, map_date FROM value_pack");
  while (keys.step()) {
    ntm::PackKey key{static_cast<int>(keys.get_int(0)), keys.get_text(1), keys.get_int(2), keys.get_text(3)};
    auto pack = ntm::read_pack(d, key);
    if (!pack || ntm::encode_pack(*pack) != ntm::encode_pack(ntm::read_values(d, key))) ++stale;
  }
  return stale;
}

// Sanitizer builds carry shadow memory and allocator quarantine in their RSS.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kRssAllowanceMib = 256;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kRssAllowanceMib = 256;
#else
constexpr double kRssAllowanceMib = 0;
#endif
#else
constexpr double kRssAllowanceMib = 0;
#endif

// The peak resident size of this test process so far.
double own_peak_mib() {
  struct rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;   // KiB on Linux
}

struct Outcome {
  int status = -1;         // exit status, -1 when killed by a signal
  int signal = 0;
  double cpu_seconds = 0, wall_seconds = 0;
  double peak_mib = 0;
  std::string err;
};

// A started `ntm` process: its pid and when it started.
struct Running {
  pid_t pid = -1;
  std::chrono::steady_clock::time_point start;
  fs::path err_file;
};

// Starts the ntm binary with `args` (already split), its standard error to `err_file`.
Running start_ntm(const std::vector<std::string>& args, const fs::path& err_file) {
  Running r{-1, std::chrono::steady_clock::now(), err_file};
  r.pid = ::fork();
  REQUIRE(r.pid >= 0);
  if (r.pid == 0) {
    std::vector<char*> argv;
    std::string binary = NTM_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (kRssAllowanceMib > 0) {
      // A sanitizer build keeps freed memory in quarantine (256 MiB by default), which would
      // be measured as the case's memory; keep it small.
      std::string options = std::getenv("ASAN_OPTIONS") ? std::getenv("ASAN_OPTIONS") : "";
      options += (options.empty() ? "" : ":") + std::string("quarantine_size_mb=16");
      ::setenv("ASAN_OPTIONS", options.c_str(), 1);
    }
    std::FILE* err = std::freopen(err_file.c_str(), "w", stderr);
    std::FILE* out = std::freopen("/dev/null", "w", stdout);
    (void)err;
    (void)out;
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return r;
}

// Waits for a started process and measures it: CPU time and peak RSS (of the process and
// the worker it waited for).
Outcome finish_ntm(const Running& r) {
  int raw = 0;
  struct rusage usage{};
  REQUIRE(::wait4(r.pid, &raw, 0, &usage) == r.pid);
  Outcome o;
  o.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - r.start).count();
  if (WIFEXITED(raw)) o.status = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) o.signal = WTERMSIG(raw);
  o.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  o.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;   // KiB on Linux
  o.err = slurp(r.err_file);
  return o;
}

std::vector<std::string> split(const std::string& command) {
  std::vector<std::string> out;
  std::istringstream in(command);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

}  // namespace

TEST_CASE("the attack corpus ends cleanly, within its limits, with the database unchanged") {
  fs::path db = ntm::test::sample_db("dien-bien-2020");
  const std::string before = logical_content(db);
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(fs::path(NTM_TEST_DIR) / "sandbox"))
    if (e.path().extension() == ".lua") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 100);
  int counted[3] = {0, 0, 0};
  std::ostringstream report;
  // Two cases run at a time (the measures are per process, so they do not mix).
  for (std::size_t first = 0; first < cases.size(); first += 2) {
    struct Started {
      fs::path file;
      Expectation expect;
      Running running;
    };
    std::vector<Started> batch;
    for (std::size_t k = first; k < std::min(first + 2, cases.size()); ++k) {
      const fs::path& file = cases[k];
      Expectation expect = parse_header(slurp(file));
      fs::path out = ntm::test::temp_dir() / ("sandbox-out-" + file.stem().string());
      fs::create_directories(out);
      std::string command = replace_all(replace_all(replace_all(expect.command, "{script}", file.string()), "{db}", db.string()),
                                        "{out}", out.string());
      std::vector<std::string> args = split(command);
      for (const std::string& flag :
           std::vector<std::string>{"--db", db.string(), "--time-limit", std::to_string(expect.seconds), "--memory-limit",
                                    std::to_string(static_cast<int>(expect.memory_mib)), "--instruction-limit",
                                    std::to_string(expect.instructions)})
        args.push_back(flag);
      batch.push_back(Started{file, expect, start_ntm(args, out / "stderr.txt")});
    }
    for (const Started& started : batch) {
      const Expectation& expect = started.expect;
      Outcome o = finish_ntm(started.running);
      CAPTURE(started.file.filename().string());
      CAPTURE(expect.intent);
      CAPTURE(o.err);
      CAPTURE(o.cpu_seconds);
      CAPTURE(o.peak_mib);
      REQUIRE_FALSE(expect.outcome.empty());
      CHECK(o.signal == 0);
      CHECK(o.err.find("Sanitizer") == std::string::npos);
      CHECK(o.err.find("runtime error:") == std::string::npos);
      // No bound on CPU time: how long a stop takes depends on the machine. The kind of stop
      // (exit status and the limit named in the message, below) is what is asserted; the
      // figures go to the report.
      // Linux counts the image a child had before exec (a copy of this test process) in the
      // child's peak. In a sanitizer build this process alone is larger than the limits
      // (630 MiB with shadow memory), so there the bound is this process's own peak; in a
      // normal build it is the script's limit, which is what the memory limit is checked by.
      CAPTURE(own_peak_mib());
      CHECK(o.peak_mib < std::max(expect.memory_mib + 64 + kRssAllowanceMib, own_peak_mib() + 16));
      if (expect.outcome == "ok") {
        CHECK(o.status == 0);
        ++counted[0];
      } else {
        CHECK(o.status == (expect.outcome == "limit" ? 3 : 1));
        CHECK(o.err.find(expect.text) != std::string::npos);
        ++counted[expect.outcome == "limit" ? 2 : 1];
      }
      char line[512];
      std::snprintf(line, sizeof line, "%-44s exit %d  cpu %5.2f s  wall %5.2f s  peak %6.1f MiB\n",
                    started.file.filename().string().c_str(), o.status, o.cpu_seconds, o.wall_seconds, o.peak_mib);
      report << line;
    }
    CHECK(logical_content(db) == before);
  }
  // Scripts wrote nothing; what the host packed for its reviews is what the values say.
  CHECK(stale_packs(db) == 0);
  std::ofstream(fs::current_path() / "sandbox-report.txt") << report.str();   // figures for the record
  MESSAGE("corpus: " << cases.size() << " cases, " << counted[0] << " harmless (exit 0), " << counted[1]
                     << " script errors (exit 1), " << counted[2] << " limits (exit 3)\n"
                     << report.str());
  // The host is healthy afterwards: a normal script runs in-process too.
  auto health = ntm::test::run_lua("print(ntm.province('11'):communes{year = 2020}:count())", db, {}, "health");
  CHECK(health.out == "115\n");
}
