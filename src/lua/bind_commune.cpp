// The Commune type: a commune of one map, with the data of one year.
//   x.code, x.name, x.district ("" on a map without districts), x.region, x.group, x.border,
//   x.classes, x.tags, x.year, x.recognition, x.valid_from, x.valid_to
//   x["17.3"]        -- indicator value (nil when missing)
//   x:met(17)        -- criterion met (from indicators, else the assessed status)
//   x:status(17)     -- met, "indicators" | "assessed" | "none"
//   x:count_met()    -- criteria met; x:has_data() -- values or assessed statuses this year
//   x:failing(17)    -- the indicators of criterion 17 that fail, and those with no threshold
//   x:values()       -- every indicator value of the year, by code
//   x:history(), x:predecessors(), x:successors()
#include <cstring>

#include "lua/handles.h"
#include "model/i18n.h"
#include "model/map.h"

namespace ntm::lua {

namespace {

const YearData& need_year(lua_State* L, const UnitRef& ref) {
  if (!ref.year)
    luaL_error(L, "%s", tr("xã này được lấy không kèm năm: dùng communes{year = ...}",
                           "this commune was taken without a year: use communes{year = ...}").c_str());
  return *ref.year;
}

int check_criterion(lua_State* L, const YearData& year, int index) {
  lua_Integer n = luaL_checkinteger(L, index);
  if (!year.set().criterion(static_cast<int>(n)))
    luaL_error(L, "%s", (tr("bộ tiêu chí ", "criteria set ") + year.set().id() + tr(" không có tiêu chí số ", " has no criterion ") +
                         std::to_string(n)).c_str());
  return static_cast<int>(n);
}

int commune_met(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const YearData& year = need_year(L, ref);
  lua_pushboolean(L, year.status(ref.index, check_criterion(L, year, 2)).met);
  return 1;
}

int commune_status(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const YearData& year = need_year(L, ref);
  CriterionStatus s = year.status(ref.index, check_criterion(L, year, 2));
  lua_pushboolean(L, s.met);
  lua_pushstring(L, to_string(s.source));
  return 2;
}

// assessed(n) → true/false, or nil when the office recorded no assessed status.
int commune_assessed(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const YearData& year = need_year(L, ref);
  int a = year.assessed(ref.index, check_criterion(L, year, 2));
  if (a < 0) lua_pushnil(L); else lua_pushboolean(L, a == 1);
  return 1;
}

int commune_count_met(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  lua_pushinteger(L, need_year(L, ref).count_met(ref.index));
  return 1;
}

// decision() → count, met, source, disagrees, no_threshold: every criterion decided at once
// (YearData::decide), masks as integers (bit n-1 for criterion n); nil for a set whose
// criteria are not numbered 1..64.
int commune_decision(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const YearData& year = need_year(L, ref);
  const Decision& d = year.decide(ref.index);
  if (!d.complete) {
    lua_pushnil(L);
    return 1;
  }
  lua_pushinteger(L, d.count);
  lua_pushinteger(L, static_cast<lua_Integer>(d.met));
  lua_pushstring(L, to_string(d.source));
  lua_pushinteger(L, static_cast<lua_Integer>(d.disagrees));
  lua_pushinteger(L, static_cast<lua_Integer>(d.no_threshold));
  // The numbers of the criteria met, in the set's order, in a table made at its size.
  lua_createtable(L, d.count, 0);
  lua_Integer n = 0;
  for (const auto& c : year.set().criteria())
    if (d.met >> (c.number - 1) & 1) {
      lua_pushinteger(L, c.number);
      lua_rawseti(L, -2, ++n);
    }
  return 6;
}

// values() → { ["17.3"] = 95.2, ... }: every indicator value of the commune's set in one
// table (missing values absent), for a script that reads them all.
int commune_values(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const YearData& year = need_year(L, ref);
  const auto& indicators = year.set().indicators();
  lua_createtable(L, 0, static_cast<int>(indicators.size()));
  if (!year.unit_has_values(ref.index)) return 1;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    double v = year.value(ref.index, i);
    if (std::isnan(v)) continue;
    lua_pushnumber(L, v);
    lua_setfield(L, -2, indicators[i].id.c_str());
  }
  return 1;
}

// gaps() → { "17.3", ... } the set's indicators without a value, and { "2.1", ... } those whose
// value lies outside the indicator's plausible range (its min and max; 0 or 1 for a "dat"
// indicator), both in the set's order; two empty lists for a commune without values.
int commune_gaps(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const YearData& year = need_year(L, ref);
  const auto& indicators = year.set().indicators();
  lua_newtable(L);
  lua_newtable(L);
  if (!year.unit_has_values(ref.index)) return 2;
  lua_Integer missing = 0, implausible = 0;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const Indicator& ind = indicators[i];
    double v = year.value(ref.index, i);
    bool out = !std::isnan(v) && (!ind.in_range(v) || (ind.unit == "dat" && v != 0 && v != 1));
    if (!std::isnan(v) && !out) continue;
    lua_pushstring(L, ind.id.c_str());
    lua_rawseti(L, out ? -2 : -3, out ? ++implausible : ++missing);
  }
  return 2;
}

