// Data safety: a run that writes does so in one transaction; kill -9 at any moment leaves a
// database that passes integrity_check and holds all of the run's writes or none.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
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
  int killed = 0, completed = 0;
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
  std::string both = "(" + command + " & " + command + " & wait) ; " + command;
  CHECK(std::system(both.c_str()) == 0);
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM criterion_status WHERE by = 'computed'")) == 115 * 19);
}
