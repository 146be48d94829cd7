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
  // Only sets that exist are kept: an unknown id a script asks for leaves no cache entry.
  if (auto it = sets_.find(id); it != sets_.end()) return it->second;
  auto set = CriteriaSet::load(db_, id);
  sets_.emplace(id, set);
  return set;
}

std::shared_ptr<const YearData> Catalog::year(const std::string& province_code, int year, const std::string& set_id) {
  std::string id = set_id.empty() ? set_for_year(db_, year) : set_id;
  std::pair<std::string, std::string> key{province_code + "/" + std::to_string(year), id};
  if (auto it = years_.find(key); it != years_.end()) return it->second;
  auto data = YearData::load(db_, province(province_code), criteria_set(id), year);
  years_.emplace(std::move(key), data);
  return data;
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

}  // namespace ntm
