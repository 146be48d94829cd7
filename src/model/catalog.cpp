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
  auto it = cache_->names.find(key);
  if (it == cache_->names.end()) {
    if (!cache_->province_periods) cache_->province_periods = std::make_shared<const std::vector<ProvincePeriod>>(province_periods(db_));
    it = cache_->names.emplace(key, find_province(db_, *cache_->province_periods, name_or_code, d)).first;
  }
  UnitId id = it->second;
  return province_at(id, d);
}

std::shared_ptr<const MapUnits> WholeMap::find(const std::string& date) {
  std::lock_guard<std::mutex> hold(lock_);   // not load_: a thread does not wait for a map being read
  return map_ && map_->date() == date ? map_ : nullptr;
}

std::shared_ptr<const MapUnits> WholeMap::get(const store::Database& db, const std::string& date) {
  std::lock_guard<std::mutex> loading(load_);   // the other threads that ask wait: one reads the map
  if (auto map = find(date)) return map;
  std::shared_ptr<const MapUnits> map = MapUnits::load(db, date);
  std::lock_guard<std::mutex> hold(lock_);
  map_ = map;
  return map;
}

std::shared_ptr<const Province> Catalog::province_at(UnitId id, const std::string& date, int class_year) {
  if (class_year == 0) class_year = std::atoi(date.substr(0, 4).c_str());
  std::tuple<UnitId, std::string, int> key{id, date, class_year};
  if (auto it = cache_->provinces.find(key); it != cache_->provinces.end()) return it->second;
  std::shared_ptr<const MapUnits> map = cache_->whole_map->find(date);   // read already by another thread
  if (!map && ++cache_->provinces_loaded[date] > kWholeMapAfter) map = cache_->whole_map->get(db_, date);
  auto loaded = Province::load(db_, id, date, class_year, map.get());
  cache_->provinces.emplace(std::move(key), loaded);
  return loaded;
}

std::shared_ptr<const CriteriaSet> Catalog::criteria_set(const std::string& id) {
  // Only sets that exist are kept: an unknown id a script asks for leaves no cache entry.
  if (auto it = cache_->sets.find(id); it != cache_->sets.end()) return it->second;
  auto set = CriteriaSet::load(db_, id);
  cache_->sets.emplace(id, set);
  return set;
}

SetChoice Catalog::set_for(UnitId province, int year, const std::string& given) {
  return choose_set(db_, province, year, given.empty() ? given_set_ : given);
}

std::shared_ptr<const YearData> Catalog::year(UnitId province, int year, const std::string& set_id) {
  std::string id = set_id.empty() ? set_for(province, year).id : set_id;
  // As for sets: a load that fails (unknown set, no such province) leaves no cache entry.
  std::tuple<UnitId, int, std::string> key{province, year, id};
  if (auto it = cache_->years.find(key); it != cache_->years.end()) return it->second;
  auto data = YearData::load(db_, province_at(province, map_date(year), year), criteria_set(id), year, cache_->packs.get());
  cache_->years.emplace(std::move(key), data);
  return data;
}

