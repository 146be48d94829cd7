// What a province records besides criteria, read through its handle (no SQL in scripts):
//   p:funding{year = 2020 | from = 2016, to = 2020}  -- {{source, name, parent, stage, component, amount}, ...}
//   ntm.funding_sources()                             -- the source tree: {{code, parent, name, sort}, ...}
//   p:statistics(2020)                                -- {["funding.total"] = {value, as_printed, source}, ...}
//   p:targets{year = 2025 | from =, to =}             -- {{key, year, value, note, plan_year}, ...}
//   p:recognitions{year = 2020}                       -- {{kind, code, name, name_with_type, district, grade, year, decision, date}, ...}
//   p:ocop{year = 2020 | from =, to =}                -- {{id, name, producer, producer_kind, group, stars, score, year, code, unit}, ...}
// Each row belongs to a unit of the province on the map of the row's year.
#include "lua/handles.h"
#include "model/funding.h"
#include "model/i18n.h"
#include "model/records.h"

namespace ntm::lua {

namespace {

// The years an options table asks for: {year = Y} is Y..Y (or 1990..Y with `up_to`),
// {from = A, to = B} is A..B.
std::pair<int, int> span(lua_State* L, int opts, bool up_to) {
  luaL_checktype(L, opts, LUA_TTABLE);
  lua_Integer year = opt_integer_field(L, opts, "year", 0);
  lua_Integer from = opt_integer_field(L, opts, "from", 0), to = opt_integer_field(L, opts, "to", 0);
  if (year) return {up_to ? 1990 : static_cast<int>(year), static_cast<int>(year)};
  if (!from || !to || from > to)
    luaL_error(L, "%s", tr("cần {year = NĂM} hoặc {from = NĂM, to = NĂM}", "needs {year = Y} or {from = Y1, to = Y2}").c_str());
  return {static_cast<int>(from), static_cast<int>(to)};
}

}  // namespace

int unit_funding_rows(lua_State* L) {
  UnitRef* ref = test_any_unit(L, 1);
  if (!ref) luaL_typeerror(L, 1, tr("tỉnh, huyện hoặc xã", "a province, district or commune").c_str());
  UnitId unit = ref->province->units()[ref->index].id;
  auto [from, to] = span(L, 2, false);
  const auto& db = context(L).catalog.db();
  const FundingSources& sources = context(L).catalog.funding_sources();
  std::map<std::string, std::string> parent;
  for (const auto& s : sources.all()) parent[s.code] = s.parent;
  // One year on the map the unit was loaded on (the usual case: its units are at hand), else
  // each year's rows on that year's map.
  auto rows = from == to && ref->province->date() == year_end(from) ? unit_funding(db, *ref->province, ref->index, from)
                                                                    : province_funding(db, unit, from, to);
  lua_createtable(L, static_cast<int>(rows.size()), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    lua_createtable(L, 0, 6);
    set_string_field(L, "source", rows[i].source);
    set_string_field(L, "name", sources.name(rows[i].source));
    set_string_field(L, "parent", parent[rows[i].source]);
    set_string_field(L, "stage", rows[i].stage);
    set_string_field(L, "component", rows[i].component);
    set_integer_field(L, "amount", rows[i].amount);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

namespace {

int ntm_funding_sources(lua_State* L) {
  const auto& all = context(L).catalog.funding_sources().all();
  lua_createtable(L, static_cast<int>(all.size()), 0);
  for (std::size_t i = 0; i < all.size(); ++i) {
    lua_createtable(L, 0, 4);
    set_string_field(L, "code", all[i].code);
    if (!all[i].parent.empty()) set_string_field(L, "parent", all[i].parent);
    set_string_field(L, "name", all[i].name);
    set_integer_field(L, "sort", all[i].sort);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int province_statistics_rows(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  int year = static_cast<int>(luaL_checkinteger(L, 2));
  auto rows = province_statistics(context(L).catalog.db(), ref.province->id(), year);
  lua_createtable(L, 0, static_cast<int>(rows.size()));
  for (const auto& [key, s] : rows) {
    lua_createtable(L, 0, 3);
    if (s.value) set_number_field(L, "value", *s.value);
    if (!s.as_printed.empty()) set_string_field(L, "as_printed", s.as_printed);
    if (!s.source.empty()) set_string_field(L, "source", s.source);
    lua_setfield(L, -2, key.c_str());
  }
  return 1;
}

int province_targets_rows(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  auto [from, to] = span(L, 2, false);
  auto rows = province_targets(context(L).catalog.db(), ref.province->id(), from, to);
  lua_createtable(L, static_cast<int>(rows.size()), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    lua_createtable(L, 0, 5);
    set_string_field(L, "key", rows[i].key);
    set_integer_field(L, "year", rows[i].year);
    set_number_field(L, "value", rows[i].value);
    if (!rows[i].note.empty()) set_string_field(L, "note", rows[i].note);
    if (rows[i].plan_year) set_integer_field(L, "plan_year", rows[i].plan_year);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int province_recognitions_rows(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  Context& ctx = context(L);
  int year = static_cast<int>(opt_integer_field(L, 2, "year", 0));
  if (!year) return luaL_error(L, "%s", tr("cần {year = NĂM}", "needs {year = Y}").c_str());
  auto map = ctx.catalog.province_at(ref.province->id(), ctx.catalog.map_date(year), year);
  auto rows = province_recognitions(ctx.catalog.db(), *map, year);
  lua_createtable(L, static_cast<int>(rows.size()), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    lua_createtable(L, 0, 9);
    set_string_field(L, "kind", r.kind);
    set_string_field(L, "code", r.code);
    set_string_field(L, "name", r.name);
    set_string_field(L, "name_with_type", r.name_with_type);
    set_string_field(L, "district", r.district);
    set_string_field(L, "grade", r.grade);
    set_integer_field(L, "year", r.year);
    set_string_field(L, "decision", r.decision);
    set_string_field(L, "date", r.date);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int province_ocop_rows(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kProvinceType);
  auto [from, to] = span(L, 2, true);
  auto rows = province_ocop(context(L).catalog.db(), ref.province->id(), from, to);
  lua_createtable(L, static_cast<int>(rows.size()), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& p = rows[i];
    lua_createtable(L, 0, 12);
    set_integer_field(L, "id", p.id);
    set_string_field(L, "name", p.name);
    set_string_field(L, "producer", p.producer);
    set_string_field(L, "producer_kind", p.producer_kind);
    set_string_field(L, "group", p.group);
    set_integer_field(L, "stars", p.stars);
    if (p.score) set_integer_field(L, "score", *p.score);
    set_integer_field(L, "year", p.year);
    set_string_field(L, "code", p.code);
    set_string_field(L, "unit", p.unit_name);
    if (!p.certified.empty()) set_string_field(L, "certified", p.certified);
    if (!p.decision.empty()) set_string_field(L, "decision", p.decision);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

}  // namespace

const luaL_Reg province_record_methods[] = {
    {"funding", safe<unit_funding_rows>},     {"statistics", safe<province_statistics_rows>},
    {"targets", safe<province_targets_rows>},     {"recognitions", safe<province_recognitions_rows>},
    {"ocop", safe<province_ocop_rows>},           {nullptr, nullptr}};

void open_records(lua_State* L) {
  // [ntm]
  lua_pushcfunction(L, safe<ntm_funding_sources>);
  lua_setfield(L, -2, "funding_sources");
}

}  // namespace ntm::lua
