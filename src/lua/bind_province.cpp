// ntm.province(name or code) and the Province type.
//   local p = ntm.province("dien bien")       -- accents and case optional
//   p.code, p.name, p.region
//   p:districts(), p:district("Nậm Pồ"), p:communes{year = 2020, tag = "...", district = "..."}
#include <cstring>

#include "lua/handles.h"
#include "model/i18n.h"
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
  push_district(L, ref.province, static_cast<std::size_t>(&d - ref.province->units().data()));
  return 1;
}

int province_communes(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  push_communes(L, *ref.province, 2, {});
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

// Years with indicator values or statuses for the province's communes.
int province_years(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  Context& ctx = context(L);
  auto stmt = ctx.catalog.db().prepare(R"(
    SELECT DISTINCT year FROM (
      SELECT year FROM indicator_value WHERE unit_code IN
        (SELECT c.code FROM unit c JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1)
      UNION SELECT year FROM criterion_status WHERE unit_code IN
        (SELECT c.code FROM unit c JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1))
    ORDER BY year)");
  stmt.bind(1, ref.province->unit().code);
  lua_newtable(L);
  lua_Integer i = 0;
  while (stmt.step()) {
    lua_pushinteger(L, stmt.get_int(0));
    lua_rawseti(L, -2, ++i);
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
  else if (!std::strcmp(key, "region")) lua_pushstring(L, u.region.c_str());
  else if (!std::strcmp(key, "kind")) lua_pushliteral(L, "province");
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
  auto province = ctx.catalog.province(wanted);
  push_province(L, province.get());
  return 1;
}

const luaL_Reg province_methods[] = {{"districts", safe<province_districts>}, {"district", safe<province_district>},
                                     {"communes", safe<province_communes>},   {"tags", safe<province_tags>},
                                     {"years", safe<province_years>},         {nullptr, nullptr}};

}  // namespace

void push_province(lua_State* L, const Province* province) {
  auto* ref = static_cast<UnitRef*>(lua_newuserdatauv(L, sizeof(UnitRef), 0));
  *ref = UnitRef{province, 0, nullptr};
  luaL_setmetatable(L, kProvinceType);
}

void open_province(lua_State* L) {
  // [ntm]
  define_type(L, kProvinceType, province_methods, safe<province_index>, safe<province_tostring>);
  lua_pushcfunction(L, safe<ntm_province>);
  lua_setfield(L, -2, "province");
}

}  // namespace ntm::lua
