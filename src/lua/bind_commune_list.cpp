// CommuneList: what p:communes{...} returns. An array of communes that can be iterated
// directly (`for x in p:communes{year = 2020} do`) and asked questions:
//   list:count(), list:missing(17), list:meeting(17), list:filter(fn), list:names()
#include <algorithm>
#include <cstring>
#include <set>

#include "lua/handles.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::lua {

namespace {

char cursor_key;   // registry: weak table list → position of the last element returned

// Lists are tables with the CommuneList metatable; check that and return their elements.
std::vector<UnitRef> check_list(lua_State* L, int index) {
  index = lua_absindex(L, index);
  if (lua_type(L, index) != LUA_TTABLE || !lua_getmetatable(L, index))
    luaL_typeerror(L, index, kCommuneListType);
  luaL_getmetatable(L, kCommuneListType);
  bool same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  if (!same) luaL_typeerror(L, index, kCommuneListType);
  std::vector<UnitRef> out;
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, index, i);
    out.push_back(check_unit(L, -1, kCommuneType));
    lua_pop(L, 1);
  }
  return out;
}

int list_count(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(check_list(L, 1).size()));
  return 1;
}

int filter_by_criterion(lua_State* L, bool want_met) {
  auto list = check_list(L, 1);
  lua_Integer n = luaL_checkinteger(L, 2);
  std::vector<UnitRef> out;
  for (const auto& ref : list) {
    if (!ref.year) return luaL_error(L, "%s", tr("danh sách xã không kèm năm", "the commune list has no year").c_str());
    if (!ref.year->set().criterion(static_cast<int>(n)))
      return luaL_error(L, "%s", (tr("không có tiêu chí số ", "no criterion ") + std::to_string(n)).c_str());
    if (ref.year->status(ref.index, static_cast<int>(n)).met == want_met) out.push_back(ref);
  }
  push_commune_list(L, out);
  return 1;
}

int list_missing(lua_State* L) { return filter_by_criterion(L, false); }
int list_meeting(lua_State* L) { return filter_by_criterion(L, true); }

int list_filter(lua_State* L) {
  auto list = check_list(L, 1);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  std::vector<UnitRef> out;
  for (const auto& ref : list) {
    lua_pushvalue(L, 2);
    push_commune(L, ref.province, ref.index, ref.year);
    lua_call(L, 1, 1);
    if (lua_toboolean(L, -1)) out.push_back(ref);
    lua_pop(L, 1);
  }
  push_commune_list(L, out);
  return 1;
}

// without_data() → the communes with neither indicator values nor assessed statuses for the
// list's year; with_data() → the others.
int filter_by_data(lua_State* L, bool want_data) {
  std::vector<UnitRef> out;
  for (const auto& ref : check_list(L, 1)) {
    if (!ref.year) return luaL_error(L, "%s", tr("danh sách xã không kèm năm", "the commune list has no year").c_str());
    if (ref.year->unit_has_data(ref.index) == want_data) out.push_back(ref);
  }
  push_commune_list(L, out);
  return 1;
}

int list_with_data(lua_State* L) { return filter_by_data(L, true); }
int list_without_data(lua_State* L) { return filter_by_data(L, false); }

int list_names(lua_State* L) {
  std::vector<std::string> names;
  for (const auto& ref : check_list(L, 1)) names.push_back(ref.province->units()[ref.index].name);
  push_strings(L, names);
  return 1;
}

int list_codes(lua_State* L) {
  std::vector<std::string> codes;
  for (const auto& ref : check_list(L, 1)) codes.push_back(ref.province->units()[ref.index].code);
  push_strings(L, codes);
  return 1;
}

// __call(list, _, previous): the generic-for iterator. The position is kept per list in a
// weak registry table; if the loop variable is not the element at that position (nested
// loops over one list), the position is searched for.
int list_call(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushlightuserdata(L, &cursor_key);
  lua_rawget(L, LUA_REGISTRYINDEX);          // [list, s, prev, cursors]
  int cursors = lua_gettop(L);
  lua_Integer position = 0;
  if (!lua_isnoneornil(L, 3)) {
    lua_pushvalue(L, 1);
    lua_rawget(L, cursors);
    position = lua_tointeger(L, -1);
    lua_pop(L, 1);
    lua_rawgeti(L, 1, position);
    bool same = position > 0 && lua_rawequal(L, -1, 3);
    lua_pop(L, 1);
    if (!same) {
      position = 0;
      lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, 1));
      for (lua_Integer i = 1; i <= n && !position; ++i) {
        lua_rawgeti(L, 1, i);
        if (lua_rawequal(L, -1, 3)) position = i;
        lua_pop(L, 1);
      }
      if (!position) return 0;
    }
  }
  ++position;
  lua_pushvalue(L, 1);
  lua_pushinteger(L, position);
  lua_rawset(L, cursors);
  lua_rawgeti(L, 1, position);
  return 1;
}

