// `ntm map`: the administrative map of a date (counts, a province's units), the history of a
// code (every unit that carried it, its periods, what it was formed from and what it became),
// and the changes between two dates.
#pragma once

#include <string>
#include <vector>

#include "model/map.h"
#include "store/database.h"

namespace ntm::app {

struct MapSummary {
  std::string date;
  UnitLabel province;                  // empty code for the whole country
  MapCounts counts;
  std::vector<Unit> units;             // the province's districts and communes, when listed
};
// Counts of the map of `date` (ISO), of the country or of one province (by name or code on that
// map); with `list`, the province's units too. Throws NotFound.
MapSummary map_summary(const store::Database& db, const std::string& date, const std::string& province, bool list);

struct CodeIdentity {
  UnitLabel label;
  std::string kind;
  std::vector<UnitPeriod> periods;
  std::vector<Succession> predecessors, successors;
  std::vector<std::string> unresolved;   // names of the legal text not resolved to a unit
};
// Every unit that carried `code`, oldest first (empty when the code was never used).
std::vector<CodeIdentity> code_history(const store::Database& db, const std::string& code);

struct MapChange {
  std::string date;                    // effective date
  std::string what;                    // mới | kết thúc | đổi tên | đổi loại | chuyển cấp trên (joined by ", ")
  std::string kind, code, name;        // the unit (its name after the change, or before an ending)
  std::string detail;                  // before → after, predecessors or successors
  std::string act;
};
// What changed on the map between `from` and `to` (ISO, inclusive), of the country or of one
// province (units under it the day before or on the day of the change).
std::vector<MapChange> map_changes(const store::Database& db, const std::string& from, const std::string& to,
                                   const std::string& province);

}  // namespace ntm::app
