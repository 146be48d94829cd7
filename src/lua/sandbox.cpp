#include "lua/sandbox.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "lua/binding.h"
#include "lua/host.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::lua {

namespace {

char context_key_, describe_key_, env_key_, readonly_key_, pristine_key_;

// Pushes the real table behind a read-only proxy (the proxy itself is empty) and returns
// true; pushes nothing and returns false when the value at `index` is not a proxy.
bool push_real_table(lua_State* L, int index) {
  index = lua_absindex(L, index);
  lua_pushlightuserdata(L, readonly_key());
  lua_rawget(L, LUA_REGISTRYINDEX);          // [set]
  lua_pushvalue(L, index);
  if (lua_rawget(L, -2) != LUA_TTABLE) {     // [set, real or nil]
    lua_pop(L, 2);
    return false;
  }
  lua_remove(L, -2);                         // [real]
  return true;
}

bool is_readonly(lua_State* L, int index) {
  if (!push_real_table(L, index)) return false;
  lua_pop(L, 1);
  return true;
}

// Converts every argument with tostring (as print does) and charges their total length to
// the run's output cap before anything is written. The converted strings stay on the Lua
// stack (counted by the Lua heap); nothing is copied into host memory.
std::size_t convert_arguments(lua_State* L, int n) {
  Context& ctx = context(L);
  std::size_t total = 0;
  for (int i = 1; i <= n; ++i) {
    std::size_t len;
    luaL_tolstring(L, i, &len);
    lua_replace(L, i);
    total += len + 1;
  }
  ctx.printed_bytes += total;
  if (ctx.printed_bytes > ctx.max_print_bytes)
    raise_limit(L, tr("script in ra quá ", "the script printed more than ") + std::to_string(ctx.max_print_bytes >> 20) + " MiB",
                static_cast<int>(Guard::Stop::Output));
  return total;
}

// print(...): to the run's output, capped.
int sandbox_print(lua_State* L) {
  Context& ctx = context(L);
  int n = lua_gettop(L);
  convert_arguments(L, n);
  if (ctx.describe) return 0;
  for (int i = 1; i <= n; ++i) {
    std::size_t len;
    const char* s = lua_tolstring(L, i, &len);
    if (i > 1) ctx.out << '\t';
    ctx.out.write(s, static_cast<std::streamsize>(len));
  }
  ctx.out << '\n';
  return 0;
}

// A chunk name the script chose is shown as "(load) NAME": it cannot pass for a shipped
// file ("@scripts/checks/x.lua") in messages, and the host never takes it for a script
// file when it locates an error. Names that Lua shows as [string "..."] are left alone.
std::string own_chunkname(const char* name) {
  if (name[0] == '@' || name[0] == '=') return std::string("=(load) ") + (name + 1);
  return name;
}

// The reader of load(): pieces of a string chunk, or what a reader function returns; each
// piece charged before the parser gets it. A binary chunk is refused at its first byte.
struct LoadReader {
  const char* text = nullptr;   // a string chunk, or null for a reader function
  std::size_t size = 0, pos = 0;
  bool first = true;
};

const char* load_piece(lua_State* L, void* data, std::size_t* size) {
  constexpr std::size_t kPiece = 256 * 1024;
  auto* r = static_cast<LoadReader*>(data);
  const char* piece;
  if (r->text) {
    *size = std::min(kPiece, r->size - r->pos);
    piece = r->text + r->pos;
    r->pos += *size;
  } else {
    luaL_checkstack(L, 2, "too many nested functions");
    lua_pushvalue(L, 1);
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      *size = 0;
      return nullptr;
    }
    if (!lua_isstring(L, -1)) luaL_error(L, "reader function must return a string");
    lua_replace(L, 5);                       // the reserved slot keeps the piece alive
    piece = lua_tolstring(L, 5, size);
  }
  if (*size == 0) return nullptr;
  if (r->first && piece[0] == '\x1b')
    luaL_error(L, "%s", tr("không được nạp mã nhị phân (bytecode) của Lua", "binary Lua chunks (bytecode) are not allowed").c_str());
  r->first = false;
  charge(L, static_cast<long double>(*size));
  return piece;
}

