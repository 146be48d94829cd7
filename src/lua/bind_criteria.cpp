// ntm.criteria(id or year): a criteria set as plain data, for checks that walk its indicators.
//   local set = ntm.criteria(2020)            -- the national commune set of 2020 ("1980-xa")
//   set.id, set.name, set.legal_basis, set.grade, set.valid_from, set.valid_to
//   set.criteria  --> { {number = 2, name = "Giao thông", group = "...", indicators = {"2.1", ...}}, ... }
//   set.indicators --> { ["2.1"] = {id, criterion, name, unit, comparison, min, max}, ... }
//   set.order      --> {"1.1", "1.2", ...} indicator ids in the set's order
#include "lua/binding.h"
#include "model/i18n.h"

namespace ntm::lua {

namespace {

void set_string(lua_State* L, const char* key, const std::string& value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

int ntm_criteria(lua_State* L) {
  Context& ctx = context(L);
  std::string id;
  if (lua_type(L, 1) == LUA_TNUMBER) {
    std::string grade = luaL_optstring(L, 2, "standard");
    id = set_for_year(ctx.catalog.db(), static_cast<int>(luaL_checkinteger(L, 1)), "commune", grade);
  } else {
    id = luaL_checkstring(L, 1);
  }
  auto set = ctx.catalog.criteria_set(id);
  lua_createtable(L, 0, 10);
  set_string(L, "id", set->id());
  set_string(L, "name", set->name());
  set_string(L, "legal_basis", set->legal_basis());
  set_string(L, "grade", set->grade());
  lua_pushinteger(L, set->valid_from());
  lua_setfield(L, -2, "valid_from");
  lua_pushinteger(L, set->valid_to());
  lua_setfield(L, -2, "valid_to");
  const auto& indicators = set->indicators();
  lua_createtable(L, static_cast<int>(set->criteria().size()), 0);
  lua_Integer n = 0;
  for (const auto& c : set->criteria()) {
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, c.number);
    lua_setfield(L, -2, "number");
    set_string(L, "name", c.name);
    set_string(L, "group", c.group);
    lua_createtable(L, static_cast<int>(c.indicators.size()), 0);
    for (std::size_t i = 0; i < c.indicators.size(); ++i) {
      lua_pushstring(L, indicators[c.indicators[i]].id.c_str());
      lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
    lua_setfield(L, -2, "indicators");
    lua_rawseti(L, -2, ++n);
  }
  lua_setfield(L, -2, "criteria");
  lua_createtable(L, 0, static_cast<int>(indicators.size()));
  lua_createtable(L, static_cast<int>(indicators.size()), 0);   // [set, map, order]
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const Indicator& ind = indicators[i];
    lua_createtable(L, 0, 7);
    set_string(L, "id", ind.id);
    lua_pushinteger(L, ind.criterion);
    lua_setfield(L, -2, "criterion");
    set_string(L, "name", ind.name);
    set_string(L, "unit", ind.unit);
    set_string(L, "comparison", ind.comparison);
    if (!std::isnan(ind.min_value)) { lua_pushnumber(L, ind.min_value); lua_setfield(L, -2, "min"); }
    if (!std::isnan(ind.max_value)) { lua_pushnumber(L, ind.max_value); lua_setfield(L, -2, "max"); }
    lua_setfield(L, -3, ind.id.c_str());
    lua_pushstring(L, ind.id.c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -3, "order");
  lua_setfield(L, -2, "indicators");
  return 1;
}

}  // namespace

void open_criteria(lua_State* L) {
  lua_pushcfunction(L, safe<ntm_criteria>);
  lua_setfield(L, -2, "criteria");
}

}  // namespace ntm::lua
