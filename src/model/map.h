// The map over time: what a unit was in each period, what it was formed from and what it
// became, the units of any date, and the sentences that say so when a code is used at a date
// where it means nothing (or something else).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/units.h"

namespace ntm {

// One period of a unit: what it was between two dates ("" = open).
struct UnitPeriod {
  std::string valid_from, valid_to;
  std::string type, name, name_with_type;
  UnitId parent_id = 0;
  std::string parent_code, parent_name;
  std::string act;
};

// A succession seen from one side: the other unit, whole or part, the effective date, the act.
struct Succession {
  UnitId id = 0;
  std::string code, name_with_type, kind, date, act;
};

// Every period of a unit, oldest first.
std::vector<UnitPeriod> unit_history(const store::Database& db, UnitId id);
// The units `id` was formed from, and the units formed from it, by code.
std::vector<Succession> predecessors(const store::Database& db, UnitId id);
std::vector<Succession> successors(const store::Database& db, UnitId id);

// "từ 01/07/2025", "đến 30/06/2025", "từ 01/11/2021 đến 30/06/2025": the life of a unit.
std::string life_text(const UnitLabel& label);
// "; đơn vị kế thừa: Tỉnh Bắc Ninh (24) từ 01/07/2025" — or "; không rõ đơn vị kế thừa"
// for a unit that ended with no recorded successor, or "" for a unit still in force.
std::string successor_text(const store::Database& db, UnitId id);

// Every identity that ever carried `code`, oldest first.
std::vector<UnitId> units_with_code(const store::Database& db, const std::string& code);
// The unit carrying `code` on the map of `date`, or 0.
UnitId unit_at(const store::Database& db, const std::string& code, const std::string& date);
// Why `code` names no unit of `kind_word` on the map of `date`: "mã 03163 (Xã Nà Hỳ) chỉ có
// đến 30/06/2025; đơn vị kế thừa: Xã Nà Hỳ (03169) từ 01/07/2025" — or "" when the code was
// never used.
std::string code_elsewhere(const store::Database& db, const std::string& code, const std::string& date);
// The province the unit belongs to on the map of `date` (0 when the unit is not on it).
UnitId province_of(const store::Database& db, UnitId id, const std::string& date);

// The districts a unit's predecessors belonged to the day before they were merged into it
// (for continuity across 01/07/2025, when districts were abolished), most common first.
std::vector<std::string> former_districts(const store::Database& db, UnitId id);

// Counts of the map of a date (of one province when `province` is not 0).
struct MapCounts {
  std::string date;
  std::map<std::string, int> by_kind;                      // province, district, commune, village
  std::map<std::string, std::map<std::string, int>> by_type;   // kind → type → count
};
MapCounts map_counts(const store::Database& db, const std::string& date, UnitId province = 0);

// The dates at which the map changed (a period opened or closed), ascending.
std::vector<std::string> map_change_dates(const store::Database& db);

}  // namespace ntm
