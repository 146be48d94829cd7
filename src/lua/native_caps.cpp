// Native library functions that could run long or build huge values without executing Lua
// instructions, so the count hook alone would not stop them in time. Each is replaced by a
// version that checks its cost before doing any work:
//   - capped: string.rep (size of the result), find/match/gmatch/gsub (backtracking).
//   - metered: table.insert/remove (elements shifted), move/unpack/concat (elements
//     touched) and sort (n log n comparisons) charge their work to the instruction budget
//     and check the clock first, so one call overruns the deadline by at most its own
//     duration, and a loop of such calls is stopped like a loop of instructions. table.sort
//     always compares through a Lua function, so the count hook runs inside a long sort.
//   - parsing: every chunk is loaded through load_text(), which charges the text to the
//     budget piece by piece, so a huge chunk stops part-way at a limit.
#include <lua.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string>

#include "lua/binding.h"
#include "lua/host.h"
#include "lua/sandbox.h"
#include "model/i18n.h"

namespace ntm::lua {

namespace {

// string.rep with a cap on the size of the result, checked before any work is done.
int capped_rep(lua_State* L) {
  std::size_t len, sep_len = 0;
  luaL_checklstring(L, 1, &len);
  lua_Integer n = luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &sep_len);
  if (n <= 0 || (len == 0 && sep_len == 0)) {
    lua_pushliteral(L, "");
    return 1;
  }
  Guard& g = guard_of(L);
  long double total = static_cast<long double>(len) * static_cast<long double>(n) +
                      static_cast<long double>(sep_len) * static_cast<long double>(n - 1);
  long double room = static_cast<long double>(g.limits.max_string_bytes);
  if (total > room)
    raise_limit(L, "string.rep " + tr("tạo chuỗi ", "would build ") + std::to_string(static_cast<unsigned long long>(std::min(total, 1e19L))) +
                       tr(" byte, quá giới hạn ", " bytes, over the cap of ") + std::to_string(g.limits.max_string_bytes) + " byte",
                static_cast<int>(Guard::Stop::Memory));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// Lua patterns backtrack, and one native call of find/match/gmatch/gsub cannot be
// interrupted by the count hook: ("a"):rep(300):find(("a-"):rep(4) .. "b") runs for minutes.
// Before such a call, estimate the worst case as n^k / k! for a subject of n bytes and a
// pattern with k repeated items (*, +, -), and refuse it above 10^8 steps. Patterns with
// fewer than two repeated items are always allowed (their worst case is far smaller).
int repeated_items(const char* p, std::size_t len) {
  int items = 0;
  bool in_set = false;
  for (std::size_t i = 0; i < len; ++i) {
    char c = p[i];
    if (c == '%') { ++i; continue; }
    if (in_set) { if (c == ']') in_set = false; continue; }
    if (c == '[') { in_set = true; if (i + 1 < len && p[i + 1] == '^') ++i; if (i + 1 < len && p[i + 1] == ']') ++i; continue; }
    if ((c == '*' || c == '+' || c == '-') && i > 0) ++items;
  }
  return items;
}

int guarded_pattern(lua_State* L) {
  std::size_t n = 0, plen = 0;
  const char* subject = lua_tolstring(L, 1, &n);
  const char* pattern = lua_tolstring(L, 2, &plen);
  bool plain = lua_toboolean(L, lua_upvalueindex(2)) && lua_toboolean(L, 4);   // string.find(s, p, init, true)
  if (subject && pattern && !plain) {
    int k = repeated_items(pattern, plen);
    if (k >= 2) {
      long double cost = 1;
      for (int i = 1; i <= k && cost <= 1e30L; ++i) cost = cost * static_cast<long double>(n) / i;
      if (cost > 1e8L)
        raise_limit(L, tr("mẫu tìm kiếm có ", "a pattern with ") + std::to_string(k) +
                           tr(" phần lặp trên chuỗi dài ", " repeated items on a string of ") + std::to_string(n) +
                           tr(" byte có thể chạy quá lâu; hãy tách chuỗi hoặc đơn giản hóa mẫu",
                              " bytes could run too long; split the text or simplify the pattern"),
                   static_cast<int>(Guard::Stop::Native));
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

// Feeds source text to the parser a piece at a time, charging each piece before it is parsed,
// so a huge chunk is stopped by the limits part-way instead of parsing for seconds.
struct TextReader {
  std::string_view text;
  std::size_t pos = 0;
};

const char* read_piece(lua_State* L, void* data, std::size_t* size) {
  constexpr std::size_t kPiece = 256 * 1024;
  auto* reader = static_cast<TextReader*>(data);
  if (reader->pos >= reader->text.size()) {
    *size = 0;
    return nullptr;
  }
  std::size_t n = std::min(kPiece, reader->text.size() - reader->pos);
  charge(L, static_cast<long double>(n));   // a limit error here ends the parse (lua_load is protected)
  const char* piece = reader->text.data() + reader->pos;
  reader->pos += n;
  *size = n;
  return piece;
}

// The length of the table at `index`, honouring __len as the library does.
lua_Integer table_length(lua_State* L, int index) { return luaL_len(L, index); }

lua_Integer opt_int(lua_State* L, int index, lua_Integer fallback) {
  return lua_isinteger(L, index) ? lua_tointeger(L, index) : fallback;
}

enum class TableFunction { Insert, Remove, Move, Unpack, Concat, Sort };

// The work one call will do, estimated from its arguments the way the library reads them.
long double table_work(lua_State* L, TableFunction f) {
  int top = lua_gettop(L);
  switch (f) {
    case TableFunction::Insert:   // insert(t, pos, v) shifts #t - pos + 1 elements
      return top >= 3 ? static_cast<long double>(table_length(L, 1)) - static_cast<long double>(opt_int(L, 2, 1)) + 1 : 1;
    case TableFunction::Remove: {   // remove(t, pos) shifts #t - pos elements
      lua_Integer n = table_length(L, 1);
      return static_cast<long double>(n) - static_cast<long double>(opt_int(L, 2, n)) + 1;
    }
    case TableFunction::Move:     // move(a1, f, e, t [,a2]) copies e - f + 1 elements
      return static_cast<long double>(opt_int(L, 3, 0)) - static_cast<long double>(opt_int(L, 2, 1)) + 1;
    case TableFunction::Unpack:   // unpack(t, i, j)
      return static_cast<long double>(lua_isnoneornil(L, 3) ? table_length(L, 1) : opt_int(L, 3, 0)) -
             static_cast<long double>(opt_int(L, 2, 1)) + 1;
    case TableFunction::Concat:   // concat(t, sep, i, j)
      return static_cast<long double>(lua_isnoneornil(L, 4) ? table_length(L, 1) : opt_int(L, 4, 0)) -
             static_cast<long double>(opt_int(L, 3, 1)) + 1;
    case TableFunction::Sort: {
      long double n = static_cast<long double>(table_length(L, 1));
      return n > 1 ? n * std::log2(n) : 1;
    }
  }
  return 1;
}

// Upvalues: the real function; the kind (integer); for sort, a factory that wraps a
// comparator in a Lua function, and the default Lua comparator.
int metered_table_function(lua_State* L) {
  auto f = static_cast<TableFunction>(lua_tointeger(L, lua_upvalueindex(2)));
  luaL_checktype(L, 1, LUA_TTABLE);
  charge(L, table_work(L, f));
  if (f == TableFunction::Sort) {
    lua_settop(L, 2);
    if (lua_isnil(L, 2)) {
      lua_pushvalue(L, lua_upvalueindex(4));
      lua_replace(L, 2);
    } else if (lua_type(L, 2) != LUA_TFUNCTION || lua_iscfunction(L, 2)) {
      lua_pushvalue(L, lua_upvalueindex(3));
      lua_pushvalue(L, 2);
      lua_call(L, 1, 1);                     // a Lua closure calling the comparator
      lua_replace(L, 2);
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

}  // namespace

void cap_native_functions(lua_State* L) {
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_getfield(L, -1, "rep");
  lua_pushcclosure(L, safe<capped_rep>, 1);
  lua_setfield(L, -2, "rep");
  for (const char* name : {"find", "match", "gmatch", "gsub"}) {
    lua_getfield(L, -1, name);
    lua_pushboolean(L, std::strcmp(name, "find") == 0);
    lua_pushcclosure(L, safe<guarded_pattern>, 2);
    lua_setfield(L, -2, name);
  }
  lua_pop(L, 1);

  // Comparators for sort, as Lua functions (the chunk name is not a file, so a limit is
  // reported at the script's line, not here).
  static const char helpers[] =
      "return function(c) return function(a, b) return c(a, b) end end, function(a, b) return a < b end";
  if (luaL_loadbufferx(L, helpers, sizeof helpers - 1, "=table.sort", "t") != LUA_OK) lua_error(L);
  lua_call(L, 0, 2);                         // [wrap, less]
  int wrap = lua_gettop(L) - 1, less = lua_gettop(L);
  static const struct { const char* name; TableFunction kind; } table_functions[] = {
      {"insert", TableFunction::Insert}, {"remove", TableFunction::Remove}, {"move", TableFunction::Move},
      {"unpack", TableFunction::Unpack}, {"concat", TableFunction::Concat}, {"sort", TableFunction::Sort}};
  lua_getglobal(L, LUA_TABLIBNAME);          // [wrap, less, table]
  for (const auto& [name, kind] : table_functions) {
    lua_getfield(L, -1, name);
    lua_pushinteger(L, static_cast<lua_Integer>(kind));
    lua_pushvalue(L, wrap);
    lua_pushvalue(L, less);
    lua_pushcclosure(L, safe<metered_table_function>, 4);
    lua_setfield(L, -2, name);
  }
  lua_pop(L, 3);
}

int load_text(lua_State* L, std::string_view text, const char* chunkname) {
  TextReader reader{text};
  return lua_load(L, read_piece, &reader, chunkname, "t");
}

void charge(lua_State* L, long double work) {
  Guard& g = guard_of(L);
  g.instructions += static_cast<std::int64_t>(std::clamp(work, 0.0L, 1e15L));
  if (g.instructions > g.limits.instructions)
    raise_limit(L, {}, static_cast<int>(Guard::Stop::Instructions));
  if (std::chrono::steady_clock::now() > g.deadline) raise_limit(L, {}, static_cast<int>(Guard::Stop::Time));
  if (g.interrupted.load(std::memory_order_relaxed)) raise_limit(L, {}, static_cast<int>(Guard::Stop::Interrupted));
}

}  // namespace ntm::lua
