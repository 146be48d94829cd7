// Native library functions that could run long or build huge values without executing Lua
// instructions, so the count hook alone would not stop them in time:
//   - the pattern functions find/match/gmatch/gsub (string_match.cpp over pattern.cpp) and
//     table.insert/remove/move/unpack/concat/sort (table_functions.cpp) are the host's own
//     versions of Lua 5.4's, which charge the work they do as they do it;
//   - string.rep checks the size of its result against the memory the run has left before
//     building it, and fails with an error a script can catch, as real Lua does when an
//     allocation fails;
//   - parsing: every chunk is loaded through load_text(), which charges the text to the
//     budget piece by piece, so a huge chunk stops part-way at a limit.
// The allocator (host.cpp) checks the clock on every large allocation, so any native that
// builds a big value (string.format, .., utf8.char, table growth) is stopped there.
#include <lua.hpp>

#include <algorithm>
#include <chrono>
#include <climits>
#include <string>

#include "lua/binding.h"
#include "lua/host.h"
#include "lua/sandbox.h"
#include "model/i18n.h"

namespace ntm::lua {

void open_string_match(lua_State* L);      // string_match.cpp
void open_table_functions(lua_State* L);   // table_functions.cpp

namespace {

// string.rep as in Lua 5.4.4 (results above INT_MAX bytes are "too large"), plus a check
// that the result fits in the memory the run has left; both errors can be caught.
int capped_rep(lua_State* L) {
  std::size_t len, sep_len;
  const char* s = luaL_checklstring(L, 1, &len);
  lua_Integer n = luaL_checkinteger(L, 2);
  const char* sep = luaL_optlstring(L, 3, "", &sep_len);
  if (n <= 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  if (len + sep_len < len || len + sep_len > static_cast<std::size_t>(INT_MAX) / static_cast<lua_Unsigned>(n))
    return luaL_error(L, "resulting string too large");
  std::size_t total = len * static_cast<std::size_t>(n) + sep_len * static_cast<std::size_t>(n - 1);
  if (total == 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  check_room(L, total, "string.rep");
  charge(L, static_cast<long double>(total / 64 + 1));
  luaL_Buffer b;
  char* p = luaL_buffinitsize(L, &b, total);
  for (lua_Integer i = 0; i < n; ++i) {
    std::copy(s, s + len, p);
    p += len;
    if (sep_len > 0 && i + 1 < n) {
      std::copy(sep, sep + sep_len, p);
      p += sep_len;
    }
  }
  luaL_pushresultsize(&b, total);
  return 1;
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

}  // namespace

void cap_native_functions(lua_State* L) {
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushcfunction(L, safe<capped_rep>);
  lua_setfield(L, -2, "rep");
  open_string_match(L);
  lua_pop(L, 1);
  lua_getglobal(L, LUA_TABLIBNAME);
  open_table_functions(L);
  lua_pop(L, 1);
}

int load_text(lua_State* L, std::string_view text, const char* chunkname, const char* mode) {
  TextReader reader{text};
  return lua_load(L, read_piece, &reader, chunkname, mode);
}

void charge(lua_State* L, long double work) {
  Guard& g = guard_of(L);
  g.instructions += static_cast<std::int64_t>(std::clamp(work, 0.0L, 1e15L));
  if (g.instructions > g.limits.instructions)
    raise_limit(L, {}, static_cast<int>(Guard::Stop::Instructions));
  if (coarse_now() > g.deadline) raise_limit(L, {}, static_cast<int>(Guard::Stop::Time));
  if (g.interrupted.load(std::memory_order_relaxed)) raise_limit(L, {}, static_cast<int>(Guard::Stop::Interrupted));
}

std::size_t memory_left(const Guard& g) {
  std::size_t in_use = g.used + g.host + g.sql;
  return in_use >= g.limits.memory_bytes ? 0 : g.limits.memory_bytes - in_use;
}

void check_room(lua_State* L, std::size_t bytes, const char* what) {
  Guard& g = guard_of(L);
  if (bytes <= memory_left(g)) return;
  std::string message = std::string(what) + ": " + tr("không đủ bộ nhớ (cần ", "not enough memory (needs ") +
                        std::to_string(bytes) + tr(" byte, còn ", " bytes, ") + std::to_string(memory_left(g)) +
                        tr(" byte trong giới hạn ", " bytes left within the limit of ") +
                        std::to_string(g.limits.memory_bytes >> 20) + " MiB; --memory-limit)";
  g.soft_limit = message;
  luaL_error(L, "%s", message.c_str());
}

void charge_memory(lua_State* L, std::size_t bytes, const char* what) {
  Guard& g = guard_of(L);
  if (bytes > memory_left(g))
    raise_limit(L, std::string(what) + tr(": bản sao trong chương trình vượt giới hạn bộ nhớ",
                                          ": copies held by the host exceed the memory limit"),
                static_cast<int>(Guard::Stop::Memory));
  g.host += bytes;
}

}  // namespace ntm::lua
