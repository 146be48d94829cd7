#include "lua/host.h"
#include "lua/lua_messages.h"

#include <lua.hpp>

#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "lua/binding.h"
#include "lua/sandbox.h"
#include "model/text.h"
#include "store/database.h"
#include "model/i18n.h"

namespace ntm::lua {

std::chrono::steady_clock::time_point coarse_now() noexcept {
  timespec t{};
  if (::clock_gettime(CLOCK_MONOTONIC_COARSE, &t) != 0) return std::chrono::steady_clock::now();
  static_assert(std::chrono::steady_clock::is_steady);   // libstdc++: CLOCK_MONOTONIC, the same epoch
  return std::chrono::steady_clock::time_point(std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec));
}

Guard& guard_of(lua_State* L) { return **static_cast<Guard**>(lua_getextraspace(L)); }

void* test_userdata(lua_State* L, int index, const char* type) {
  if (lua_type(L, index) != LUA_TUSERDATA || !lua_getmetatable(L, index)) return nullptr;
  const void* metatable = lua_topointer(L, -1);
  lua_pop(L, 1);
  Guard& g = guard_of(L);
  const void* expected = nullptr;
  std::size_t i = 0;
  while (i < g.type_count && g.types[i].name != type) ++i;
  if (i < g.type_count) {
    expected = g.types[i].metatable;
  } else {
    // A registered metatable stays in the registry, at the same address, as long as the state.
    luaL_getmetatable(L, type);
    expected = lua_topointer(L, -1);
    lua_pop(L, 1);
    if (expected && g.type_count < g.types.size()) g.types[g.type_count++] = {type, expected};
  }
  return expected && metatable == expected ? lua_touserdata(L, index) : nullptr;
}

void* check_userdata(lua_State* L, int index, const char* type) {
  if (void* p = test_userdata(L, index, type)) return p;
  return luaL_checkudata(L, index, type);   // raises the usual "bad argument" error
}

std::string script_line(lua_State* L, int level) {
  lua_Debug ar;
  for (; lua_getstack(L, level, &ar); ++level)
    if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source && ar.source[0] == '@')
      return std::string(ar.source + 1) + ":" + std::to_string(ar.currentline);
  return {};
}

namespace {

constexpr int kHookEvery = 1000;   // instructions between two checks of the limits

// Allocations at least this big check the clock before they happen: a native function
// that builds a large value (string.format, .., table growth) is stopped at the deadline.
constexpr std::size_t kLargeAllocation = 256 * 1024;

// Under AddressSanitizer every block is malloc's, so that it sees each one.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPooled = false;
#else
constexpr bool kPooled = true;
#endif

// Gives back a block of `size` bytes (Lua always says a block's size when it frees it).
void release(Guard& guard, void* block, std::size_t size) {
  if (kPooled && SmallBlocks::small(size)) guard.small.release(block, size);
  else std::free(block);
}

// `block` (of `old` bytes, or nullptr) resized to `size` bytes (> 0), or nullptr.
void* resize(Guard& guard, void* block, std::size_t old, std::size_t size) {
  if (!kPooled) return std::realloc(block, size);
  bool was_small = block && SmallBlocks::small(old), small = SmallBlocks::small(size);
  if (block && !was_small && !small) return std::realloc(block, size);
  if (was_small && small && SmallBlocks::same_class(old, size)) return block;
  void* moved = small ? guard.small.allocate(size) : std::malloc(size);
  if (!moved) {
    // Lua counts on a shrink never failing: with no chunk to be had, the large block stays
    // where it is (big enough) and is from then on one of the small ones, reused by the pool
    // and never handed back to malloc (a few bytes lost, only when memory has run out).
    return block && size <= old ? block : nullptr;
  }
  if (block) {
    std::memcpy(moved, block, std::min(old, size));
    release(guard, block, old);
  }
  return moved;
}

// The allocator: counts every byte of the Lua heap and refuses growth past the cap (the
// host's own copies, Guard::host, count against the same cap). Shrinking never fails (the
// manual requires it). A large allocation past the deadline, after Ctrl-C, or once a limit
// has stopped the run is refused too: Lua raises a memory error, and the stop recorded in
// the Guard is what the run reports.
void* guarded_alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* guard = static_cast<Guard*>(ud);
  std::size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    if (ptr) release(*guard, ptr, old);
    guard->used -= old;
    return nullptr;
  }
  if (nsize > old && !guard->closing) {
    if (guard->used - old + nsize + guard->host + guard->sql > guard->limits.memory_bytes) {
      if (guard->stop == Guard::Stop::None) guard->stop = Guard::Stop::Memory;
      return nullptr;
    }
    if (nsize - old >= kLargeAllocation) {
      if (guard->stop == Guard::Stop::None) {
        if (guard->interrupted.load(std::memory_order_relaxed)) guard->stop = Guard::Stop::Interrupted;
        else if (coarse_now() > guard->deadline) guard->stop = Guard::Stop::Time;
      }
      if (guard->stop != Guard::Stop::None) return nullptr;
    }
  }
  void* grown = resize(*guard, ptr, old, nsize);
  if (!grown) return nullptr;
  guard->used = guard->used - old + nsize;
  return grown;
}

