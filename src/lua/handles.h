// Light handles that scripts hold on model objects. They point into objects owned by the
// run's Catalog, which outlives the lua_State, so a handle is never stale within a run
// and cannot cross runs (each run has a fresh state).
#pragma once

#include <cstddef>
#include <vector>

#include "lua/binding.h"
#include "model/criteria.h"

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

// Reads {year=, tag=, district=, set=} at `opts` and pushes the communes of the province
// (or of one district when `district_code` is given) as a CommuneList.
void push_communes(lua_State* L, const Province& province, int opts, std::string district_code);

}  // namespace ntm::lua
