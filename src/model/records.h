// What a province records besides criteria: printed statistics, targets, recognitions and
// OCOP products. Each row belongs to a unit identity; a province's rows are those of its units
// on the map of the row's year (so a year before a merger counts the communes of its own map).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/units.h"

namespace ntm {

struct Statistic {
  std::optional<double> value;
  std::string as_printed, source;
};

struct Target {
  std::string key;
  int year = 0;               // the year the target is for
  double value = 0;
  std::string note;
  int plan_year = 0;          // the year the plan was made (0: not recorded)
};

struct Recognition {
  std::string kind, code, name, name_with_type, district;   // district: name on the map, or ""
  std::string grade, decision, date;
  int year = 0;
};

struct OcopProduct {
  std::int64_t id = 0;
  std::string name, producer, producer_kind, group, code, unit_name, certified, expires, decision;
  int stars = 0, year = 0;
  std::optional<int> score;
};

// Statistics of the province unit itself for a year, by key.
std::map<std::string, Statistic> province_statistics(const store::Database& db, UnitId province, int year);
// Targets of the province unit for the years from..to (by the year they are for), by year and key.
std::vector<Target> province_targets(const store::Database& db, UnitId province, int from, int to);
// Recognitions up to `year` of the units of the province's map of that year, not revoked by
// the map date, ordered by year and code.
std::vector<Recognition> province_recognitions(const store::Database& db, const Province& map, int year);
// OCOP products rated from..to whose unit was in the province in the year rated (each year on
// its own map), by id.
std::vector<OcopProduct> province_ocop(const store::Database& db, UnitId province, int from, int to);

}  // namespace ntm
