#include "model/catalog.h"

#include "store/database.h"

namespace ntm {

std::shared_ptr<const Province> Catalog::province(const std::string& name_or_code) {
  std::string code = find_province_code(db_, name_or_code);
  auto& slot = provinces_[code];
  if (!slot) slot = Province::load(db_, code);
  return slot;
}

std::shared_ptr<const CriteriaSet> Catalog::criteria_set(const std::string& id) {
  auto& slot = sets_[id];
  if (!slot) slot = CriteriaSet::load(db_, id);
  return slot;
}

std::shared_ptr<const YearData> Catalog::year(const std::string& province_code, int year, const std::string& set_id) {
  std::string id = set_id.empty() ? set_for_year(db_, year) : set_id;
  auto& slot = years_[{province_code + "/" + std::to_string(year), id}];
  if (!slot) slot = YearData::load(db_, province(province_code), criteria_set(id), year);
  return slot;
}

int Catalog::latest_year(const std::string& province_code) const {
  auto stmt = db_.prepare(R"(
    SELECT max(year) FROM (
      SELECT year FROM indicator_value WHERE unit_code IN
        (SELECT c.code FROM unit c JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1)
      UNION ALL
      SELECT year FROM criterion_status WHERE unit_code IN
        (SELECT c.code FROM unit c JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1)))");
  stmt.bind(1, province_code);
  if (stmt.step() && !stmt.is_null(0)) return static_cast<int>(stmt.get_int(0));
  return 0;
}

std::vector<int> Catalog::years_with_data(const std::string& province_code) const {
  auto stmt = db_.prepare(R"(
    SELECT year FROM indicator_value WHERE unit_code IN
      (SELECT c.code FROM unit c JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1)
    UNION
    SELECT year FROM criterion_status WHERE unit_code IN
      (SELECT c.code FROM unit c JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1)
    ORDER BY year)");
  stmt.bind(1, province_code);
  std::vector<int> years;
  while (stmt.step()) years.push_back(static_cast<int>(stmt.get_int(0)));
  return years;
}

}  // namespace ntm