std::string stop_message(const Guard& g) {
  switch (g.stop) {
    case Guard::Stop::Instructions:
      return tr("vượt giới hạn số lệnh (", "instruction limit exceeded (") + std::to_string(g.limits.instructions) +
             tr(" lệnh; đổi bằng --instruction-limit)", " instructions; change with --instruction-limit)");
    case Guard::Stop::Time: {
      std::ostringstream s;
      s << g.limits.seconds;
      return tr("vượt giới hạn thời gian (", "time limit exceeded (") + s.str() +
             tr(" giây; đổi bằng --time-limit)", " s; change with --time-limit)");
    }
    case Guard::Stop::Memory:
      return tr("vượt giới hạn bộ nhớ (", "memory limit exceeded (") +
             std::to_string(g.limits.memory_bytes >> 20) +
             tr(" MiB; đổi bằng --memory-limit)", " MiB; change with --memory-limit)") +
             (g.detail.empty() ? "" : ": " + g.detail);
    case Guard::Stop::Output:
      return tr("vượt giới hạn dữ liệu in ra", "output limit exceeded") + (g.detail.empty() ? "" : ": " + g.detail);
    case Guard::Stop::Native:
      return tr("vượt giới hạn của hàm dựng sẵn", "a built-in function's limit was exceeded") + (g.detail.empty() ? "" : ": " + g.detail);
    case Guard::Stop::Interrupted:
      return tr("bị ngắt (Ctrl-C)", "interrupted (Ctrl-C)");
    case Guard::Stop::None: break;
  }
  return {};
}

// The count hook. Once a limit has tripped it fires on every instruction and raises each
// time, so a script that catches the error with pcall cannot run one more instruction.
// Coroutines inherit the hook from the thread that creates them.
void limit_hook(lua_State* L, lua_Debug*) {
  Guard& g = guard_of(L);
  if (g.stop == Guard::Stop::None) {
    g.instructions += kHookEvery;
    if (g.interrupted.load(std::memory_order_relaxed)) g.stop = Guard::Stop::Interrupted;
    else if (g.instructions > g.limits.instructions) g.stop = Guard::Stop::Instructions;
    else if (coarse_now() > g.deadline) g.stop = Guard::Stop::Time;
  }
  if (g.stop != Guard::Stop::None && g.where.empty()) g.where = script_line(L, 0);
  if (g.stop != Guard::Stop::None) {
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
    luaL_error(L, "%s", stop_message(g).c_str());
  }
}

}  // namespace

void check_limits_after_native(lua_State* L) noexcept {
  Guard& g = guard_of(L);
  if (g.stop == Guard::Stop::None) {
    if (g.interrupted.load(std::memory_order_relaxed)) g.stop = Guard::Stop::Interrupted;
    else if (coarse_now() > g.deadline) g.stop = Guard::Stop::Time;
  }
  if (g.stop != Guard::Stop::None) lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
}

