// The map over time, for scripts:
//   u:history()       -- every period of a unit: {from, to, type, name, name_with_type, parent, parent_code, act}
//   u:predecessors()  -- the units it was formed from: {code, name_with_type, kind = "whole"|"part", date, act}
//   u:successors()    -- the units formed from it (same shape)
//   ntm.unit(code, {date = "31/12/2024" | year = 2024})   -- a unit of any map, as a handle
//   ntm.provinces{date = ...}                             -- the provinces of a map
//   ntm.map{date = ...}                                   -- counts of a map
// Dates are ISO text ("2025-07-01"); "" is an open end.
#include <cstring>

#include "lua/handles.h"
#include "model/i18n.h"
#include "model/map.h"
#include "store/database.h"

namespace ntm::lua {

namespace {

const Unit& unit_of(lua_State* L, int index) {
  UnitRef* ref = test_any_unit(L, index);
  if (!ref) luaL_typeerror(L, index, tr("tỉnh, huyện hoặc xã", "a province, district or commune").c_str());
  return ref->province->units()[ref->index];
}

void push_successions(lua_State* L, const std::vector<Succession>& list) {
  lua_createtable(L, static_cast<int>(list.size()), 0);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& s = list[i];
    lua_createtable(L, 0, 5);
    set_string_field(L, "code", s.code);
    set_string_field(L, "name_with_type", s.name_with_type);
    set_string_field(L, "kind", s.kind);
    set_string_field(L, "date", s.date);
    set_string_field(L, "act", s.act);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

// ntm.unit(code, opts) → the unit carrying `code` on the map of the date, as a province,
// district or commune handle (without year data).
int ntm_unit(lua_State* L) {
  Context& ctx = context(L);
  std::string code = luaL_checkstring(L, 1);
  std::string date = map_date_arg(L, 2);
  if (date.empty()) date = ctx.catalog.map_date(0);
  const store::Database& db = ctx.catalog.db();
  UnitId id = unit_at(db, code, date);
  if (!id) {
    std::string why = code_elsewhere(db, code, date);
    throw NotFound(tr("không có đơn vị mã ", "no unit with code ") + code + tr(" trên bản đồ ngày ", " on the map of ") + vn_date(date) +
                       (why.empty() ? std::string() : ": " + why),
                   {}, code);
  }
  UnitId province = province_of(db, id, date);
  auto map = ctx.catalog.province_at(province, date);
  const Unit* u = map->find_id(id);
  if (!u) throw NotFound(tr("không có đơn vị mã ", "no unit with code ") + code, {}, code);
  std::size_t index = map->index_of(*u);
  if (u->kind == "province") push_province(L, map.get());
  else if (u->kind == "district") push_district(L, map.get(), index);
  else push_commune(L, map.get(), index, nullptr);
  return 1;
}

int ntm_provinces(lua_State* L) {
  Context& ctx = context(L);
  std::string date = map_date_arg(L, 1);
  if (date.empty()) date = ctx.catalog.map_date(0);
  auto stmt = ctx.catalog.db().prepare(R"(
    SELECT u.id FROM unit u JOIN unit_period p ON p.unit_id = u.id
    WHERE u.kind = 'province' AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1 ORDER BY u.code)");
  stmt.bind(1, date);
  std::vector<UnitId> ids;
  while (stmt.step()) ids.push_back(stmt.get_int(0));
  lua_createtable(L, static_cast<int>(ids.size()), 0);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    push_province(L, ctx.catalog.province_at(ids[i], date).get());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int ntm_map(lua_State* L) {
  Context& ctx = context(L);
  std::string date = map_date_arg(L, 1);
  if (date.empty()) date = ctx.catalog.map_date(0);
  MapCounts counts = map_counts(ctx.catalog.db(), date);
  lua_createtable(L, 0, 6);
  set_string_field(L, "date", date);
  for (const char* kind : {"province", "district", "commune", "village"}) {
    auto it = counts.by_kind.find(kind);
    set_integer_field(L, (std::string(kind) + "s").c_str(), it == counts.by_kind.end() ? 0 : it->second);
  }
  lua_newtable(L);
  for (const auto& [kind, types] : counts.by_type)
    for (const auto& [type, n] : types) set_integer_field(L, type.c_str(), n);
  lua_setfield(L, -2, "by_type");
  return 1;
}

}  // namespace

int unit_history(lua_State* L) {
  const Unit& u = unit_of(L, 1);
  auto periods = ntm::unit_history(context(L).catalog.db(), u.id);
  lua_createtable(L, static_cast<int>(periods.size()), 0);
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& p = periods[i];
    lua_createtable(L, 0, 8);
    set_string_field(L, "from", p.valid_from);
    set_string_field(L, "to", p.valid_to);
    set_string_field(L, "type", p.type);
    set_string_field(L, "name", p.name);
    set_string_field(L, "name_with_type", p.name_with_type);
    set_string_field(L, "parent_code", p.parent_code);
    set_string_field(L, "parent", p.parent_name);
    set_string_field(L, "act", p.act);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int unit_predecessors(lua_State* L) {
  push_successions(L, predecessors(context(L).catalog.db(), unit_of(L, 1).id));
  return 1;
}

int unit_successors(lua_State* L) {
  push_successions(L, successors(context(L).catalog.db(), unit_of(L, 1).id));
  return 1;
}

std::string map_date_arg(lua_State* L, int opts) {
  if (lua_isnoneornil(L, opts)) return {};
  luaL_checktype(L, opts, LUA_TTABLE);
  std::string date = opt_string_field(L, opts, "date");
  lua_Integer year = opt_integer_field(L, opts, "year", 0);
  if (!date.empty()) {
    auto iso = parse_iso_date(date);
    if (!iso) luaL_error(L, "%s", (tr("ngày '", "date '") + date + tr("' không hợp lệ (viết 31/12/2024)", "' is not valid (write 31/12/2024)")).c_str());
    return *iso;
  }
  if (year) return context(L).catalog.map_date(static_cast<int>(year));
  return {};
}

bool push_unit_life(lua_State* L, const Unit& u, const char* key) {
  if (!std::strcmp(key, "valid_from")) lua_pushstring(L, u.valid_from.c_str());
  else if (!std::strcmp(key, "valid_to")) lua_pushstring(L, u.valid_to.c_str());
  else if (!std::strcmp(key, "act")) lua_pushstring(L, u.act.c_str());
  else if (!std::strcmp(key, "group")) {
    std::string g = u.klass("nhom");
    if (g.empty()) lua_pushnil(L); else lua_pushstring(L, g.c_str());
  } else if (!std::strcmp(key, "classes")) {
    lua_createtable(L, 0, static_cast<int>(u.classes.size()));
    for (const auto& [k, v] : u.classes) set_string_field(L, k.c_str(), v);
  } else {
    return false;
  }
  return true;
}

void open_unit_history(lua_State* L) {
  // [ntm]
  lua_pushcfunction(L, safe<ntm_unit>);
  lua_setfield(L, -2, "unit");
  lua_pushcfunction(L, safe<ntm_provinces>);
  lua_setfield(L, -2, "provinces");
  lua_pushcfunction(L, safe<ntm_map>);
  lua_setfield(L, -2, "map");
}

}  // namespace ntm::lua