// load(chunk [, chunkname [, mode [, env]]]) as in Lua 5.4, except that binary chunks are
// never loaded, chunk names are marked (own_chunkname) and parsing is charged. Without env
// the chunk sees the run's globals (the sandbox table, never the real one).
int sandbox_load(lua_State* L) {
  std::size_t len;
  const char* s = lua_tolstring(L, 1, &len);
  const char* mode = luaL_optstring(L, 3, "bt");
  bool has_env = !lua_isnone(L, 4);
  LoadReader reader;
  std::string name;
  bool named = !lua_isnoneornil(L, 2);
  if (s) {
    name = own_chunkname(named ? luaL_checkstring(L, 2) : s);
    reader.text = s;
    reader.size = len;
  } else {
    name = named ? own_chunkname(luaL_checkstring(L, 2)) : "=(load)";
    luaL_checktype(L, 1, LUA_TFUNCTION);
  }
  lua_settop(L, 5);                          // slot 5: the reader's current piece
  int status = lua_load(L, load_piece, &reader, name.c_str(), mode);
  if (status != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;                                // fail, message
  }
  if (has_env) lua_pushvalue(L, 4);
  else push_sandbox_env(L);
  if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  return 1;
}

// setmetatable(t, mt): refuses __gc (finalizers run outside the limits) and protected tables.
int sandbox_setmetatable(lua_State* L) {
  int t = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
  if (t == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "%s", tr("script không được dùng __gc (bộ hủy chạy ngoài giới hạn)",
                                    "scripts may not use __gc (finalizers run outside the limits)").c_str());
    lua_pop(L, 1);
  }
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return luaL_error(L, "cannot change a protected metatable");
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

// rawset(t, k, v): refuses the read-only shared tables.
int sandbox_rawset(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  if (is_readonly(L, 1))
    return luaL_error(L, "%s", tr("bảng thư viện chỉ đọc, không được ghi", "library tables are read-only").c_str());
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

// rawget, rawlen and next see through a read-only proxy to the library's entries (values
// only: the real table itself is never handed out).
int sandbox_rawget(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  if (push_real_table(L, 1)) lua_replace(L, 1);
  lua_rawget(L, 1);
  return 1;
}

int sandbox_rawlen(lua_State* L) {
  int t = lua_type(L, 1);
  luaL_argexpected(L, t == LUA_TTABLE || t == LUA_TSTRING, 1, "table or string");
  if (t == LUA_TTABLE && push_real_table(L, 1)) lua_replace(L, 1);
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, 1)));
  return 1;
}

int sandbox_next(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  if (push_real_table(L, 1)) lua_replace(L, 1);
  if (lua_next(L, 1)) return 2;
  lua_pushnil(L);
  return 1;
}

// The message handler a script gives to xpcall runs only while no limit has tripped.
// (A limit error raised from the count hook reaches the handler while hooks are still
// off, so a handler that loops would otherwise run unchecked.)
int guarded_handler(lua_State* L) {
  if (guard_of(L).stop != Guard::Stop::None) return 1;   // pass the limit error through
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// What xpcall returns, also when the called function yielded and was resumed.
int finish_xpcall(lua_State* L, int status, lua_KContext extra) {
  if (status != LUA_OK && status != LUA_YIELD) {
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;                                // false, message
  }
  return lua_gettop(L) - static_cast<int>(extra);
}

// xpcall(f, msgh, ...) as Lua 5.4's (it may yield inside a coroutine), with msgh wrapped in
// guarded_handler.
int sandbox_xpcall(lua_State* L) {
  int n = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, guarded_handler, 1);
  lua_replace(L, 2);
  lua_pushboolean(L, 1);                     // the first result
  lua_pushvalue(L, 1);                       // the function
  lua_rotate(L, 3, 2);                       // [f, handler, true, f, args...]
  int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_xpcall);
  return finish_xpcall(L, status, 2);
}