const YearData& list_year(lua_State* L, const std::vector<UnitRef>& list) {
  if (list.empty() || !list[0].year)
    luaL_error(L, "%s", tr("danh sách xã rỗng hoặc không kèm năm", "the commune list is empty or has no year").c_str());
  return *list[0].year;
}

// map() → {date = "2020-12-31", province_code = "11", has_districts = true, note = "..."}: the
// map the list's year is reviewed on, and the sentence that says so.
int list_map(lua_State* L) {
  auto list = check_list(L, 1);
  const YearData& year = list_year(L, list);
  const Province& p = year.province();
  Context& ctx = context(L);
  lua_createtable(L, 0, 4);
  set_string_field(L, "date", p.date());
  set_string_field(L, "province_code", p.unit().code);
  set_boolean_field(L, "has_districts", p.has_districts());
  std::string note = tr("bản đồ hành chính ngày ", "the administrative map of ") + vn_date(p.date());
  if (ctx.catalog.as_of_given(year.year())) note += tr(" (chọn bằng --as-of)", " (chosen with --as-of)");
  else note += tr(" (mặc định: 31/12 của năm rà soát)", " (the default: 31/12 of the reviewed year)");
  if (p.date() < "2020-02-02")
    note += tr("; dữ liệu bản đồ bắt đầu từ 02/02/2020, nên dùng danh mục đơn vị của ngày đó cùng các đơn vị dữ liệu ghi thêm",
               "; the map data starts on 02/02/2020, so its units are used, with any units the data adds");
  if (!p.has_districts()) note += tr("; không có cấp huyện", "; no district level");
  set_string_field(L, "note", note);
  return 1;
}

// set_note() → "bộ tiêu chí 1980-xa (mặc định của năm 2020)": how the list's set was chosen.
int list_set_note(lua_State* L) {
  auto list = check_list(L, 1);
  const YearData& year = list_year(L, list);
  Context& ctx = context(L);
  SetChoice choice = ctx.catalog.set_for(year.province().id(), year.year());
  if (choice.id != year.set().id()) choice = SetChoice{year.set().id(), "given", true};
  lua_pushstring(L, set_choice_text(choice, year.year()).c_str());
  return 1;
}

