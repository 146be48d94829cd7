// Data safety: a run that writes does so in one transaction; kill -9 at any moment leaves a
// database that passes integrity_check and holds all of the run's writes or none.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <filesystem>
#include <random>
#include <thread>

#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;

TEST_CASE("kill -9 during ntm check --save --write never leaves half a run") {
  fs::path db = ntm::test::temp_dir() / "kill.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), db, fs::copy_options::overwrite_existing);
  // Kill at a random moment within the time one whole run takes here (measured first, so
  // the test also works with a slower sanitizer build).
  auto command = std::string("'") + NTM_BINARY + "' --db '" + db.string() +
                 "' check --province 11 --year 2020 --no-rules --save --write >/dev/null 2>&1";
  auto start = std::chrono::steady_clock::now();
  REQUIRE(std::system(command.c_str()) == 0);
  long long full_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
  std::mt19937 random(20201231);
  int killed = 0, completed = 0, landed = 0;
  for (int run = 0; run < 100; ++run) {
    CAPTURE(run);
    {
      // Start from no computed statuses, so "all or none" is easy to see.
      ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
      d.exec("DELETE FROM criterion_status WHERE by = 'computed'");
    }
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      execl(NTM_BINARY, NTM_BINARY, "--db", db.c_str(), "check", "--province", "11", "--year", "2020", "--no-rules",
            "--save", "--write", static_cast<char*>(nullptr));
      _exit(127);
    }
    // A random moment within twice the longest run seen so far: about half the runs are
    // killed somewhere in the middle, whatever the machine's load. Poll every millisecond
    // so a run that ends early is timed by when it really ended.
    auto started = std::chrono::steady_clock::now();
    std::uniform_int_distribution<long long> delay_us(0, 2 * full_us);
    auto deadline = started + std::chrono::microseconds(delay_us(random));
    int status = 0;
    bool ended = false;
    while (!ended && std::chrono::steady_clock::now() < deadline) {
      ended = waitpid(pid, &status, WNOHANG) == pid;
      if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (ended) {
      auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
      full_us = std::max(full_us, static_cast<long long>(took));
    } else {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    if (WIFSIGNALED(status)) ++killed;
    else ++completed;
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    auto integrity = d.scalar("PRAGMA integrity_check");
    CHECK(std::get<std::string>(*integrity) == "ok");
    auto rows = std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM criterion_status WHERE by = 'computed'"));
    CHECK((rows == 0 || rows == 115 * 19));
    if (WIFEXITED(status)) CHECK(rows == 115 * 19);
    // The run's provenance lands with its statuses or not at all (a run killed after its
    // commit counts as landed).
    if (rows > 0) ++landed;
    CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM saved_run")) == 1 + landed);
    CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM criterion_status c WHERE by = 'computed' AND NOT EXISTS "
                                           "(SELECT 1 FROM saved_run r WHERE r.id = c.run_id)")) == 0);
  }
  MESSAGE("killed " << killed << ", completed " << completed);
  CHECK(killed > 0);
  CHECK(completed > 0);
}

TEST_CASE("two writers at once wait for each other instead of failing") {
  fs::path db = ntm::test::temp_dir() / "two-writers.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), db, fs::copy_options::overwrite_existing);
  std::string command = std::string("'") + NTM_BINARY + "' --db '" + db.string() +
                        "' check --province 11 --year 2020 --no-rules --save --write >/dev/null 2>&1";
  fs::path a = ntm::test::temp_dir() / "writer-a.status", b = ntm::test::temp_dir() / "writer-b.status";
  std::string both = "(" + command + "; echo $? > '" + a.string() + "') & (" + command + "; echo $? > '" + b.string() +
                     "') & wait";
  REQUIRE(std::system(both.c_str()) == 0);
  CHECK(ntm::test::slurp(a) == "0\n");
  CHECK(ntm::test::slurp(b) == "0\n");
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM criterion_status WHERE by = 'computed'")) == 115 * 19);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM saved_run")) == 2);
}

TEST_CASE("a read-only database: reads work; writes are refused before any work, naming the file") {
  fs::path dir = ntm::test::temp_dir() / "read-only";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path db = dir / "tinh.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), db);
  fs::path csv = ntm::test::temp_dir() / "read-only-units.csv";
  {
    std::ofstream out(csv);
    out << "Mã,Tên\n";
  }
  const std::string before = ntm::test::slurp(db);
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  // root writes anything: run ntm without the capabilities that let it ignore permissions.
  std::string as_user = geteuid() == 0 ? "setpriv --bounding-set -dac_override,-dac_read_search,-fowner " : "";
  auto run = [&](const std::string& args) {
    fs::path out = ntm::test::temp_dir() / "read-only.out", err = ntm::test::temp_dir() / "read-only.err";
    std::string command = as_user + "'" + NTM_BINARY + "' --db '" + db.string() + "' " + args + " >'" + out.string() +
                          "' 2>'" + err.string() + "' </dev/null";
    int raw = std::system(command.c_str());
    ntm::test::Command c;
    c.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    c.out = ntm::test::slurp(out);
    c.err = ntm::test::slurp(err);
    return c;
  };
  auto query = run("query \"SELECT name FROM unit_version WHERE code = '11'\" --format csv");
  CHECK(query.status == 0);
  CHECK(query.out == "name\nĐiện Biên\n");
  auto review = run("check --province 11 --year 2020 --no-rules");
  CHECK(review.status == 0);
  const std::string refused = "không ghi được vào " + db.string() + ": tệp cơ sở dữ liệu (hoặc thư mục chứa nó) chỉ cho phép đọc";
  for (const std::string& write : {std::string("check --province 11 --year 2020 --no-rules --save --write"),
                                   std::string("allocate theo-nhu-cau --province 11 --year 2020 --total 1000 --save x --write"),
                                   "import units '" + csv.string() + "' --province 11 --from 01/06/2020"}) {
    CAPTURE(write);
    auto c = run(write);
    CHECK(c.status == 1);
    CHECK(c.err.find(refused) != std::string::npos);
    CHECK(c.err.find("[ntm] sha256") == std::string::npos);   // refused before any script ran
  }
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add);
  CHECK(ntm::test::slurp(db) == before);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);   // no -wal, no -shm left
}