// collectgarbage(opt, ...): every option of Lua 5.4. A full collection or a step works in
// proportion to the heap, so it is charged first (scripts cannot set finalizers, so a
// collection runs no script code).
int sandbox_collectgarbage(lua_State* L) {
  static const char* const options[] = {"stop", "restart", "collect", "count", "step", "setpause", "setstepmul",
                                        "isrunning", "generational", "incremental", nullptr};
  int option = luaL_checkoption(L, 1, "collect", options);
  if (option == 2 || option == 4) charge(L, static_cast<long double>(guard_of(L).used / 16 + 1));
  lua_pushvalue(L, lua_upvalueindex(1));     // the real collectgarbage
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int readonly_newindex(lua_State* L) {
  const char* name = lua_tostring(L, lua_upvalueindex(1));
  const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
  return luaL_error(L, "%s", (tr("'", "'") + name + tr("' là thư viện dùng chung, chỉ đọc: không được gán '",
                                                      "' is a shared library and read-only: cannot assign '") +
                              key + "'").c_str());
}

// The iterator of pairs(proxy): walks the real table (its upvalue) with the proxy as the
// state, so the real table never reaches the script.
int readonly_next(lua_State* L) {
  lua_settop(L, 2);
  lua_pushvalue(L, lua_upvalueindex(1));     // [proxy, key, real]
  lua_rotate(L, 2, 1);                       // [proxy, real, key]
  if (lua_next(L, 2)) return 2;
  lua_pushnil(L);
  return 1;
}

int readonly_pairs(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushcclosure(L, readonly_next, 1);
  lua_pushvalue(L, 1);                       // the proxy
  lua_pushnil(L);
  return 3;
}

int readonly_len(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(1))));
  return 1;
}

constexpr lua_Integer kRandomSeed = 20201231;

// Pushes a new table with the fields of the table at `index` (a shallow copy, raw access).
void copy_fields(lua_State* L, int index) {
  index = lua_absindex(L, index);
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, index)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
}

int build_sandbox(lua_State* L) {
  // Real libraries, into the real (unreachable) global table.
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  lua_pop(L, 1);
  static const luaL_Reg libs[] = {{LUA_STRLIBNAME, luaopen_string}, {LUA_TABLIBNAME, luaopen_table},
                                  {LUA_MATHLIBNAME, luaopen_math},  {LUA_UTF8LIBNAME, luaopen_utf8},
                                  {LUA_COLIBNAME, luaopen_coroutine}, {nullptr, nullptr}};
  for (const luaL_Reg* lib = libs; lib->func; ++lib) {
    luaL_requiref(L, lib->name, lib->func, 1);
    lua_pop(L, 1);
  }
  // Deterministic random numbers: the same script on the same data gives the same output.
  lua_getglobal(L, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_pushinteger(L, kRandomSeed);
  lua_call(L, 1, 0);
  lua_pop(L, 1);

  // string: no dump. Native functions that could run long or build huge values are capped
  // or metered (native_caps.cpp). The string metatable is locked.
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);
  cap_native_functions(L);
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);                   // ["", mt]
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);

  // The weak set of read-only proxies.
  new_weak_registry_table(L, readonly_key());

  // The fresh global table of this run.
  lua_newtable(L);                           // [env]
  int env = lua_gettop(L);
  static const char* base_names[] = {"assert", "error", "ipairs", "pairs", "pcall", "rawequal", "select",
                                     "tonumber", "tostring", "type", "getmetatable", "_VERSION", nullptr};
  for (const char** name = base_names; *name; ++name) {
    lua_getglobal(L, *name);
    lua_setfield(L, env, *name);
  }
  // The replaced base functions go into the real global table too (which scripts never
  // see), so that error messages name them ("bad argument #1 to 'load'") as Lua names its own.
  static const luaL_Reg replacements[] = {{"print", safe<sandbox_print>},
                                          {"load", safe<sandbox_load>},
                                          {"setmetatable", safe<sandbox_setmetatable>},
                                          {"rawset", safe<sandbox_rawset>},
                                          {"rawget", safe<sandbox_rawget>},
                                          {"rawlen", safe<sandbox_rawlen>},
                                          {"next", safe<sandbox_next>},
                                          {"xpcall", safe<sandbox_xpcall>},
                                          {nullptr, nullptr}};
  lua_pushvalue(L, env);
  set_functions(L, replacements);
  lua_pop(L, 1);
  lua_pushglobaltable(L);
  set_functions(L, replacements);
  lua_getfield(L, -1, "collectgarbage");
  lua_pushcclosure(L, safe<sandbox_collectgarbage>, 1);
  lua_pushvalue(L, -1);
  lua_setfield(L, env, "collectgarbage");
  lua_setfield(L, -2, "collectgarbage");
  lua_pop(L, 1);
  for (const luaL_Reg* lib = libs; lib->func; ++lib) {
    lua_getglobal(L, lib->name);
    make_readonly(L, lib->name);
    lua_setfield(L, env, lib->name);
  }
  open_ntm(L);                               // [env, ntm]
  make_readonly(L, "ntm");
  lua_setfield(L, env, "ntm");
  // What a fresh global table holds, kept apart where no script reaches it, for the next
  // script of the same state (renew_env): a copy, since scripts change their globals.
  lua_pushlightuserdata(L, &pristine_key_);
  copy_fields(L, env);
  lua_rawset(L, LUA_REGISTRYINDEX);
  lua_pushvalue(L, env);
  lua_setfield(L, env, "_G");
  lua_pushlightuserdata(L, env_key());
  lua_pushvalue(L, env);
  lua_rawset(L, LUA_REGISTRYINDEX);
  lua_pop(L, 1);
  return 0;
}

