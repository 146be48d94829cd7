// table.insert, remove, move, unpack, concat and sort of the sandbox: Lua 5.4's functions
// (same arguments, results and messages, metamethods honoured the same way), with their
// work metered. Each charges the elements it touches to the instruction budget as it goes
// (charge() also checks the clock and Ctrl-C), so one call on a huge range stops at a limit
// after doing that much work, and a loop of calls is stopped like a loop of instructions.
// A call that real Lua rejects cheaply (unpack of 2^31 values) is rejected the same way,
// with an error a script can catch.
#include <lua.hpp>

#include <climits>

#include "lua/binding.h"
#include "lua/sandbox.h"

namespace ntm::lua {

namespace {

constexpr int kRead = 1, kWrite = 2, kLength = 4;
constexpr lua_Integer kChunk = 1024;   // elements between two charges

bool has_field(lua_State* L, const char* key, int n) {
  lua_pushstring(L, key);
  return lua_rawget(L, -n) != LUA_TNIL;
}

// A table, or a value whose metatable gives the access `what` needs.
void check_table(lua_State* L, int arg, int what) {
  if (lua_type(L, arg) == LUA_TTABLE) return;
  int n = 1;
  if (lua_getmetatable(L, arg) && (!(what & kRead) || has_field(L, "__index", ++n)) &&
      (!(what & kWrite) || has_field(L, "__newindex", ++n)) && (!(what & kLength) || has_field(L, "__len", ++n))) {
    lua_pop(L, n);
    return;
  }
  luaL_checktype(L, arg, LUA_TTABLE);   // raises "table expected"
}

lua_Integer length(lua_State* L, int arg, int what) {
  check_table(L, arg, what | kLength);
  return luaL_len(L, arg);
}

// Counts elements touched, charging them kChunk at a time.
class Meter {
 public:
  explicit Meter(lua_State* L) : L_(L) {}
  void tick() {
    if (++count_ == kChunk) {
      count_ = 0;
      charge(L_, static_cast<long double>(kChunk));
    }
  }
 private:
  lua_State* L_;
  lua_Integer count_ = 0;
};

int t_insert(lua_State* L) {
  lua_Integer e = length(L, 1, kRead | kWrite) + 1;   // the first empty slot
  lua_Integer pos;
  switch (lua_gettop(L)) {
    case 2:
      pos = e;
      break;
    case 3: {
      pos = luaL_checkinteger(L, 2);
      luaL_argcheck(L, static_cast<lua_Unsigned>(pos) - 1u < static_cast<lua_Unsigned>(e), 2, "position out of bounds");
      Meter meter(L);
      for (lua_Integer i = e; i > pos; --i) {   // shift up
        meter.tick();
        lua_geti(L, 1, i - 1);
        lua_seti(L, 1, i);
      }
      break;
    }
    default:
      return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, 1, pos);
  return 0;
}

int t_remove(lua_State* L) {
  lua_Integer size = length(L, 1, kRead | kWrite);
  lua_Integer pos = luaL_optinteger(L, 2, size);
  if (pos != size)   // validate a position given explicitly (as Lua 5.4.4 does, on argument 1)
    luaL_argcheck(L, static_cast<lua_Unsigned>(pos) - 1u <= static_cast<lua_Unsigned>(size), 1, "position out of bounds");
  lua_geti(L, 1, pos);
  Meter meter(L);
  for (; pos < size; ++pos) {   // shift down
    meter.tick();
    lua_geti(L, 1, pos + 1);
    lua_seti(L, 1, pos);
  }
  lua_pushnil(L);
  lua_seti(L, 1, pos);
  return 1;
}

int t_move(lua_State* L) {
  lua_Integer f = luaL_checkinteger(L, 2);
  lua_Integer e = luaL_checkinteger(L, 3);
  lua_Integer t = luaL_checkinteger(L, 4);
  int tt = !lua_isnoneornil(L, 5) ? 5 : 1;   // destination table
  check_table(L, 1, kRead);
  check_table(L, tt, kWrite);
  if (e >= f) {
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    lua_Integer n = e - f + 1;
    luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
    Meter meter(L);
    if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
      for (lua_Integer i = 0; i < n; ++i) {
        meter.tick();
        lua_geti(L, 1, f + i);
        lua_seti(L, tt, t + i);
      }
    } else {   // overlapping, moving up: copy from the end
      for (lua_Integer i = n - 1; i >= 0; --i) {
        meter.tick();
        lua_geti(L, 1, f + i);
        lua_seti(L, tt, t + i);
      }
    }
  }
  lua_pushvalue(L, tt);
  return 1;
}

int t_unpack(lua_State* L) {
  lua_Integer i = luaL_optinteger(L, 2, 1);
  lua_Integer e = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
  if (i > e) return 0;
  lua_Unsigned n = static_cast<lua_Unsigned>(e) - static_cast<lua_Unsigned>(i);
  if (n >= static_cast<unsigned int>(INT_MAX) || !lua_checkstack(L, static_cast<int>(++n)))
    return luaL_error(L, "too many results to unpack");
  charge(L, static_cast<long double>(n));   // at most the stack's size (a million values)
  for (; i < e; ++i) lua_geti(L, 1, i);
  lua_geti(L, 1, e);
  return static_cast<int>(n);
}

void add_field(lua_State* L, luaL_Buffer* b, lua_Integer i) {
  lua_geti(L, 1, i);
  if (!lua_isstring(L, -1))
    luaL_error(L, "invalid value (%s) at index %I in table for 'concat'", luaL_typename(L, -1), static_cast<LUAI_UACINT>(i));
  luaL_addvalue(b);
}

int t_concat(lua_State* L) {
  luaL_Buffer b;
  lua_Integer last = length(L, 1, kRead);
  std::size_t lsep;
  const char* sep = luaL_optlstring(L, 2, "", &lsep);
  lua_Integer i = luaL_optinteger(L, 3, 1);
  last = luaL_optinteger(L, 4, last);
  luaL_buffinit(L, &b);
  Meter meter(L);
  for (; i < last; ++i) {
    meter.tick();
    add_field(L, &b, i);
    luaL_addlstring(&b, sep, lsep);
  }
  if (i == last) add_field(L, &b, i);
  luaL_pushresult(&b);
  return 1;
}

// ---- sort: quicksort with the pivot the median of three, every comparison charged ----------

using Index = unsigned int;

class Sorter {
 public:
  explicit Sorter(lua_State* L) : L_(L), meter_(L) {}

