// ntm.province(name or code [, {date = "31/12/2024" | year = 2024}]) and the Province type.
//   local p = ntm.province("dien bien")       -- accents and case optional; on the map of the
//                                             -- run's date (--as-of, else 31/12 of --year, else today)
//   p.code, p.name, p.region, p.date, p.has_districts
//   p:districts(), p:district("Nậm Pồ"), p:communes{year = 2020, tag = "...", district = "..."},
//   p:commune("Nà Hỳ", {year = 2020}), p:tags(), p:years()
// A province handle is the province on one map; p:communes{year = Y} takes the communes of
// the map of year Y (31/12/Y), which may differ from the handle's.
#include <cstring>

#include "lua/handles.h"
#include "model/i18n.h"
#include "model/text.h"
#include "store/database.h"

namespace ntm::lua {

namespace {

int province_districts(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  const auto& districts = ref.province->districts();
  lua_createtable(L, static_cast<int>(districts.size()), 0);
  for (std::size_t i = 0; i < districts.size(); ++i) {
    push_district(L, ref.province, districts[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int province_district(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  const Unit& d = ref.province->district(luaL_checkstring(L, 2));
  push_district(L, ref.province, ref.province->index_of(d));
  return 1;
}

int province_communes(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  push_communes(L, *ref.province, 2, {});
  return 1;
}

// p:commune(name_or_code [, {year = Y}]) → one commune (any type: xã, phường, đặc khu) of the
// map of that year (of the handle's map without a year).
int province_commune(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  Context& ctx = context(L);
  std::string wanted = luaL_checkstring(L, 2);
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  lua_Integer year = opt_integer_field(L, 3, "year", 0);
  std::string set = opt_string_field(L, 3, "set");
  const Province* map = ref.province;
  const YearData* data = nullptr;
  if (year) {
    data = ctx.catalog.year(ref.province->id(), static_cast<int>(year), set).get();
    map = &data->province();
  }
  const Unit* found = map->find(wanted);
  if (!found && wanted.size() < 5 && wanted.find_first_not_of("0123456789") == std::string::npos)
    found = map->find(std::string(5 - wanted.size(), '0') + wanted);
  std::vector<std::string> names;
  if (!found) {
    std::string f = fold(wanted);
    for (const Unit& u : map->units()) {
      if (u.kind != "commune") continue;
      names.push_back(u.name);
      if (u.folded == f || fold(u.name_with_type) == f) {
        if (found) throw NotFound(tr("tên '", "the name '") + wanted + tr("' trùng nhiều xã; dùng mã xã", "' matches several communes; use the code"), {}, wanted);
        found = &u;
      }
    }
  }
  if (!found || found->kind != "commune") {
    auto near = closest(wanted, names, 3);
    std::string message = tr("tỉnh ", "province ") + map->unit().name + tr(" không có xã '", " has no commune '") + wanted +
                          tr("' trên bản đồ ngày ", "' on the map of ") + vn_date(map->date());
    throw NotFound(message + did_you_mean(near), near, wanted);
  }
  push_commune(L, map, map->index_of(*found), data);
  return 1;
}

// All tags used by units of the province, sorted.
int province_tags(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  std::vector<std::string> tags;
  for (const auto& u : ref.province->units())
    for (const auto& t : u.tags)
      if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  std::sort(tags.begin(), tags.end());
  push_strings(L, tags);
  return 1;
}

// Years with indicator values or assessed statuses for the province's communes, each year on
// its own map.
int province_years(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  const auto& years = context(L).catalog.years_with_data(ref.province->id());
  lua_createtable(L, static_cast<int>(years.size()), 0);
  for (std::size_t i = 0; i < years.size(); ++i) {
    lua_pushinteger(L, years[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int province_index(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  const char* key = luaL_checkstring(L, 2);
  if (lua_getfield(L, lua_upvalueindex(1), key) != LUA_TNIL) return 1;   // a method
  const Unit& u = ref.province->unit();
  if (!std::strcmp(key, "code")) lua_pushstring(L, u.code.c_str());
  else if (!std::strcmp(key, "name")) lua_pushstring(L, u.name.c_str());
  else if (!std::strcmp(key, "name_with_type")) lua_pushstring(L, u.name_with_type.c_str());
  else if (!std::strcmp(key, "type")) lua_pushstring(L, u.type.c_str());
  else if (!std::strcmp(key, "region")) lua_pushstring(L, u.region().c_str());
  else if (!std::strcmp(key, "kind")) lua_pushliteral(L, "province");
  else if (!std::strcmp(key, "date")) lua_pushstring(L, ref.province->date().c_str());
  else if (!std::strcmp(key, "has_districts")) lua_pushboolean(L, ref.province->has_districts());
  else if (push_unit_life(L, u, key)) return 1;
  else return luaL_error(L, "%s", (tr("tỉnh không có trường '", "a province has no field '") + key + "'").c_str());
  return 1;
}

int province_tostring(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  lua_pushstring(L, ref.province->unit().name_with_type.c_str());
  return 1;
}

int ntm_province(lua_State* L) {
  Context& ctx = context(L);
  std::string wanted = luaL_checkstring(L, 1);
  auto province = ctx.catalog.province(wanted, map_date_arg(L, 2));
  push_province(L, province.get());
  return 1;
}

// p:threshold(id, {set = "51-tinh", year = 2026}) → value, comparison, confirmed, source,
// applies_to: a province-level threshold (the conditions for a province to complete the task).
int province_threshold(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  std::string id = luaL_checkstring(L, 2);
  luaL_checktype(L, 3, LUA_TTABLE);
  std::string set_id = opt_string_field(L, 3, "set");
  lua_Integer year = opt_integer_field(L, 3, "year", 0);
  if (set_id.empty() || year <= 0)
    return luaL_error(L, "%s", tr("cần {set = BỘ, year = NĂM}", "needs {set = ID, year = Y}").c_str());
  auto set = context(L).catalog.criteria_set(set_id);
  int ind = set->indicator_index(id);
  if (ind < 0)
    return luaL_error(L, "%s", (tr("bộ tiêu chí ", "criteria set ") + set_id + tr(" không có chỉ tiêu '", " has no indicator '") + id + "'").c_str());
  const Threshold* t = set->threshold(static_cast<std::size_t>(ind), ref.province->units()[ref.index], ref.province->id(),
                                      static_cast<int>(year));
  if (!t) { lua_pushnil(L); return 1; }
  lua_pushnumber(L, t->value);
  lua_pushstring(L, set->indicators()[static_cast<std::size_t>(ind)].comparison.c_str());
  lua_pushboolean(L, t->confirmed);
  lua_pushstring(L, t->source.c_str());
  lua_pushstring(L, CriteriaSet::scope_text(*t).c_str());
  return 5;
}

const luaL_Reg province_methods[] = {{"districts", safe<province_districts>}, {"district", safe<province_district>},
                                     {"communes", safe<province_communes>},   {"commune", safe<province_commune>},
                                     {"tags", safe<province_tags>},           {"years", safe<province_years>},
                                     {"history", safe<unit_history>},         {"predecessors", safe<unit_predecessors>},
                                     {"successors", safe<unit_successors>},   {"threshold", safe<province_threshold>},
                                     {nullptr, nullptr}};

}  // namespace

void push_province(lua_State* L, const Province* province) {
  auto* ref = static_cast<UnitRef*>(lua_newuserdatauv(L, sizeof(UnitRef), 0));
  *ref = UnitRef{province, 0, nullptr};
  luaL_setmetatable(L, kProvinceType);
}

void open_province(lua_State* L) {
  // [ntm]
  define_type(L, kProvinceType, province_methods, safe<province_index>, safe<province_tostring>, province_record_methods);
  lua_pushcfunction(L, safe<ntm_province>);
  lua_setfield(L, -2, "province");
}

}  // namespace ntm::lua