// unconfirmed_thresholds() → { {indicator =, applies_to =, value =, source =}, ... }: the
// threshold rows the list's communes with values were judged by that no published source
// confirms, each once, in indicator order.
int list_unconfirmed(lua_State* L) {
  auto list = check_list(L, 1);
  const YearData& year = list_year(L, list);
  const CriteriaSet& set = year.set();
  // Communes with the same year data and the same classes have the same thresholds: one of
  // each, in the order of the list, gives the same thresholds in the same order.
  std::vector<const UnitRef*> judged;
  std::set<std::pair<const YearData*, std::uint32_t>> profiles;
  for (const auto& ref : list) {
    if (!ref.year || !ref.year->unit_has_values(ref.index)) continue;
    if (&ref.year->set() != &set || profiles.emplace(ref.year, ref.year->profile(ref.index)).second) judged.push_back(&ref);
  }
  std::vector<const Threshold*> seen;
  for (std::size_t ind = 0; ind < set.indicators().size(); ++ind)
    for (const UnitRef* ref : judged) {
      const Threshold* t = &ref->year->set() == &set
                               ? ref->year->threshold(ref->index, ind)
                               : set.threshold(ind, ref->province->units()[ref->index], ref->province->id(), ref->year->year());
      if (t && !t->confirmed && std::find(seen.begin(), seen.end(), t) == seen.end()) seen.push_back(t);
    }
  lua_createtable(L, static_cast<int>(seen.size()), 0);
  for (std::size_t i = 0; i < seen.size(); ++i) {
    lua_createtable(L, 0, 4);
    set_string_field(L, "indicator", seen[i]->indicator);
    set_string_field(L, "applies_to", CriteriaSet::scope_text(*seen[i]));
    set_number_field(L, "value", seen[i]->value);
    set_string_field(L, "source", seen[i]->source);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

const luaL_Reg list_methods[] = {{"count", safe<list_count>},   {"missing", safe<list_missing>},
                                 {"meeting", safe<list_meeting>}, {"filter", safe<list_filter>},
                                 {"names", safe<list_names>},   {"codes", safe<list_codes>},
                                 {"with_data", safe<list_with_data>}, {"without_data", safe<list_without_data>},
                                 {"map", safe<list_map>}, {"set_note", safe<list_set_note>},
                                 {"unconfirmed_thresholds", safe<list_unconfirmed>},
                                 {nullptr, nullptr}};

}  // namespace

void push_commune_list(lua_State* L, const std::vector<UnitRef>& communes) {
  lua_createtable(L, static_cast<int>(communes.size()), 0);
  for (std::size_t i = 0; i < communes.size(); ++i) {
    push_commune(L, communes[i].province, communes[i].index, communes[i].year);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  luaL_setmetatable(L, kCommuneListType);
}

void push_communes(lua_State* L, const Province& province, int opts, std::string district_code) {
  Context& ctx = context(L);
  if (!lua_isnoneornil(L, opts)) luaL_checktype(L, opts, LUA_TTABLE);
  lua_Integer year = opt_integer_field(L, opts, "year", 0);
  std::string tag = opt_string_field(L, opts, "tag");
  std::string district = opt_string_field(L, opts, "district");
  std::string set = opt_string_field(L, opts, "set");
  // The year's data lives on the year's map: 31/12 of the year (or --as-of for the
  // reviewed year). Without a year, the latest year with data.
  bool explicit_year = year != 0;
  if (!explicit_year) {
    const auto& years = ctx.catalog.years_with_data(province.id());
    if (!years.empty()) year = years.back();
  }
  const YearData* data = nullptr;
  const Province* map = &province;
  if (year != 0) {
    auto loaded = ctx.catalog.year(province.id(), static_cast<int>(year), set);
    if (explicit_year && !loaded->has_data()) {
      const auto& years = ctx.catalog.years_with_data(province.id());
      std::string list;
      for (int y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
      throw NotFound(tr("không có dữ liệu năm ", "no data for year ") + std::to_string(year) + tr(" của tỉnh ", " in province ") +
                         province.unit().name + tr(" theo bộ tiêu chí ", " under criteria set ") + loaded->set().id() +
                         (list.empty() ? tr("; chưa có năm nào có dữ liệu", "; no year has data")
                                       : tr("; các năm có dữ liệu: ", "; years with data: ") + list),
                     {}, std::to_string(year));
    }
    data = loaded.get();
    map = &data->province();
  }
  if (!district_code.empty() && map != &province) {
    // A district handle of another map: the same district on the year's map.
    const Unit* d = province.find(district_code);
    district = d ? d->name : district_code;
    district_code.clear();
  }
  if (!district.empty()) district_code = map->district(district).code;
  if (!tag.empty()) {
    std::vector<std::string> tags;
    bool found = false;
    for (const auto& u : map->units())
      for (const auto& t : u.tags) {
        if (t == tag || fold(t) == fold(tag)) { found = true; tag = t; }
        if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
      }
    if (!found) {
      sort_vietnamese(tags);
      std::string message = tr("tỉnh ", "province ") + map->unit().name + tr(" không có nhóm (tag) '", " has no tag '") + tag + "'";
      std::string list;
      for (const auto& t : tags) list += (list.empty() ? "" : ", ") + t;
      message += tags.empty() ? tr("; tỉnh chưa có nhóm nào", "; the province has no tags") : tr("; các nhóm có: ", "; its tags: ") + list;
      throw NotFound(message, tags, tag);
    }
  }
  std::vector<UnitRef> refs;
  for (std::size_t i : map->communes(district_code)) {
    const Unit& u = map->units()[i];
    if (!tag.empty() && std::find(u.tags.begin(), u.tags.end(), tag) == u.tags.end()) continue;
    refs.push_back({map, i, data});
  }
  push_commune_list(L, refs);
}

void open_commune_list(lua_State* L) {
  define_type(L, kCommuneListType, list_methods);
  luaL_getmetatable(L, kCommuneListType);
  lua_pushcfunction(L, safe<list_call>);
  lua_setfield(L, -2, "__call");
  lua_pop(L, 1);
  new_weak_registry_table(L, &cursor_key);
}

}  // namespace ntm::lua
