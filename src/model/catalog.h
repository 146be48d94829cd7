// The model's entry point for one run: loads provinces (on the map of a date), criteria sets
// and province-years from the store on first use and keeps them for the rest of the run.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "model/criteria.h"
#include "model/funding.h"
#include "model/units.h"
#include "model/value_pack.h"

namespace ntm {

// The map read whole by a national run (the map of one date; reading another replaces it),
// shared by the threads of the run, each of which reads over a connection of its own.
class WholeMap {
 public:
  // The map of `date` when it was read already, else nullptr.
  std::shared_ptr<const MapUnits> find(const std::string& date);
  // The map of `date`, read over `db` by the first thread that asks.
  std::shared_ptr<const MapUnits> get(const store::Database& db, const std::string& date);

 private:
  std::mutex load_;   // held while a map is read
  std::mutex lock_;   // held while map_ is read or set
  std::shared_ptr<const MapUnits> map_;
};

// What catalogs loaded, shared by the catalogs of one command over one connection: a
// check's review and its rules, the provinces of a national check. Never shared between
// connections to different files.
struct CatalogCache {
  std::map<std::pair<std::string, std::string>, UnitId> names;
  std::shared_ptr<const std::vector<ProvincePeriod>> province_periods;   // read at the first name
  std::map<std::tuple<UnitId, std::string, int>, std::shared_ptr<const Province>> provinces;
  std::map<std::string, std::shared_ptr<const CriteriaSet>> sets;
  std::map<std::tuple<UnitId, int, std::string>, std::shared_ptr<const YearData>> years;
  std::map<UnitId, std::vector<int>> years_with_data;   // by province, as asked
  // Writes the packs of province-years read without one (nullptr: none written, e.g. for a
  // database in memory). Set by whoever knows the file: app::Session.
  std::shared_ptr<PackWriter> packs;
  std::shared_ptr<const FundingSources> funding_sources;   // read once per command
  std::map<int, std::vector<std::string>> provinces_with_data;   // by year
  // Once a command has loaded a few provinces on one map (a national run), the map's units
  // are read whole, once, and the next provinces are taken from them.
  std::map<std::string, int> provinces_loaded;              // by map date
  std::shared_ptr<WholeMap> whole_map = std::make_shared<WholeMap>();

  // Drops the provinces and their years (a national check holds one province at a time);
  // names, sets and the years with data stay.
  void drop_provinces() {
    provinces.clear();
    years.clear();
  }
};

class Catalog {
 public:
  // Provinces loaded one by one on a map before its units are read whole (WholeMap): a
  // command about one province (or a few) does not pay for the country's 11,000 units.
  static constexpr int kWholeMapAfter = 3;

  explicit Catalog(const store::Database& db, std::shared_ptr<CatalogCache> cache = nullptr)
      : db_(db), cache_(cache ? std::move(cache) : std::make_shared<CatalogCache>()) {}

  const store::Database& db() const { return db_; }

  // The command's choices, said in every output: the map date of the reviewed year
  // (--as-of) and the criteria set (--set). A review of year Y uses the map of 31/12/Y unless
  // `as_of` is given for that year; other years use their own 31/12.
  // `given`: chosen with --as-of (said so in outputs), else the default 31/12 of the year.
  void set_as_of(const std::string& date, int year, bool given = true) {
    as_of_ = date;
    as_of_year_ = year;
    as_of_given_ = given;
  }
  void set_given_set(const std::string& id) { given_set_ = id; }
  const std::string& given_set() const { return given_set_; }
  // The map date of a review of `year`; `year` 0: the as-of date, else today.
  std::string map_date(int year) const;
  // Whether the map date of `year` was given with --as-of.
  bool as_of_given(int year) const { return as_of_given_ && (year == as_of_year_ || year == 0); }

  // By code or name (accents optional) on the map of `date` ("" = map_date(0)). Throws
  // NotFound with suggestions, or naming the successor of a province that no longer exists.
  std::shared_ptr<const Province> province(const std::string& name_or_code, const std::string& date = {});
  // A province identity on the map of `date`, with the classes of `class_year` (0: the
  // date's year).
  std::shared_ptr<const Province> province_at(UnitId id, const std::string& date, int class_year = 0);
  std::shared_ptr<const CriteriaSet> criteria_set(const std::string& id);
  // The set a review of the province's year uses: `given`, else --set, else the recorded
  // set, else the national default.
  SetChoice set_for(UnitId province, int year, const std::string& given = {});
  // The province's data of a year on that year's map, under `set_id` (set_for() when empty).
  std::shared_ptr<const YearData> year(UnitId province, int year, const std::string& set_id = {});
  // The years with indicator values or assessed statuses for communes of the province (each
  // year on its own map), ascending.
  const std::vector<int>& years_with_data(UnitId province);
  // The codes of the provinces of the map of 31/12/`year` with indicator values or assessed
  // statuses of `year` for a unit one or two levels under them (a commune, or a district's
  // commune), in code order. A province's search stops at its first unit with data: about
  // two index probes per province, not one per unit of the map.
  const std::vector<std::string>& provinces_with_data(int year) const;
  // The funding sources, their names and aliases: read on first use, kept for the command
  // (a national check asks for them twice per province).
  const FundingSources& funding_sources();

 private:
  const store::Database& db_;
  std::string as_of_, given_set_;
  int as_of_year_ = 0;
  bool as_of_given_ = false;
  std::shared_ptr<CatalogCache> cache_;
};

}  // namespace ntm