namespace {

// Message handler of the door: the error message plus a traceback, unless a limit has
// tripped (then memory may be exhausted and the message is rebuilt in C++).
// It never calls a script's metamethods: a non-string error object is described by type.
int message_handler(lua_State* L) {
  Guard& g = guard_of(L);
  if (g.stop != Guard::Stop::None) return 1;
  if (lua_touserdata(L, 1) == describe_key()) return 1;
  const char* message = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : nullptr;
  // The very error a binding raised for a failed lookup reaches the top uncaught.
  LookupFailure& lookup = context(L).lookup;
  if (message && !lookup.raised.empty() && lookup.raised == message) lookup.uncaught = true;
  if (!message) {
    lua_pushfstring(L, "(%s)", luaL_typename(L, 1));
    message = lua_tostring(L, -1);
  }
  std::string where = script_line(L, 1);
  luaL_traceback(L, L, message, 1);        // [msg, tb]
  lua_pushstring(L, where.c_str());        // [msg, tb, where]
  lua_pushstring(L, "\x1f");
  lua_rotate(L, -2, 1);                    // [msg, tb, sep, where]
  lua_concat(L, 3);                        // [msg, "tb\x1fwhere"]
  return 1;
}

// SQLite's progress handler for the script connection: a query past the deadline is
// interrupted, and reported as the time limit.
int sql_progress(void* arg) {
  auto* g = static_cast<Guard*>(arg);
  if (g->stop == Guard::Stop::None && g->interrupted.load(std::memory_order_relaxed)) g->stop = Guard::Stop::Interrupted;
  if (g->stop == Guard::Stop::None && coarse_now() > g->deadline) g->stop = Guard::Stop::Time;
  return g->stop != Guard::Stop::None;
}

// The work meter of the metered SQL functions (instr, replace, LIKE, GLOB, trim): their
// steps are charged to the instruction budget like native Lua functions' work.
int sql_work(void* arg, std::int64_t steps) {
  auto* g = static_cast<Guard*>(arg);
  g->instructions += steps;
  if (g->stop == Guard::Stop::None && g->instructions > g->limits.instructions) g->stop = Guard::Stop::Instructions;
  return sql_progress(arg);
}

RunWatch g_watch = nullptr;
thread_local int t_watch_depth = 0;
// The deadlines of the threads running script code now (the provinces of a national check
// run in threads): the watcher hears of the earliest, and that none runs when the last stops.
std::mutex g_watch_lock;
std::multiset<std::chrono::steady_clock::time_point> g_running;

// Script code runs while one of these lives (calls may nest: a host callback that calls
// back into Lua); the watcher hears of the outermost of each thread only.
class Watched {
 public:
  explicit Watched(const Guard& g) {
    if (!g_watch || t_watch_depth++ != 0) return;
    std::lock_guard<std::mutex> hold(g_watch_lock);
    mine_ = g_running.insert(g.deadline);
    watching_ = true;
    g_watch(*g_running.begin(), true);
  }
  ~Watched() {
    if (!g_watch) return;
    --t_watch_depth;
    if (!watching_) return;
    std::lock_guard<std::mutex> hold(g_watch_lock);
    g_running.erase(mine_);
    if (g_running.empty()) g_watch({}, false);
    else g_watch(*g_running.begin(), true);
  }
  Watched(const Watched&) = delete;
  Watched& operator=(const Watched&) = delete;

 private:
  std::multiset<std::chrono::steady_clock::time_point>::iterator mine_;
  bool watching_ = false;
};

}  // namespace

void set_run_watch(RunWatch watch) { g_watch = watch; }

Host::Host(Context& context, const Limits& limits) : context_(context) {
  guard_.limits = limits;
  guard_.deadline = std::chrono::steady_clock::now() +
                    std::chrono::microseconds(static_cast<std::int64_t>(limits.seconds * 1e6));
  L_ = lua_newstate(guarded_alloc, &guard_);
  if (!L_) throw std::runtime_error(tr("không tạo được máy Lua (thiếu bộ nhớ)", "cannot create a Lua state"));
  *static_cast<Guard**>(lua_getextraspace(L_)) = &guard_;
  lua_pushlightuserdata(L_, context_key());
  lua_pushlightuserdata(L_, &context_);
  lua_rawset(L_, LUA_REGISTRYINDEX);
  try {
    open_sandbox();
  } catch (...) {
    lua_close(L_);
    throw;
  }
  lua_sethook(L_, limit_hook, LUA_MASKCOUNT, kHookEvery);
  const store::Database& db = context_.catalog.db();
  db.set_progress_check(sql_progress, &guard_);
  db.set_work_meter(sql_work, &guard_);
  db.limit_value_length(static_cast<int>(std::min<std::size_t>(limits.max_string_bytes, 1u << 30)));
}

