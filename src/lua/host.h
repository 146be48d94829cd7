// The Lua host: one sandboxed lua_State per script run, with limits, and the one door
// through which C++ calls into Lua.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "lua/context.h"
#include "lua/small_blocks.h"

struct lua_State;

namespace ntm::lua {

// Limits on one run. Every command that runs a script exposes them as
// --instruction-limit N, --time-limit SECONDS, --memory-limit MIB.
struct Limits {
  std::int64_t instructions = 2'000'000'000;   // Lua VM instructions
  double seconds = 60.0;                        // wall clock
  std::size_t memory_bytes = 512u << 20;        // Lua heap
  std::size_t max_string_bytes = 64u << 20;     // one string built by a native function
};

enum class ErrorKind {
  Script,   // an error raised by the script or its data: exit status 1
  Limit,    // a limit stopped the script: exit status 3
  Usage,    // a bad parameter on the command line: exit status 2
};

// A failed run. `file` and `line` name the script line at fault when known.
class ScriptError : public std::runtime_error {
 public:
  ScriptError(ErrorKind kind, const std::string& message, std::string file = {}, int line = 0,
              std::string traceback = {})
      : std::runtime_error(message), kind(kind), file(std::move(file)), line(line), traceback(std::move(traceback)) {}
  ErrorKind kind;
  std::string file;
  int line;
  std::string traceback;
  std::string parameter;   // a Usage error about one script parameter: its name
};

// State shared by the allocator and the hook; lives in the Host.
struct Guard {
  Limits limits;
  std::size_t used = 0;         // bytes of the Lua heap
  std::size_t host = 0;         // bytes of copies the host keeps for this run (charge_memory)
  std::size_t sql = 0;          // SQLite's heap grown by the script query running now
  std::int64_t instructions = 0;
  std::chrono::steady_clock::time_point deadline;
  enum class Stop { None, Instructions, Time, Memory, Output, Native, Interrupted } stop = Stop::None;
  // Set by Host::interrupt() (from a SIGINT handler: a lock-free atomic store is
  // async-signal-safe); the count hook turns it into Stop::Interrupted.
  std::atomic<bool> interrupted{false};
  std::string detail;
  std::string where;            // file:line of the script when the limit tripped
  std::string soft_limit;       // the last catchable "not enough memory" error (check_room)
  bool closing = false;         // the state is being closed: no more limits
  // The metatables of the state's userdata types as they are first asked for (by the name's
  // address): checking a handle's type compares addresses instead of looking the name up in
  // the registry, which a national check did half a million times (7 % of its work).
  struct Type {
    const char* name;
    const void* metatable;
  };
  std::array<Type, 16> types{};
  std::size_t type_count = 0;
  SmallBlocks small;            // the heap's small blocks (destroyed after the state is closed)
};

// The Guard of a state made by Host (its address lives in the state's extra space).
Guard& guard_of(lua_State* L);
// steady_clock's now (CLOCK_MONOTONIC) as the kernel last stored it, a tick (at most 4 ms)
// behind: what the limit checks compare with the deadline. Every bound call checks the clock,
// a national check makes half a million of them, and reading the exact clock took 2 % of it.
std::chrono::steady_clock::time_point coarse_now() noexcept;
// "file:line" of the innermost function at `level` or above that runs a script file, or "".
std::string script_line(lua_State* L, int level);

class Host {
 public:
  // Creates the sandboxed state: safe libraries only, read-only shared tables, a fresh
  // global table, the `ntm` module bound to `context`. The clock starts now.
  Host(Context& context, const Limits& limits);
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  lua_State* state() const { return L_; }
  Context& context() const { return context_; }

  // Loads a script file as text (binary chunks refused) bound to the sandbox globals and
  // pushes it as a function. Throws ScriptError on a syntax error.
  void load_file(const std::filesystem::path& path);
  void load_string(std::string_view source, const std::string& chunkname);
  // The one door: calls the function below `nargs` arguments on the stack in protected
  // mode with a traceback handler. On failure pops everything it pushed and throws
  // ScriptError (kind Limit when a limit stopped the script).
  void call(int nargs, int nresults);
  // load_file + call with no arguments and no results kept.
  void run_file(const std::filesystem::path& path);

  const Guard& guard() const { return guard_; }

  // For hosts that run several inputs one after another (ntm repl, one input per line):
  // interrupt() asks the running input to stop at the next check of the count hook (safe to
  // call from a signal handler); the call fails with a Limit ScriptError. reset_limits()
  // gives the next input a fresh instruction and time budget and clears a stop or an
  // interrupt; the memory in use stays counted.
  void interrupt() { guard_.interrupted.store(true, std::memory_order_relaxed); }
  void reset_limits();
  // For a host that runs several scripts one after another in one state (the review of a
  // check, then its rules): the next script gets what a new state would give it, a fresh
  // global table (nothing an earlier script set), no library loaded with ntm.use, the random
  // numbers restarted, a fresh instruction and time budget. The earlier scripts' garbage is
  // collected before the next script runs; what stays in use (the state's own tables) counts
  // against the memory limit, as in a new state.
  void next_script();

 private:
  void open_sandbox();
  [[noreturn]] void fail(int status);
  void wrong_argument(const std::string& file, int line);

  Context& context_;
  Guard guard_;
  lua_State* L_ = nullptr;
};

// Tells the supervisor of a worker process (cli/worker.cpp) when script code starts running
// (`running` true, with the run's deadline) and when it stops. Calls through the door and
// the parsing of a script are watched; with scripts running in several threads, the watcher
// hears of the earliest deadline among them. Null by default: tests and library users have none.
using RunWatch = void (*)(std::chrono::steady_clock::time_point deadline, bool running);
void set_run_watch(RunWatch watch);

// Thrown through the door when ntm.params ran in describe mode (ntm run SCRIPT --help).
struct DescribeDone {};

}  // namespace ntm::lua
