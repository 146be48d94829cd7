// string.find, string.match, string.gmatch and string.gsub of the sandbox: Lua 5.4's
// functions (same arguments, results and messages) over the metered matcher of pattern.h.
// A plain find (find(s, p, init, true), or a pattern without special characters) uses
// memmem, which is linear in the subject whatever the needle (glibc's two-way search), and
// is charged by the bytes it scans.
#include <lua.hpp>

#include <cstring>

#include "lua/binding.h"
#include "lua/pattern.h"
#include "lua/sandbox.h"

namespace ntm::lua {

namespace {

// Lua's posrelatI: a 1-based start position from a possibly negative one, clipped to 1.
std::size_t start_position(lua_Integer pos, std::size_t len) {
  if (pos > 0) return static_cast<std::size_t>(pos);
  if (pos == 0) return 1;
  if (pos < -static_cast<lua_Integer>(len)) return 1;
  return len + static_cast<std::size_t>(pos) + 1;
}

// Bytes a plain search scans per unit of charged work.
constexpr std::size_t kBytesPerStep = 16;

int find_aux(lua_State* L, bool find) {
  std::size_t ls, lp;
  const char* s = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  std::size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) || PatternMatcher::is_plain(p, lp))) {
    charge(L, static_cast<long double>((ls - init) / kBytesPerStep + 1));
    const void* at = lp == 0 ? s + init : memmem(s + init, ls - init, p, lp);
    if (at) {
      std::size_t pos = static_cast<std::size_t>(static_cast<const char*>(at) - s);
      lua_pushinteger(L, static_cast<lua_Integer>(pos + 1));
      lua_pushinteger(L, static_cast<lua_Integer>(pos + lp));
      return 2;
    }
  } else {
    bool anchor = lp > 0 && *p == '^';
    if (anchor) {
      ++p;
      --lp;
    }
    PatternMatcher m(L, s, ls, p, lp);
    const char* s1 = s + init;
    do {
      m.reset();
      m.step();
      if (const char* e = m.match(s1, p)) {
        if (find) {
          lua_pushinteger(L, static_cast<lua_Integer>(s1 - s) + 1);
          lua_pushinteger(L, static_cast<lua_Integer>(e - s));
          return m.push_captures(nullptr, nullptr) + 2;
        }
        return m.push_captures(s1, e);
      }
    } while (s1++ < m.subject_end() && !anchor);
  }
  luaL_pushfail(L);
  return 1;
}

int str_find(lua_State* L) { return find_aux(L, true); }
int str_match(lua_State* L) { return find_aux(L, false); }

// gmatch's iterator state, kept in a userdata upvalue (the subject and the pattern are
// the other two upvalues, so their bytes stay put).
struct GmatchState {
  std::size_t next;        // where the next attempt starts
  std::ptrdiff_t last;     // end of the last match, or -1
};

int gmatch_step(lua_State* L) {
  std::size_t ls, lp;
  const char* s = lua_tolstring(L, lua_upvalueindex(1), &ls);
  const char* p = lua_tolstring(L, lua_upvalueindex(2), &lp);
  auto* st = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
  PatternMatcher m(L, s, ls, p, lp);
  for (const char* src = s + st->next; src <= s + ls; ++src) {
    m.reset();
    m.step();
    const char* e = m.match(src, p);
    if (e && e - s != st->last) {
      st->next = static_cast<std::size_t>(e - s);
      st->last = e - s;
      return m.push_captures(src, e);
    }
  }
  st->next = ls + 1;
  return 0;
}

int str_gmatch(lua_State* L) {
  std::size_t ls;
  luaL_checklstring(L, 1, &ls);
  luaL_checkstring(L, 2);
  std::size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) init = ls + 1;
  lua_settop(L, 2);
  auto* st = static_cast<GmatchState*>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
  st->next = init;
  st->last = -1;
  lua_pushcclosure(L, gmatch_step, 3);
  return 1;
}

// gsub's replacement string: %0-%9 and %%.
void add_string(PatternMatcher& m, luaL_Buffer* b, const char* s, const char* e) {
  lua_State* L = b->L;
  std::size_t l;
  const char* news = lua_tolstring(L, 3, &l);
  const char* p;
  while ((p = static_cast<const char*>(std::memchr(news, '%', l))) != nullptr) {
    luaL_addlstring(b, news, static_cast<std::size_t>(p - news));
    ++p;   // the character after '%' (the string's final '\0' when '%' is last)
    if (*p == '%') luaL_addchar(b, *p);
    else if (*p == '0') luaL_addlstring(b, s, static_cast<std::size_t>(e - s));
    else if (*p >= '1' && *p <= '9') m.add_capture(b, *p - '1', s, e);
    else luaL_error(L, "invalid use of '%c' in replacement string", '%');
    l -= static_cast<std::size_t>(p + 1 - news);
    news = p + 1;
  }
  luaL_addlstring(b, news, l);
}

// Adds the replacement of the match s..e; false when the text is kept as it was.
bool add_value(PatternMatcher& m, luaL_Buffer* b, const char* s, const char* e, int type) {
  lua_State* L = b->L;
  switch (type) {
    case LUA_TFUNCTION: {
      lua_pushvalue(L, 3);
      int n = m.push_captures(s, e);
      lua_call(L, n, 1);
      break;
    }
    case LUA_TTABLE:
      m.push_capture(0, s, e);
      lua_gettable(L, 3);
      break;
    default:
      add_string(m, b, s, e);
      return true;
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    luaL_addlstring(b, s, static_cast<std::size_t>(e - s));
    return false;
  }
  if (!lua_isstring(L, -1)) return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  luaL_addvalue(b);
  return true;
}

int str_gsub(lua_State* L) {
  std::size_t ls, lp;
  const char* src = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  const char* last = nullptr;
  int type = lua_type(L, 3);
  lua_Integer max_n = luaL_optinteger(L, 4, static_cast<lua_Integer>(ls) + 1);
  bool anchor = lp > 0 && *p == '^';
  luaL_argexpected(L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION || type == LUA_TTABLE, 3,
                   "string/function/table");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  if (anchor) {
    ++p;
    --lp;
  }
  PatternMatcher m(L, src, ls, p, lp);
  lua_Integer n = 0;
  bool changed = false;
  while (n < max_n) {
    m.reset();
    m.step();
    const char* e = m.match(src, p);
    if (e && e != last) {
      ++n;
      changed = add_value(m, &b, src, e, type) || changed;
      src = last = e;
    } else if (src < m.subject_end()) {
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchor) break;
  }
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&b, src, static_cast<std::size_t>(m.subject_end() - src));
    luaL_pushresult(&b);
  }
  lua_pushinteger(L, n);
  return 2;
}

}  // namespace

void open_string_match(lua_State* L) {
  // [string]
  static const luaL_Reg functions[] = {{"find", safe<str_find>},   {"match", safe<str_match>},
                                       {"gmatch", safe<str_gmatch>}, {"gsub", safe<str_gsub>},
                                       {nullptr, nullptr}};
  luaL_setfuncs(L, functions, 0);
}

}  // namespace ntm::lua
