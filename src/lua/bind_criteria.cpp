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

int ntm_criteria(lua_State* L) {
  Context& ctx = context(L);
  std::string id;
  if (lua_type(L, 1) == LUA_TNUMBER) {
    std::string grade = luaL_optstring(L, 2, "standard");
    int year = static_cast<int>(luaL_checkinteger(L, 1));
    // The run's --set answers for the standard commune set, as everywhere else in the run.
    id = grade == "standard" && !ctx.catalog.given_set().empty() ? ctx.catalog.given_set()
                                                                 : set_for_year(ctx.catalog.db(), year, "commune", grade);
  } else {
    id = luaL_checkstring(L, 1);
  }
  auto set = ctx.catalog.criteria_set(id);
  lua_createtable(L, 0, 10);
  set_string_field(L, "id", set->id());
  set_string_field(L, "name", set->name());
  set_string_field(L, "legal_basis", set->legal_basis());
  set_string_field(L, "grade", set->grade());
  set_string_field(L, "level", set->level());
  set_integer_field(L, "valid_from", set->valid_from());
  set_integer_field(L, "valid_to", set->valid_to());
  const auto& indicators = set->indicators();
  lua_createtable(L, static_cast<int>(set->criteria().size()), 0);
  lua_Integer n = 0;
  for (const auto& c : set->criteria()) {
    lua_createtable(L, 0, 4);
    set_integer_field(L, "number", c.number);
    set_string_field(L, "name", c.name);
    set_string_field(L, "group", c.group);
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
    set_string_field(L, "id", ind.id);
    set_integer_field(L, "criterion", ind.criterion);
    set_string_field(L, "name", ind.name);
    set_string_field(L, "unit", ind.unit);
    set_string_field(L, "comparison", ind.comparison);
    if (!std::isnan(ind.min_value)) set_number_field(L, "min", ind.min_value);
    if (!std::isnan(ind.max_value)) set_number_field(L, "max", ind.max_value);
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