int commune_has_data(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  lua_pushboolean(L, need_year(L, ref).unit_has_data(ref.index));
  return 1;
}

// failing(n) → { "17.1", ... } the failing indicators (value missing, not meeting its
// threshold, or without a threshold), and { "17.3", ... } those without a threshold. Empty
// for a criterion decided by an assessed status.
int commune_failing(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const YearData& year = need_year(L, ref);
  int n = check_criterion(L, year, 2);
  std::vector<std::string> failing, missing;
  if (year.unit_has_values(ref.index)) {
    std::vector<std::size_t> no_threshold;
    for (std::size_t ind : year.failing(ref.index, *year.set().criterion(n), &no_threshold))
      failing.push_back(year.set().indicators()[ind].id);
    for (std::size_t ind : no_threshold) missing.push_back(year.set().indicators()[ind].id);
  }
  push_strings(L, failing);
  push_strings(L, missing);
  return 2;
}

bool push_indicator_value(lua_State* L, const UnitRef& ref, const char* id) {
  const YearData& year = need_year(L, ref);
  int ind = year.set().indicator_index(id);
  if (ind < 0) return false;
  double v = year.value(ref.index, static_cast<std::size_t>(ind));
  if (std::isnan(v)) lua_pushnil(L); else lua_pushnumber(L, v);
  return true;
}

int commune_value(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const char* id = luaL_checkstring(L, 2);
  if (!push_indicator_value(L, ref, id))
    return luaL_error(L, "%s", (tr("bộ tiêu chí không có chỉ tiêu '", "the criteria set has no indicator '") + id + "'").c_str());
  return 1;
}

// threshold("17.3") → value, comparison, confirmed, source — or nil when the data has none.
int commune_threshold(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const YearData& year = need_year(L, ref);
  const char* id = luaL_checkstring(L, 2);
  int ind = year.set().indicator_index(id);
  if (ind < 0)
    return luaL_error(L, "%s", (tr("bộ tiêu chí không có chỉ tiêu '", "the criteria set has no indicator '") + id + "'").c_str());
  const Threshold* t = year.threshold(ref.index, static_cast<std::size_t>(ind));
  if (!t) { lua_pushnil(L); return 1; }
  lua_pushnumber(L, t->value);
  lua_pushstring(L, year.set().indicators()[static_cast<std::size_t>(ind)].comparison.c_str());
  lua_pushboolean(L, t->confirmed);
  lua_pushstring(L, t->source.c_str());
  lua_pushstring(L, CriteriaSet::scope_text(*t).c_str());
  return 5;
}

int commune_has_tag(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  std::string tag = luaL_checkstring(L, 2);
  const auto& tags = ref.province->units()[ref.index].tags;
  lua_pushboolean(L, std::find(tags.begin(), tags.end(), tag) != tags.end());
  return 1;
}

// recognised(grade) → year recognised, or nil.
int commune_recognised(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const auto& r = ref.province->units()[ref.index].recognitions;
  auto it = r.find(luaL_checkstring(L, 2));
  if (it == r.end()) lua_pushnil(L); else lua_pushinteger(L, it->second);
  return 1;
}

// The district of the commune on its map, else (on the map without districts) the district(s)
// its predecessors belonged to before 01/07/2025, joined by ", "; "" when neither is known.
std::string former_district(lua_State* L, const UnitRef& ref) {
  const Unit& u = ref.province->units()[ref.index];
  if (const Unit* d = ref.province->district_of(u)) return d->name;
  std::string out;
  for (const auto& name : former_districts(context(L).catalog.db(), u.id)) out += (out.empty() ? "" : ", ") + name;
  return out;
}