int renew_env(lua_State* L) {
  lua_pushlightuserdata(L, &pristine_key_);
  lua_rawget(L, LUA_REGISTRYINDEX);          // [pristine]
  copy_fields(L, 1);                         // [pristine, env]
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, "_G");
  lua_pushlightuserdata(L, env_key());
  lua_insert(L, -2);
  lua_rawset(L, LUA_REGISTRYINDEX);
  forget_libraries(L);
  // The random numbers a fresh state gives.
  lua_getglobal(L, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_pushinteger(L, kRandomSeed);
  lua_call(L, 1, 0);
  return 0;
}

}  // namespace

void* context_key() { return &context_key_; }
void* describe_key() { return &describe_key_; }
void* env_key() { return &env_key_; }
void* readonly_key() { return &readonly_key_; }

int lua_cpcall_sandbox(lua_State* L, Context&) {
  lua_pushcfunction(L, build_sandbox);
  return lua_pcall(L, 0, 0, 0);
}

int lua_cpcall_renew_env(lua_State* L) {
  lua_pushcfunction(L, renew_env);
  return lua_pcall(L, 0, 0, 0);
}

void push_sandbox_env(lua_State* L) {
  lua_pushlightuserdata(L, env_key());
  lua_rawget(L, LUA_REGISTRYINDEX);
}

void raise_limit(lua_State* L, const std::string& detail, int kind) {
  Guard& g = guard_of(L);
  if (g.stop == Guard::Stop::None) {
    g.stop = static_cast<Guard::Stop>(kind);
    g.detail = detail;
  }
  if (g.where.empty()) g.where = script_line(L, 1);   // the script line that called the native function
  lua_sethook(L, lua_gethook(L), LUA_MASKCOUNT, 1);
  luaL_error(L, "%s", detail.c_str());
  std::abort();   // not reached: luaL_error does not return
}

Context& context(lua_State* L) {
  lua_pushlightuserdata(L, context_key());
  lua_rawget(L, LUA_REGISTRYINDEX);
  auto* ctx = static_cast<Context*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return *ctx;
}

void note_lookup_failure(lua_State* L, const std::string& value, const std::string& message) noexcept {
  // No parameter is that long: a script's own huge "name" is not kept (nor folded later).
  if (value.size() > kMaxNameBytes) return;
  try {
    LookupFailure& failure = context(L).lookup;
    std::size_t len = 0;
    const char* raised = lua_tolstring(L, -1, &len);
    failure = LookupFailure{value, message, std::string(raised ? raised : "", len), false};
  } catch (const std::exception&) {
  }
}

void set_functions(lua_State* L, const luaL_Reg* functions) { luaL_setfuncs(L, functions, 0); }

