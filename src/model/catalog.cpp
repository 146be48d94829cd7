#include "model/catalog.h"

#include "store/database.h"

namespace ntm {

std::string Catalog::map_date(int year) const {
  if (!as_of_.empty() && (year == 0 || year == as_of_year_)) return as_of_;
  if (year == 0) return today();
  return year_end(year);
}

std::shared_ptr<const Province> Catalog::province(const std::string& name_or_code, const std::string& date) {
  std::string d = date.empty() ? map_date(0) : date;
  auto key = std::make_pair(name_or_code, d);
  auto it = names_.find(key);
  UnitId id = it != names_.end() ? it->second : (names_[key] = find_province(db_, name_or_code, d));
  return province_at(id, d);
}

std::shared_ptr<const Province> Catalog::province_at(UnitId id, const std::string& date, int class_year) {
  if (class_year == 0) class_year = std::atoi(date.substr(0, 4).c_str());
  std::tuple<UnitId, std::string, int> key{id, date, class_year};
  if (auto it = provinces_.find(key); it != provinces_.end()) return it->second;
  auto loaded = Province::load(db_, id, date, class_year);
  provinces_.emplace(std::move(key), loaded);
  return loaded;
}

std::shared_ptr<const CriteriaSet> Catalog::criteria_set(const std::string& id) {
  // Only sets that exist are kept: an unknown id a script asks for leaves no cache entry.
  if (auto it = sets_.find(id); it != sets_.end()) return it->second;
  auto set = CriteriaSet::load(db_, id);
  sets_.emplace(id, set);
  return set;
}

SetChoice Catalog::set_for(UnitId province, int year, const std::string& given) {
  return choose_set(db_, province, year, given.empty() ? given_set_ : given);
}

std::shared_ptr<const YearData> Catalog::year(UnitId province, int year, const std::string& set_id) {
  std::string id = set_id.empty() ? set_for(province, year).id : set_id;
  // As for sets: a load that fails (unknown set, no such province) leaves no cache entry.
  std::tuple<UnitId, int, std::string> key{province, year, id};
  if (auto it = years_.find(key); it != years_.end()) return it->second;
  auto data = YearData::load(db_, province_at(province, map_date(year), year), criteria_set(id), year);
  years_.emplace(std::move(key), data);
  return data;
}

const std::vector<int>& Catalog::years_with_data(UnitId province) {
  auto it = years_with_data_.find(province);
  if (it != years_with_data_.end()) return it->second;
  // A fact of year Y counts when its unit is on the map of 31/12/Y under the province
  // (directly, or through a district of that map).
  auto stmt = db_.prepare(R"(
    WITH facts(unit_id, year) AS (
      SELECT DISTINCT unit_id, year FROM indicator_value
      UNION SELECT DISTINCT unit_id, year FROM criterion_status WHERE by = 'assessed'),
    placed(unit_id, year, parent_id) AS (
      SELECT f.unit_id, f.year, p.parent_id FROM facts f JOIN unit_period p ON p.unit_id = f.unit_id
      WHERE ifnull(p.valid_from, '') <= f.year || '-12-31' AND ifnull(p.valid_to, '9999-12-31') >= f.year || '-12-31')
    SELECT DISTINCT x.year FROM placed x
    WHERE x.parent_id = ?1 OR EXISTS (
      SELECT 1 FROM unit_period d WHERE d.unit_id = x.parent_id AND d.parent_id = ?1
        AND ifnull(d.valid_from, '') <= x.year || '-12-31' AND ifnull(d.valid_to, '9999-12-31') >= x.year || '-12-31')
    ORDER BY x.year)");
  stmt.bind(1, province);
  std::vector<int> years;
  while (stmt.step()) years.push_back(static_cast<int>(stmt.get_int(0)));
  return years_with_data_[province] = std::move(years);
}

}  // namespace ntm