int commune_index(lua_State* L) {
  // A method (x:has_data(), x:decision(): most of what a review asks) is looked up with the
  // key as it is, a string already interned, before anything else.
  if (lua_type(L, 2) == LUA_TSTRING) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    lua_pop(L, 1);
  }
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  const char* key = luaL_checkstring(L, 2);
  // Indicator codes start with a digit ("17.3"), field and method names never do: a rule
  // reading every indicator of every commune skips the names below.
  if (ref.year && *key >= '0' && *key <= '9' && push_indicator_value(L, ref, key)) return 1;
  const Unit& u = ref.province->units()[ref.index];
  if (!std::strcmp(key, "code")) lua_pushstring(L, u.code.c_str());
  else if (!std::strcmp(key, "name")) lua_pushstring(L, u.name.c_str());
  else if (!std::strcmp(key, "name_with_type")) lua_pushstring(L, u.name_with_type.c_str());
  else if (!std::strcmp(key, "type")) lua_pushstring(L, u.type.c_str());
  else if (!std::strcmp(key, "kind")) lua_pushliteral(L, "commune");
  else if (!std::strcmp(key, "district") || !std::strcmp(key, "district_code")) {
    const Unit* district = ref.province->district_of(u);
    if (!district) lua_pushliteral(L, "");
    else lua_pushstring(L, (std::strcmp(key, "district") ? district->code : district->name).c_str());
  }
  else if (!std::strcmp(key, "former_district")) lua_pushstring(L, former_district(L, ref).c_str());
  else if (!std::strcmp(key, "province")) lua_pushstring(L, ref.province->unit().name.c_str());
  else if (!std::strcmp(key, "region")) lua_pushstring(L, u.region().c_str());
  else if (!std::strcmp(key, "extremely_difficult")) lua_pushboolean(L, u.flag("dbkk"));
  else if (!std::strcmp(key, "border")) lua_pushboolean(L, u.flag("bien-gioi"));
  else if (!std::strcmp(key, "mountainous")) lua_pushboolean(L, u.flag("mien-nui"));
  else if (!std::strcmp(key, "flags")) {
    lua_createtable(L, 0, 3);
    set_boolean_field(L, "extremely_difficult", u.flag("dbkk"));
    set_boolean_field(L, "border", u.flag("bien-gioi"));
    set_boolean_field(L, "mountainous", u.flag("mien-nui"));
  } else if (!std::strcmp(key, "tags")) push_strings(L, u.tags);
  else if (push_unit_life(L, u, key)) return 1;
  else if (!std::strcmp(key, "year")) {
    if (ref.year) lua_pushinteger(L, ref.year->year()); else lua_pushnil(L);
  } else if (!std::strcmp(key, "criteria_set")) {
    if (ref.year) lua_pushstring(L, ref.year->set().id().c_str()); else lua_pushnil(L);
  } else if (!std::strcmp(key, "recognition")) {
    static const char* grades[] = {"model", "advanced", "standard", "basic"};
    for (const char* g : grades)
      if (u.recognitions.count(g)) { lua_pushstring(L, g); return 1; }
    lua_pushnil(L);
  } else if (ref.year && push_indicator_value(L, ref, key)) {
    return 1;
  } else {
    return luaL_error(L, "%s", (tr("xã không có trường hay chỉ tiêu '", "a commune has no field or indicator '") + key + "'").c_str());
  }
  return 1;
}

int commune_tostring(lua_State* L) {
  UnitRef& ref = check_unit(L, 1, kCommuneType);
  lua_pushstring(L, ref.province->units()[ref.index].name_with_type.c_str());
  return 1;
}

int commune_eq(lua_State* L) {
  UnitRef* a = static_cast<UnitRef*>(test_userdata(L, 1, kCommuneType));
  UnitRef* b = static_cast<UnitRef*>(test_userdata(L, 2, kCommuneType));
  lua_pushboolean(L, a && b && a->province == b->province && a->index == b->index && a->year == b->year);
  return 1;
}

const luaL_Reg commune_methods[] = {
    {"met", safe<commune_met>},         {"status", safe<commune_status>},     {"assessed", safe<commune_assessed>},
    {"count_met", safe<commune_count_met>}, {"value", safe<commune_value>}, {"threshold", safe<commune_threshold>},
    {"has_tag", safe<commune_has_tag>}, {"recognised", safe<commune_recognised>}, {"has_data", safe<commune_has_data>},
    {"failing", safe<commune_failing>}, {"decision", safe<commune_decision>}, {"values", safe<commune_values>}, {"gaps", safe<commune_gaps>}, {"history", safe<unit_history>}, {"predecessors", safe<unit_predecessors>},
    {"successors", safe<unit_successors>}, {"funding", safe<unit_funding_rows>}, {nullptr, nullptr}};

}  // namespace

void push_commune(lua_State* L, const Province* province, std::size_t index, const YearData* year) {
  auto* ref = static_cast<UnitRef*>(lua_newuserdatauv(L, sizeof(UnitRef), 0));
  *ref = UnitRef{province, index, year};
  luaL_setmetatable(L, kCommuneType);
}

UnitRef& check_unit(lua_State* L, int index, const char* type) {
  return *static_cast<UnitRef*>(check_userdata(L, index, type));
}

UnitRef* test_any_unit(lua_State* L, int index) {
  for (const char* type : {kCommuneType, kDistrictType, kProvinceType})
    if (auto* ref = static_cast<UnitRef*>(test_userdata(L, index, type))) return ref;
  return nullptr;
}

void open_commune(lua_State* L) {
  define_type(L, kCommuneType, commune_methods, safe<commune_index>, safe<commune_tostring>);
  luaL_getmetatable(L, kCommuneType);
  lua_pushcfunction(L, safe<commune_eq>);
  lua_setfield(L, -2, "__eq");
  lua_pop(L, 1);
}

}  // namespace ntm::lua
