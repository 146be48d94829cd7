// The model's entry point for one run: loads provinces, criteria sets and province-years
// from the store on first use and keeps them for the rest of the run.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/criteria.h"
#include "model/units.h"

namespace ntm {

class Catalog {
 public:
  explicit Catalog(const store::Database& db) : db_(db) {}

  const store::Database& db() const { return db_; }
  // By code or name (accents optional). Throws NotFound with suggestions.
  std::shared_ptr<const Province> province(const std::string& name_or_code);
  std::shared_ptr<const CriteriaSet> criteria_set(const std::string& id);
  // The set for a year when `set_id` is empty.
  std::shared_ptr<const YearData> year(const std::string& province_code, int year, const std::string& set_id = {});
  // The latest year with indicator values or statuses for the province, or 0.
  int latest_year(const std::string& province_code) const;
  // Every year with indicator values or statuses for the province, ascending.
  std::vector<int> years_with_data(const std::string& province_code) const;

 private:
  const store::Database& db_;
  std::map<std::string, std::shared_ptr<const Province>> provinces_;
  std::map<std::string, std::shared_ptr<const CriteriaSet>> sets_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const YearData>> years_;
};

}  // namespace ntm
