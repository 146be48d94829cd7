// The map over time, for scripts:
//   u:history()       -- every period of a unit: {from, to, type, name, name_with_type, parent, parent_code, act}
//   u:predecessors()  -- the units it was formed from: {code, name_with_type, kind = "whole"|"part", date, act}
//   u:successors()    -- the units formed from it (same shape)
//   ntm.unit(code, {date = "31/12/2024" | year = 2024})   -- a unit of any map, as a handle
//   ntm.provinces{date = ...}                             -- the provinces of a map
//   ntm.commune(name_or_code, {year = 2020})              -- a commune anywhere on a map, and its province
//   ntm.map{date = ...}                                   -- counts of a map
// Dates are ISO text ("2025-07-01"); "" is an open end.
#include <algorithm>
#include <cstring>

#include "lua/handles.h"
#include "model/i18n.h"
#include "model/map.h"
#include "model/text.h"
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

// The ids of the provinces on the map of `date`, in code order: the periods without a parent
// (through the index unit_period_parent), not a walk of every unit.
std::vector<UnitId> provinces_on(const Catalog& catalog, const std::string& date) {
  auto stmt = catalog.db().prepare(R"(
    SELECT u.id FROM unit_period p CROSS JOIN unit u ON u.id = p.unit_id
    WHERE p.parent_id IS NULL AND u.kind = 'province' AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1
    ORDER BY u.code)");
  stmt.bind(1, date);
  std::vector<UnitId> ids;
  while (stmt.step()) ids.push_back(stmt.get_int(0));
  return ids;
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
  std::vector<UnitId> ids = provinces_on(ctx.catalog, date);
  lua_createtable(L, static_cast<int>(ids.size()), 0);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    push_province(L, ctx.catalog.province_at(ids[i], date).get());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

// ntm.commune(name_or_code, opts) → the commune of that code or name on the map of the date,
// in whichever province it is, and that province. For a script that is given a commune and no
// province (ntm report ho-so-xa): a name no commune has, or one that several communes share, is
// a failed lookup (NotFound), so a value from the command line is reported as a wrong argument.
int ntm_commune(lua_State* L) {
  Context& ctx = context(L);
  std::string wanted = luaL_checkstring(L, 1);
  std::string date = map_date_arg(L, 2);
  if (date.empty()) date = ctx.catalog.map_date(0);
  struct Match {
    std::shared_ptr<const Province> map;
    std::size_t index;
  };
  std::vector<Match> found;
  std::vector<std::string> names;
  bool plausible = wanted.size() <= kMaxNameBytes;
  std::string folded = plausible ? fold(wanted) : std::string();
  std::string code = wanted;
  if (!code.empty() && code.size() < 5 && code.find_first_not_of("0123456789") == std::string::npos)
    code = std::string(5 - code.size(), '0') + code;
  for (UnitId id : plausible ? provinces_on(ctx.catalog, date) : std::vector<UnitId>{}) {
    auto map = ctx.catalog.province_at(id, date);
    for (std::size_t i = 0; i < map->units().size(); ++i) {
      const Unit& u = map->units()[i];
      if (u.kind != "commune") continue;
      if (u.code == code || u.folded == folded || fold(u.name_with_type) == folded) found.push_back({map, i});
      else names.push_back(u.name);
    }
  }
  if (found.empty()) {
    auto near = closest(wanted, names, 3);
    throw NotFound(tr("không có xã '", "no commune '") + clip(wanted) + tr("' trên bản đồ ngày ", "' on the map of ") + vn_date(date) +
                       did_you_mean(near),
                   near, wanted);
  }
  if (found.size() > 1) {
    std::string list;
    constexpr std::size_t kShown = 8;   // "Tân Lập" names 26 communes
    for (std::size_t i = 0; i < std::min(found.size(), kShown); ++i) {
      const Unit& u = found[i].map->units()[found[i].index];
      list += (list.empty() ? "" : ", ") + u.name_with_type + " (" + u.code + ", " + found[i].map->unit().name + ")";
    }
    if (found.size() > kShown)
      list += tr(", … và ", ", … and ") + std::to_string(found.size() - kShown) + tr(" xã khác", " more");
    throw NotFound(std::to_string(found.size()) + tr(" xã tên '", " communes are named '") + clip(wanted) + "': " + list +
                       tr("; ghi mã xã hoặc thêm tỉnh", "; give the commune's code or its province"),
                   {}, wanted);
  }
  push_commune(L, found[0].map.get(), found[0].index, nullptr);
  push_province(L, found[0].map.get());
  return 2;
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
  lua_pushcfunction(L, safe<ntm_commune>);
  lua_setfield(L, -2, "commune");
}

}  // namespace ntm::lua
