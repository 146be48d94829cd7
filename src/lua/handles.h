// Light handles that scripts hold on model objects. They point into objects owned by the
// run's Catalog, which outlives the lua_State, so a handle is never stale within a run
// and cannot cross runs (each run has a fresh state).
#pragma once

#include <cstddef>
#include <vector>

#include "lua/binding.h"
#include "model/criteria.h"
#include "model/map.h"

namespace ntm::lua {

constexpr const char* kProvinceType = "ntm.Province";
constexpr const char* kDistrictType = "ntm.District";
constexpr const char* kCommuneType = "ntm.Commune";
constexpr const char* kCommuneListType = "ntm.CommuneList";

struct UnitRef {
  const Province* province;
  std::size_t index;          // into province->units()
  const YearData* year;       // the year data of communes; nullptr for provinces/districts
};

void push_province(lua_State* L, const Province* province);
void push_district(lua_State* L, const Province* province, std::size_t index);
void push_commune(lua_State* L, const Province* province, std::size_t index, const YearData* year);
// Pushes a CommuneList (an array of communes with list methods).
void push_commune_list(lua_State* L, const std::vector<UnitRef>& communes);

UnitRef& check_unit(lua_State* L, int index, const char* type);
// Any unit handle (province, district, commune) or nullptr.
UnitRef* test_any_unit(lua_State* L, int index);

// Reads {year=, tag=, district=, set=} at `opts` and pushes the communes of the province on
// the map of that year (or of one district when `district_code` is given) as a CommuneList.
void push_communes(lua_State* L, const Province& province, int opts, std::string district_code);

// The map date asked for by an options table {date = "31/12/2024" | "2024-12-31", year = 2024}
// at `opts` (the run's default when absent): ISO text. Raises a Lua error on a bad date.
std::string map_date_arg(lua_State* L, int opts);

// Fields every unit handle has besides its own: valid_from, valid_to ("" when open), act,
// classes (a table), group (the 'nhom' class). Pushes and returns true when `key` is one.
bool push_unit_life(lua_State* L, const Unit& u, const char* key);

// Methods every unit handle has (bind_unit_history.cpp): u:history(), u:predecessors(),
// u:successors(); and ntm.unit, ntm.provinces, ntm.map (open_unit_history).
int unit_history(lua_State* L);
int unit_predecessors(lua_State* L);
int unit_successors(lua_State* L);
void open_unit_history(lua_State* L);

}  // namespace ntm::lua
