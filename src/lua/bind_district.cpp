// The District type: d.code, d.name, d.name_with_type, d.province, d:communes{year=, tag=}.
#include <cstring>

#include "lua/handles.h"
#include "model/i18n.h"

namespace ntm::lua {

namespace {

int district_communes(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kDistrictType);
  push_communes(L, *ref.province, 2, ref.province->units()[ref.index].code);
  return 1;
}

int district_index(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kDistrictType);
  const char* key = luaL_checkstring(L, 2);
  if (lua_getfield(L, lua_upvalueindex(1), key) != LUA_TNIL) return 1;
  const Unit& u = ref.province->units()[ref.index];
  if (!std::strcmp(key, "code")) lua_pushstring(L, u.code.c_str());
  else if (!std::strcmp(key, "name")) lua_pushstring(L, u.name.c_str());
  else if (!std::strcmp(key, "name_with_type")) lua_pushstring(L, u.name_with_type.c_str());
  else if (!std::strcmp(key, "type")) lua_pushstring(L, u.type.c_str());
  else if (!std::strcmp(key, "kind")) lua_pushliteral(L, "district");
  else if (!std::strcmp(key, "province")) push_province(L, ref.province);
  else if (push_unit_life(L, u, key)) return 1;
  else if (!std::strcmp(key, "recognition")) {
    static const char* grades[] = {"model", "advanced", "standard", "basic"};
    for (const char* g : grades)
      if (u.recognitions.count(g)) { lua_pushstring(L, g); return 1; }
    lua_pushnil(L);
  } else return luaL_error(L, "%s", (tr("huyện không có trường '", "a district has no field '") + key + "'").c_str());
  return 1;
}

int district_tostring(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kDistrictType);
  lua_pushstring(L, ref.province->units()[ref.index].name_with_type.c_str());
  return 1;
}

const luaL_Reg district_methods[] = {{"communes", safe<district_communes>},   {"history", safe<unit_history>},
                                     {"predecessors", safe<unit_predecessors>}, {"successors", safe<unit_successors>},
                                     {nullptr, nullptr}};

}  // namespace

void push_district(lua_State* L, const Province* province, std::size_t index) {
  auto* ref = static_cast<UnitRef*>(lua_newuserdatauv(L, sizeof(UnitRef), 0));
  *ref = UnitRef{province, index, nullptr};
  luaL_setmetatable(L, kDistrictType);
}

void open_district(lua_State* L) { define_type(L, kDistrictType, district_methods, safe<district_index>, safe<district_tostring>); }

}  // namespace ntm::lua
