// The worker process of a command (src/cli/worker.cpp): the supervisor stops a worker whose
// script code runs past its deadline plus a second, even in native code that no meter
// reaches; it never stops one that ran many scripts, each within its limit, for longer
// than one limit in all, nor native work after the scripts.
#include <doctest/doctest.h>

#include <lua.hpp>

#include <chrono>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/common.h"
#include "cli/worker.h"
#include "lua/host.h"
#include "store/database.h"

namespace {

using namespace std::chrono_literals;

int g_native_ms = 0;

// A native function the meter cannot interrupt: it sleeps.
int sleeps(lua_State*) {
  std::this_thread::sleep_for(std::chrono::milliseconds(g_native_ms));
  return 0;
}

// Calls `sleeps` through the door `calls` times, each a script run of its own with a limit of
// one second. Runs in the worker: no doctest checks here (the worker's are lost).
int run_native(int calls, int ms_each) {
  g_native_ms = ms_each;
  auto db = ntm::store::Database::memory();
  std::ostringstream sink;
  ntm::lua::Context context(db, sink, sink);
  ntm::lua::Limits limits;
  limits.seconds = 1;
  for (int i = 0; i < calls; ++i) {
    ntm::lua::Host host(context, limits);
    lua_pushcfunction(host.state(), sleeps);
    host.call(0, 0);
  }
  return 0;
}

struct CapturedErr {
  std::ostringstream text;
  std::streambuf* old = std::cerr.rdbuf(text.rdbuf());
  ~CapturedErr() { std::cerr.rdbuf(old); }
};

}  // namespace

TEST_CASE("a worker stuck in native code past its script's deadline is killed a second later, as the time limit") {
  ntm::lua::Limits limits;
  limits.seconds = 1;
  CapturedErr err;
  auto start = std::chrono::steady_clock::now();
  int status = ntm::cli::supervised(limits, std::nullopt, [] { return run_native(1, 600'000); });
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(status == ntm::cli::kLimit);
  CHECK(err.text.str().find("vượt giới hạn thời gian (1 giây") != std::string::npos);
  CHECK(err.text.str().find("buộc dừng") != std::string::npos);
  CHECK(took < 600s);   // the kind of stop: killed, not the ten minutes of the native call
}

TEST_CASE("scripts each within the limit, longer than the limit in all, are not stopped by the supervisor") {
  ntm::lua::Limits limits;
  limits.seconds = 1;
  CapturedErr err;
  // 12 runs of 250 ms: three seconds of script code, none of them past its own deadline.
  int status = ntm::cli::supervised(limits, std::nullopt, [] { return run_native(12, 250); });
  CHECK(status == 0);
  CHECK(err.text.str().empty());
}

TEST_CASE("native work after the scripts ended is not stopped by the supervisor") {
  ntm::lua::Limits limits;
  limits.seconds = 1;
  CapturedErr err;
  int status = ntm::cli::supervised(limits, std::nullopt, [] {
    run_native(1, 10);
    std::this_thread::sleep_for(2500ms);   // past the script's deadline and the second after it
    run_native(1, 10);                     // a script again: the supervisor, asleep, is woken
    std::this_thread::sleep_for(2500ms);
    return 7;
  });
  CHECK(status == 7);
  CHECK(err.text.str().empty());
}
