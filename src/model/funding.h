// Funding sources as a tree (central → investment → domestic, ...) with the names provinces
// print ("Vốn lồng ghép", "Ngân sách Trung ương", ...) as aliases, and funding amounts of a
// province summed by source over a year or a span of years, each year on its own map.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/units.h"

namespace ntm {

struct FundingSource {
  std::string code, parent, name;
  int sort = 0;
};

class FundingSources {
 public:
  explicit FundingSources(const store::Database& db);
  // The code of a source given by code, name or alias (accents and case optional). Throws
  // NotFound listing the known names.
  std::string code(const std::string& name_or_code) const;
  // The source's name ("Vốn lồng ghép các chương trình, dự án"), or the code when unknown.
  std::string name(const std::string& code) const;
  // In tree order (parents first, siblings in report order).
  const std::vector<FundingSource>& all() const { return sources_; }

 private:
  std::vector<FundingSource> sources_;
  std::map<std::string, std::string> by_key_;   // code, folded name, folded alias → code
};

// One line of funding: a source, a stage and the amount (million VND).
struct FundingAmount {
  std::string source, stage, component;   // component "" = the programme as a whole
  std::int64_t amount = 0;
};

// The funding recorded for a province's units (the province, its districts, communes and
// villages on the map of each year) in the years from..to, summed by source, stage and
// programme component.
std::vector<FundingAmount> province_funding(const store::Database& db, UnitId province, int from, int to);
// The same sums for one year, when `map` is the map of 31/12 of that year: the unit at
// `unit` in it and every unit under it, looked up by id (no walk of the unit tree in SQL).
std::vector<FundingAmount> unit_funding(const store::Database& db, const Province& map, std::size_t unit, int year);

}  // namespace ntm