void make_readonly(lua_State* L, const char* name) {
  // [T]
  int real = lua_gettop(L);
  lua_newtable(L);                           // [T, P]
  lua_newtable(L);                           // [T, P, mt]
  lua_pushvalue(L, real);
  lua_setfield(L, -2, "__index");
  lua_pushstring(L, name);
  lua_pushcclosure(L, readonly_newindex, 1);
  lua_setfield(L, -2, "__newindex");
  lua_pushvalue(L, real);
  lua_pushcclosure(L, readonly_pairs, 1);
  lua_setfield(L, -2, "__pairs");
  lua_pushvalue(L, real);
  lua_pushcclosure(L, readonly_len, 1);
  lua_setfield(L, -2, "__len");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);                   // [T, P]
  lua_pushlightuserdata(L, readonly_key());
  lua_rawget(L, LUA_REGISTRYINDEX);          // [T, P, set]
  lua_pushvalue(L, -2);
  lua_pushvalue(L, real);
  lua_rawset(L, -3);                         // set[P] = T
  lua_pop(L, 1);                             // [T, P]
  lua_remove(L, real);                       // [P]
}

void define_type(lua_State* L, const char* name, const luaL_Reg* methods, lua_CFunction index, lua_CFunction tostring,
                 const luaL_Reg* more_methods) {
  if (!luaL_newmetatable(L, name)) {
    lua_pop(L, 1);
    return;
  }
  int mt = lua_gettop(L);
  lua_newtable(L);
  luaL_setfuncs(L, methods, 0);              // [mt, methods]
  if (more_methods) luaL_setfuncs(L, more_methods, 0);
  if (index) {
    lua_pushcclosure(L, index, 1);           // methods become the upvalue of the index function
  }
  lua_setfield(L, mt, "__index");
  if (tostring) {
    lua_pushcfunction(L, tostring);
    lua_setfield(L, mt, "__tostring");
  }
  lua_pushboolean(L, 0);
  lua_setfield(L, mt, "__metatable");
  lua_pop(L, 1);
}

std::string opt_string_field(lua_State* L, int index, const char* key, const std::string& fallback) {
  if (lua_type(L, index) != LUA_TTABLE) return fallback;
  lua_getfield(L, index, key);
  std::string out = fallback;
  if (!lua_isnil(L, -1)) {
    if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER) {
      lua_pop(L, 1);
      luaL_error(L, "%s", (tr("trường '", "field '") + key + tr("' phải là chuỗi", "' must be a string")).c_str());
    }
    out = lua_tostring(L, -1);
  }
  lua_pop(L, 1);
  return out;
}

lua_Integer opt_integer_field(lua_State* L, int index, const char* key, lua_Integer fallback) {
  if (lua_type(L, index) != LUA_TTABLE) return fallback;
  lua_getfield(L, index, key);
  lua_Integer out = fallback;
  if (!lua_isnil(L, -1)) {
    int ok = 0;
    out = lua_tointegerx(L, -1, &ok);
    if (!ok) {
      lua_pop(L, 1);
      luaL_error(L, "%s", (tr("trường '", "field '") + key + tr("' phải là số nguyên", "' must be an integer")).c_str());
    }
  }
  lua_pop(L, 1);
  return out;
}

bool opt_boolean_field(lua_State* L, int index, const char* key, bool fallback) {
  if (lua_type(L, index) != LUA_TTABLE) return fallback;
  lua_getfield(L, index, key);
  bool out = lua_isnil(L, -1) ? fallback : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return out;
}

void set_string_field(lua_State* L, const char* key, std::string_view value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

void set_integer_field(lua_State* L, const char* key, lua_Integer value) {
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

void set_number_field(lua_State* L, const char* key, lua_Number value) {
  lua_pushnumber(L, value);
  lua_setfield(L, -2, key);
}

void set_boolean_field(lua_State* L, const char* key, bool value) {
  lua_pushboolean(L, value);
  lua_setfield(L, -2, key);
}

void new_weak_registry_table(lua_State* L, void* key) {
  lua_pushlightuserdata(L, key);
  lua_newtable(L);
  lua_newtable(L);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawset(L, LUA_REGISTRYINDEX);
}

void push_strings(lua_State* L, const std::vector<std::string>& values) {
  lua_createtable(L, static_cast<int>(values.size()), 0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    lua_pushlstring(L, values[i].data(), values[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

}  // namespace ntm::lua