const std::vector<int>& Catalog::years_with_data(UnitId province) {
  if (auto it = cache_->years_with_data.find(province); it != cache_->years_with_data.end()) return it->second;
  // A fact of year Y counts for the province its unit sits under on the map of 31/12/Y
  // (directly, or through a district of that map). Only the units ever under the province
  // are searched, and for each of them its years are found by seeking the next year after
  // the last one found (a handful of seeks, not every value): one province costs 1-5 ms on
  // the 2-million-value national sample, where one pass over every value of the country
  // took 390 ms, and 63 provinces together cost about what that pass did.
  auto stmt = db_.prepare(R"(
    WITH RECURSIVE ever(id) AS (
      SELECT ?1 UNION SELECT p.unit_id FROM unit_period p JOIN ever e ON p.parent_id = e.id),
    value_years(unit_id, year) AS (
      SELECT e.id, (SELECT min(year) FROM indicator_value WHERE unit_id = e.id) FROM ever e
      UNION ALL
      SELECT y.unit_id, (SELECT min(year) FROM indicator_value WHERE unit_id = y.unit_id AND year > y.year)
      FROM value_years y WHERE y.year IS NOT NULL),
    status_years(unit_id, year) AS (
      SELECT e.id, (SELECT min(year) FROM criterion_status WHERE unit_id = e.id AND by = 'assessed') FROM ever e
      UNION ALL
      SELECT y.unit_id, (SELECT min(year) FROM criterion_status WHERE unit_id = y.unit_id AND year > y.year AND by = 'assessed')
      FROM status_years y WHERE y.year IS NOT NULL),
    facts(unit_id, year) AS (
      SELECT unit_id, year FROM value_years WHERE year IS NOT NULL
      UNION SELECT unit_id, year FROM status_years WHERE year IS NOT NULL),
    placed(year, parent_id) AS (
      SELECT DISTINCT f.year, p.parent_id FROM facts f JOIN unit_period p ON p.unit_id = f.unit_id
      WHERE p.parent_id IS NOT NULL
        AND ifnull(p.valid_from, '') <= f.year || '-12-31' AND ifnull(p.valid_to, '9999-12-31') >= f.year || '-12-31')
    SELECT year FROM placed WHERE parent_id = ?1
    UNION
    SELECT x.year FROM placed x JOIN unit_period d ON d.unit_id = x.parent_id
    WHERE d.parent_id = ?1
      AND ifnull(d.valid_from, '') <= x.year || '-12-31' AND ifnull(d.valid_to, '9999-12-31') >= x.year || '-12-31'
    ORDER BY 1)");
  stmt.bind(1, province);
  std::vector<int> years;
  while (stmt.step()) years.push_back(static_cast<int>(stmt.get_int(0)));
  return cache_->years_with_data[province] = std::move(years);
}

const FundingSources& Catalog::funding_sources() {
  if (!cache_->funding_sources) cache_->funding_sources = std::make_shared<const FundingSources>(db_);
  return *cache_->funding_sources;
}

const std::vector<std::string>& Catalog::provinces_with_data(int year) const {
  // Once per year and command: a national check over a span asks for the end year twice.
  if (auto it = cache_->provinces_with_data.find(year); it != cache_->provinces_with_data.end()) return it->second;
  // The provinces of the map first, then the search for data under each: asked of every
  // province of every map, it read the children of the 2025 provinces too (924 pages read
  // against 661). The provinces are the periods without a parent (the map's roots, through
  // the index unit_period_parent): about 90 rows, where the unit table has 15,000.
  auto stmt = db_.prepare(R"(
    WITH province(id, code) AS MATERIALIZED (
      SELECT u.id, u.code FROM unit_period p CROSS JOIN unit u ON u.id = p.unit_id
      WHERE p.parent_id IS NULL AND u.kind = 'province'
        AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1)
    SELECT u.code FROM province u
    WHERE EXISTS (
        SELECT 1 FROM unit_period c
        WHERE c.parent_id = u.id AND ifnull(c.valid_from, '') <= ?1 AND ifnull(c.valid_to, '9999-12-31') >= ?1
          AND (EXISTS (SELECT 1 FROM indicator_value v WHERE v.unit_id = c.unit_id AND v.year = ?2)
               OR EXISTS (SELECT 1 FROM criterion_status s WHERE s.unit_id = c.unit_id AND s.year = ?2 AND s.by = 'assessed')
               OR EXISTS (
                 SELECT 1 FROM unit_period g
                 WHERE g.parent_id = c.unit_id AND ifnull(g.valid_from, '') <= ?1 AND ifnull(g.valid_to, '9999-12-31') >= ?1
                   AND (EXISTS (SELECT 1 FROM indicator_value v WHERE v.unit_id = g.unit_id AND v.year = ?2)
                        OR EXISTS (SELECT 1 FROM criterion_status s
                                   WHERE s.unit_id = g.unit_id AND s.year = ?2 AND s.by = 'assessed')))))
    ORDER BY u.code)");
  stmt.bind(1, year_end(year)).bind(2, year);
  std::vector<std::string> out;
  while (stmt.step()) out.push_back(stmt.get_text(0));
  return cache_->provinces_with_data.emplace(year, std::move(out)).first->second;
}

}  // namespace ntm