Host::~Host() {
  context_.catalog.db().set_progress_check(nullptr, nullptr);
  context_.catalog.db().set_work_meter(nullptr, nullptr);
  // Host objects have no script finalizers (scripts cannot set __gc), so closing the
  // state runs only our own code.
  lua_sethook(L_, nullptr, 0, 0);
  guard_.closing = true;
  lua_close(L_);
}

void Host::open_sandbox() {
  // Setting up must not be limited; the limits start with the first script instruction.
  int status = lua_cpcall_sandbox(L_, context_);
  if (status != LUA_OK) {
    std::string message = lua_tostring(L_, -1) ? lua_tostring(L_, -1) : "?";
    lua_pop(L_, 1);
    throw std::runtime_error("sandbox: " + message);
  }
}

void Host::load_string(std::string_view source, const std::string& chunkname) {
  if (!source.empty() && source[0] == '\x1b')
    throw ScriptError(ErrorKind::Script,
                      chunkname.substr(1) + ": " + tr("không được nạp mã nhị phân (bytecode) của Lua",
                                                      "binary Lua chunks (bytecode) are not allowed"),
                      chunkname.substr(1));
  int status;
  {
    Watched watched(guard_);
    // A file's text (chunk name "@path") may be served from the compiled chunks of this
    // process; any other text (a --eval expression, the REPL) is parsed each time.
    status = !chunkname.empty() && chunkname[0] == '@' ? load_script_text(L_, source, chunkname.c_str())
                                                       : load_text(L_, source, chunkname.c_str());
  }
  if (status != LUA_OK) fail(status);
  push_sandbox_env(L_);              // [fn, env]
  if (!lua_setupvalue(L_, -2, 1)) lua_pop(L_, 1);   // _ENV is the first upvalue of a main chunk
}

void Host::load_file(const std::filesystem::path& path) {
  std::uintmax_t bytes = 0;
  auto source = read_script_file(context_.files.get(), path, guard_.limits.max_string_bytes, &bytes);
  if (bytes)
    throw ScriptError(ErrorKind::Limit,
                      path.string() + tr(": script dài ", ": the script is ") + std::to_string(bytes) +
                          tr(" byte, quá giới hạn ", " bytes, over the cap of ") + std::to_string(guard_.limits.max_string_bytes) +
                          " byte",
                      path.string());
  if (!source)
    throw ScriptError(ErrorKind::Usage, tr("không đọc được script ", "cannot read script ") + path.string(),
                      path.string());
  std::string chunkname = "@" + path.string();
  context_.scripts_run[path.string()] = script_sha256(*source, chunkname.c_str());
  load_string(*source, chunkname);
}

void Host::call(int nargs, int nresults) {
  int base = lua_gettop(L_) - nargs;          // the function's slot
  context_.lookup = LookupFailure{};
  lua_pushcfunction(L_, message_handler);
  lua_insert(L_, base);
  int status;
  {
    Watched watched(guard_);
    status = lua_pcall(L_, nargs, nresults, base);
  }
  lua_remove(L_, base);
  if (status != LUA_OK) fail(status);
  if (guard_.stop != Guard::Stop::None) {
    // The script swallowed the limit error at its outermost level and returned: still a stop.
    throw ScriptError(ErrorKind::Limit, stop_message(guard_));
  }
}

void Host::reset_limits() {
  // Only between two calls through the door, never while Lua runs.
  guard_.stop = Guard::Stop::None;
  guard_.instructions = 0;
  guard_.detail.clear();
  guard_.where.clear();
  guard_.soft_limit.clear();
  guard_.interrupted.store(false, std::memory_order_relaxed);
  guard_.deadline = std::chrono::steady_clock::now() +
                    std::chrono::microseconds(static_cast<std::int64_t>(guard_.limits.seconds * 1e6));
  lua_sethook(L_, limit_hook, LUA_MASKCOUNT, kHookEvery);   // a stop had set it to every instruction
}