  // Sorts a[lo..up] (1 is the table, 2 the comparator or nil).
  void sort(Index lo, Index up) {
    while (lo < up) {
      lua_geti(L_, 1, lo);
      lua_geti(L_, 1, up);
      if (less(-1, -2)) swap_top(lo, up);   // a[up] < a[lo]
      else lua_pop(L_, 2);
      if (up - lo == 1) return;
      Index p = lo + (up - lo) / 2;
      lua_geti(L_, 1, p);
      lua_geti(L_, 1, lo);
      if (less(-2, -1)) {   // a[p] < a[lo]
        swap_top(p, lo);
      } else {
        lua_pop(L_, 1);
        lua_geti(L_, 1, up);
        if (less(-1, -2)) swap_top(p, up);   // a[up] < a[p]
        else lua_pop(L_, 2);
      }
      if (up - lo == 2) return;
      lua_geti(L_, 1, p);        // the pivot, kept on the stack during the partition
      lua_pushvalue(L_, -1);
      lua_geti(L_, 1, up - 1);
      swap_top(p, up - 1);       // a[p] = a[up - 1], a[up - 1] = pivot
      Index mid = partition(lo, up);
      // Recurse into the smaller half, loop on the larger one: the C stack stays O(log n).
      if (mid - lo < up - mid) {
        sort(lo, mid - 1);
        lo = mid + 1;
      } else {
        sort(mid + 1, up);
        up = mid - 1;
      }
    }
  }

 private:
  // Is the value at stack index a less than the one at b, in the order of the sort?
  bool less(int a, int b) {
    meter_.tick();
    if (lua_isnil(L_, 2)) return lua_compare(L_, a, b, LUA_OPLT);
    lua_pushvalue(L_, 2);
    lua_pushvalue(L_, a - 1);
    lua_pushvalue(L_, b - 2);
    lua_call(L_, 2, 1);
    bool result = lua_toboolean(L_, -1);
    lua_pop(L_, 1);
    return result;
  }

  // The two values on top of the stack go to a[i] (the top one) and a[j].
  void swap_top(Index i, Index j) {
    lua_seti(L_, 1, i);
    lua_seti(L_, 1, j);
  }

  // Pivot P on the stack top, and a[lo] <= P == a[up - 1] <= a[up]. Returns the pivot's
  // final place. A comparator that is not a strict order runs the scans past their
  // bounds: that is an error, as in real Lua.
  Index partition(Index lo, Index up) {
    Index i = lo, j = up - 1;
    for (;;) {
      while (lua_geti(L_, 1, ++i), less(-1, -2)) {
        if (i == up - 1) luaL_error(L_, "invalid order function for sorting");
        lua_pop(L_, 1);
      }
      while (lua_geti(L_, 1, --j), less(-3, -1)) {
        if (j < i) luaL_error(L_, "invalid order function for sorting");
        lua_pop(L_, 1);
      }
      if (j < i) {
        lua_pop(L_, 1);          // a[j]
        swap_top(up - 1, i);     // a[up - 1] = a[i], a[i] = pivot
        return i;
      }
      swap_top(i, j);
    }
  }

  lua_State* L_;
  Meter meter_;
};

int t_sort(lua_State* L) {
  lua_Integer n = length(L, 1, kRead | kWrite);
  if (n > 1) {
    luaL_argcheck(L, n < INT_MAX, 1, "array too big");
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    luaL_checkstack(L, 40, "sort");
    Sorter(L).sort(1, static_cast<Index>(n));
  }
  return 0;
}

}  // namespace

void open_table_functions(lua_State* L) {
  // [table]
  static const luaL_Reg functions[] = {{"insert", safe<t_insert>}, {"remove", safe<t_remove>},
                                       {"move", safe<t_move>},     {"unpack", safe<t_unpack>},
                                       {"concat", safe<t_concat>}, {"sort", safe<t_sort>},
                                       {nullptr, nullptr}};
  luaL_setfuncs(L, functions, 0);
}

}  // namespace ntm::lua
