// Helpers shared by the binding files (bind_*.cpp): the trampoline every bound function
// goes through, the way bindings reach the run's Context, and small argument helpers.
// Only src/lua includes Lua headers.
#pragma once

#include <lua.hpp>

#include <exception>
#include <string>
#include <string_view>

#include "lua/context.h"
#include "model/units.h"

namespace ntm::lua {

// Records in the Context the lookup that failed: `value` asked for, `message` without the
// script location, and the error string on top of the stack as the script will receive it.
// Never throws (on failure the error is an ordinary script error).
void note_lookup_failure(lua_State* L, const std::string& value, const std::string& message) noexcept;

// After every bound call: the count hook sees only Lua instructions, so a native call whose
// work grows with its arguments (a name of megabytes copied and folded) could run thousands
// of times between two checks. Past the deadline, or after Ctrl-C, this arms the hook so
// the script's next instruction stops the run. Never raises, never throws.
void check_limits_after_native(lua_State* L) noexcept;

// The trampoline. A C++ exception never crosses a Lua frame: it is caught here and raised
// again as a Lua error (with the script's file:line) after the catch block has ended.
// Lua's own errors pass through untouched: in Debian's lua5.4-c++ build they are thrown as
// a type that is not a std::exception, so catching `const std::exception&` (never `...`)
// leaves them alone.
// A lookup that found nothing (NotFound: a year without data, an unknown district, tag, set)
// is raised the same way, and also noted in the Context, so that the host can report it as a
// wrong command-line argument when the script does not catch it (note_lookup_failure).
template <lua_CFunction F>
int safe(lua_State* L) {
  std::string message, looked_up;
  bool lookup = false;
  try {
    int results = F(L);
    check_limits_after_native(L);
    return results;
  } catch (const NotFound& e) {
    message = e.what();
    looked_up = e.value;
    lookup = true;
  } catch (const std::exception& e) {
    message = e.what();
  }
  check_limits_after_native(L);
  luaL_where(L, 1);
  lua_pushlstring(L, message.data(), message.size());
  lua_concat(L, 2);
  if (lookup) note_lookup_failure(L, looked_up, message);
  return lua_error(L);
}

// The run's Context, stored in the registry by the Host.
Context& context(lua_State* L);

// luaL_testudata and luaL_checkudata (same results, same errors) for the states Host makes,
// comparing the metatable's address with the one the type's name was first found to have.
void* test_userdata(lua_State* L, int index, const char* type);
void* check_userdata(lua_State* L, int index, const char* type);


// Registers `functions` (each already wrapped in safe<>) into the table on top of the stack.
void set_functions(lua_State* L, const luaL_Reg* functions);

// Makes the table on top of the stack read-only to scripts: replaces it by a proxy whose
// writes raise "<name> chỉ đọc". Leaves the proxy on the stack.
void make_readonly(lua_State* L, const char* name);

// Creates (once per state) the metatable `name` for a userdata type: __index = methods
// table filled by `methods`, plus `index` as __index function when given (methods first),
// __metatable = false so scripts cannot read or replace it. Leaves nothing on the stack.
void define_type(lua_State* L, const char* name, const luaL_Reg* methods, lua_CFunction index = nullptr,
                 lua_CFunction tostring = nullptr, const luaL_Reg* more_methods = nullptr);

// Optional field of the table at `index`: string / integer / boolean; `fallback` when absent.
std::string opt_string_field(lua_State* L, int index, const char* key, const std::string& fallback = {});
lua_Integer opt_integer_field(lua_State* L, int index, const char* key, lua_Integer fallback);
bool opt_boolean_field(lua_State* L, int index, const char* key, bool fallback);

// Sets t[key] = value on the table on top of the stack (the writing side of opt_*_field).
void set_string_field(lua_State* L, const char* key, std::string_view value);
void set_integer_field(lua_State* L, const char* key, lua_Integer value);
void set_number_field(lua_State* L, const char* key, lua_Number value);
void set_boolean_field(lua_State* L, const char* key, bool value);

// Stores a new table with weak keys in the registry under the light userdata `key`.
void new_weak_registry_table(lua_State* L, void* key);

// Pushes a Lua array of strings.
void push_strings(lua_State* L, const std::vector<std::string>& values);

// Entry points of the binding files, called by the Host; each leaves nothing on the stack
// except open_ntm, which leaves the (not yet read-only) ntm table.
void open_ntm(lua_State* L);          // bind_ntm.cpp
// Forgets the libraries ntm.use loaded: the next script of the state loads its own.
void forget_libraries(lua_State* L);  // bind_ntm.cpp
void open_fmt(lua_State* L);          // bind_fmt.cpp: pushes the ntm.fmt table
void open_province(lua_State* L);     // bind_province.cpp: adds ntm.province
void open_records(lua_State* L);      // bind_records.cpp: adds ntm.funding_sources
extern const luaL_Reg province_record_methods[];   // bind_records.cpp: p:funding, p:statistics, ...
int unit_funding_rows(lua_State* L);  // bind_records.cpp: p:funding, x:funding (the unit and the units under it)
void open_district(lua_State* L);     // bind_district.cpp
void open_commune(lua_State* L);      // bind_commune.cpp
void open_commune_list(lua_State* L); // bind_commune_list.cpp
void open_criteria(lua_State* L);     // bind_criteria.cpp: adds ntm.criteria
void open_finding(lua_State* L);      // bind_finding.cpp: adds ntm.finding
void open_allocate(lua_State* L);     // bind_allocate.cpp: adds ntm.allocate
void open_report(lua_State* L);       // bind_report.cpp: adds ntm.report

}  // namespace ntm::lua