void Host::next_script() {
  lua_settop(L_, 0);
  guard_.host = 0;   // the earlier scripts' copies (findings, JSON) were handed over
  guard_.sql = 0;
  reset_limits();
  if (lua_cpcall_renew_env(L_) != LUA_OK) {
    std::string message = lua_tostring(L_, -1) ? lua_tostring(L_, -1) : "?";
    lua_pop(L_, 1);
    throw std::runtime_error("sandbox: " + message);
  }
  // The old globals and libraries are unreachable now: what they held is freed before the
  // next script counts its memory.
  lua_gc(L_, LUA_GCCOLLECT);
}

void Host::run_file(const std::filesystem::path& path) {
  load_file(path);
  call(0, 0);
}

// A lookup the script did not catch, for a value one of its parameters carried (a year, a
// district, a tag, a set given on the command line or by ntm.toml): the user asked for
// something the data does not have, so it is a command-line error naming the parameter, not
// a fault in the script. A value the script made up itself stays a script error.
void Host::wrong_argument(const std::string& file, int line) {
  LookupFailure& lookup = context_.lookup;
  if (!lookup.uncaught || lookup.value.empty()) return;
  std::string folded = fold(lookup.value);
  for (const auto& [name, given] : context_.param_values) {
    if (given.text != lookup.value && fold(given.text) != folded) continue;
    std::string from;
    if (given.source == ParamSource::Project) from = tr(" (trong ntm.toml)", " (from ntm.toml)");
    else if (given.source == ParamSource::ScriptDefault) from = tr(" (giá trị mặc định của script)", " (the script's default)");
    ScriptError error(ErrorKind::Usage, "--" + name + " " + given.text + from + ": " + lookup.message, file, line);
    error.parameter = name;
    throw error;
  }
}

void Host::fail(int status) {
  // [error object]
  if (lua_touserdata(L_, -1) == describe_key()) {
    lua_pop(L_, 1);
    throw DescribeDone{};
  }
  if (guard_.stop != Guard::Stop::None || status == LUA_ERRMEM) {
    lua_pop(L_, 1);
    if (guard_.stop == Guard::Stop::None) guard_.stop = Guard::Stop::Memory;
    std::string file;
    int line = 0;
    if (auto colon = guard_.where.rfind(':'); colon != std::string::npos) {
      file = guard_.where.substr(0, colon);
      line = std::atoi(guard_.where.c_str() + colon + 1);
    }
    throw ScriptError(ErrorKind::Limit, stop_message(guard_), file, line);
  }
  std::string text = lua_type(L_, -1) == LUA_TSTRING ? lua_tostring(L_, -1) : "(lỗi không phải chuỗi)";
  lua_pop(L_, 1);
  std::string message = text, traceback, where;
  if (auto sep = text.rfind('\x1f'); sep != std::string::npos) {
    where = text.substr(sep + 1);
    traceback = text.substr(0, sep);
    auto nl = traceback.find('\n');
    message = traceback.substr(0, nl);
  }
  // A catchable "not enough memory" (check_room) that nobody caught: a limit after all.
  ErrorKind kind = !guard_.soft_limit.empty() && message.find(guard_.soft_limit) != std::string::npos
                       ? ErrorKind::Limit : ErrorKind::Script;
  std::string file;
  int line = 0;
  if (auto colon = where.rfind(':'); colon != std::string::npos) {
    file = where.substr(0, colon);
    line = std::atoi(where.c_str() + colon + 1);
    wrong_argument(file, line);
  } else if (status == LUA_ERRSYNTAX) {
    // "path:LINE: message" from the parser.
    if (auto c1 = message.find(':'); c1 != std::string::npos) {
      auto c2 = message.find(':', c1 + 1);
      if (c2 != std::string::npos) {
        file = message.substr(0, c1);
        line = std::atoi(message.c_str() + c1 + 1);
      }
    }
  }
  // Lua's own messages in the user's language (the script's own are left as they are).
  throw ScriptError(kind, localized_lua_message(message), file, line, traceback);
}

}  // namespace ntm::lua
