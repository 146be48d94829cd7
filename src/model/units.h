// Administrative units on the map of a date. A unit is an identity (its id) that carries a
// code during its life; its name, type and parent belong to periods (db: unit_period). The map
// of a date is the units whose period holds that date; a province is loaded on one map, with
// its districts (none from 01/07/2025), communes and villages, in one query per table.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/text.h"

namespace ntm::store { class Database; }

namespace ntm {

using UnitId = std::int64_t;

// A name or code that matched nothing. `suggestions` holds the closest names; `value` what
// was asked for, as given (the Lua host tells a wrong command-line argument by it).
class NotFound : public std::runtime_error {
 public:
  // `value` is kept to name the wrong argument; no name is longer than kMaxNameBytes, so a
  // longer value (a script's string of megabytes) is kept clipped, not copied whole.
  NotFound(const std::string& message, std::vector<std::string> suggestions, std::string_view value = {})
      : std::runtime_error(message), suggestions(std::move(suggestions)),
        value(value.substr(0, std::min(value.size(), kMaxNameBytes))) {}
  std::vector<std::string> suggestions;
  std::string value;
};

// ---- dates ----------------------------------------------------------------------------------

// Map dates are ISO text "YYYY-MM-DD" (they compare as text).
// The map a review of `year` uses: 31/12 of that year.
std::string year_end(int year);
// Today's date (local time).
std::string today();
// "2025-06-30" from "2025-07-01".
std::string day_before(const std::string& iso);
// Reads "31/12/2024", "31-12-2024" or "2024-12-31"; nullopt when not a calendar date.
std::optional<std::string> parse_iso_date(const std::string& text);
// "31/12/2024" from "2024-12-31" ("" stays "").
std::string vn_date(const std::string& iso);

// ---- units ----------------------------------------------------------------------------------

struct Unit {
  UnitId id = 0;
  std::string code;
  std::string kind;            // province | district | commune | village
  std::string type;            // tinh, thanh-pho, huyen, xa, phuong, thi-tran, dac-khu, thon, ...
  std::string name;
  std::string name_with_type;
  UnitId parent_id = 0;        // 0 for a province
  std::string parent;          // the parent's code ("" for a province)
  std::string valid_from;      // the period on this map ("" = since before 02/02/2020)
  std::string valid_to;        // "" = still in force
  std::string act;             // the act that opened the period, when known
  // Classes for the province's class year (own rows, then the year-0 rows; the region is
  // inherited from the parent when the unit has none): region, nhom, dbkk, bien-gioi, ...
  std::map<std::string, std::string> classes;
  std::vector<std::string> tags;
  std::map<std::string, int> recognitions;   // grade → year recognised (not revoked by the map date)
  std::string folded;          // fold(name), for matching

  // Class values are returned by reference (the thresholds of every indicator of every
  // commune ask for them): "" when the unit has none.
  const std::string& region() const;
  // A flag class such as "dbkk" or "bien-gioi" with value "1".
  bool flag(const std::string& key) const;
  const std::string& klass(const std::string& key) const;
};

// Every unit on the map of one date, read in one pass: what a national run loads once,
// instead of walking the unit tree in SQL once for each province (Province::load). With the
// units, their classes of the date's year, their tags and their recognitions not revoked by
// the date: a province's 700 units were otherwise looked up in three tables one by one.
class MapUnits {
 public:
  static std::shared_ptr<const MapUnits> load(const store::Database& db, const std::string& date);
  const std::string& date() const { return date_; }
  // The year whose classes the units carry (the date's).
  int class_year() const { return class_year_; }
  const std::vector<Unit>& units() const { return units_; }
  // Indexes into units() of the units whose parent on this map is `id`.
  const std::vector<std::size_t>& children(UnitId id) const;
  const Unit* find_id(UnitId id) const;

 private:
  std::vector<Unit> units_;     // classes as given: a unit's region is not yet its parent's
  std::unordered_map<UnitId, std::size_t> by_id_;
  std::unordered_map<UnitId, std::vector<std::size_t>> children_;
  std::string date_;
  int class_year_ = 0;
};

// One province with its districts, communes and villages on the map of one date.
// Immutable once loaded.
class Province {
 public:
  // Loads the province identity `id` on the map of `date` (ISO), with the classes of
  // `class_year`. Throws NotFound naming its successor when the province is not on that map.
  // With `map` (the units of the same date), the units are taken from it.
  static std::shared_ptr<const Province> load(const store::Database& db, UnitId id, const std::string& date,
                                              int class_year, const MapUnits* map = nullptr);

  const Unit& unit() const { return units_[0]; }
  UnitId id() const { return units_[0].id; }
  const std::string& date() const { return date_; }
  int class_year() const { return class_year_; }
  const std::vector<Unit>& units() const { return units_; }
  // The ids of units() as a JSON array, for queries that look the units' rows up by id
  // (json_each) instead of walking the unit tree again.
  const std::string& ids_json() const { return ids_json_; }
  const Unit* find(const std::string& code) const;
  const Unit* find_id(UnitId id) const;
  std::size_t index_of(const Unit& u) const { return static_cast<std::size_t>(&u - units_.data()); }
  // Indexes into units(): districts in code order (empty on a map without districts); rural
  // communes (type 'xa') of the province or of one district, in code order.
  const std::vector<std::size_t>& districts() const { return districts_; }
  bool has_districts() const { return !districts_.empty(); }
  std::vector<std::size_t> communes(const std::string& district_code = {}) const;
  std::vector<std::size_t> villages(const std::string& commune_code = {}) const;
  // Finds a district by code or name (accents and case optional; "huyện" prefix optional).
  // Throws NotFound with the closest names, or saying that the map has no districts.
  const Unit& district(const std::string& name_or_code) const;
  // The district (or "") a commune or village of this province belongs to on this map.
  const Unit* district_of(const Unit& u) const;

 private:
  std::vector<Unit> units_;     // [0] is the province
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_map<UnitId, std::size_t> by_id_;
  std::vector<std::size_t> districts_;
  std::string ids_json_;
  std::string date_;
  int class_year_ = 0;
};

// "; có phải: A, B, C?" ("; did you mean: ...?" in English) for a list of suggestions,
// or "" when there are none. Appended to "not found" messages.
std::string did_you_mean(const std::vector<std::string>& suggestions);

// Finds a province on the map of `date` by code ("11") or name ("Điện Biên", "dien bien",
// "tỉnh Điện Biên"). A province that exists at other dates only is refused with a message
// that says when it existed and what it became (Bắc Giang after 01/07/2025: Bắc Ninh).
// Throws NotFound listing the closest province names of that map.
UnitId find_province(const store::Database& db, const std::string& name_or_code, const std::string& date);

// Every period of every province, in code order then by start: what find_province matches a
// name against. A command that looks provinces up many times (a report's years, each on its
// own map) reads them once and passes them to the overload below.
struct ProvincePeriod {
  UnitId id = 0;
  std::string code, name, name_with_type, from, to;   // from, to: "" when open
};
std::vector<ProvincePeriod> province_periods(const store::Database& db);
UnitId find_province(const store::Database& db, const std::vector<ProvincePeriod>& periods, const std::string& name_or_code,
                     const std::string& date);

// As find_province, but a province that is not on the map of `date` and that the name or code
// designates unambiguously at other dates is found too (for files whose rows have years of
// their own). Throws what find_province throws when that fails.
UnitId find_province_identity(const store::Database& db, const std::string& name_or_code, const std::string& date);

// The code and name of a unit identity (any date), for messages.
struct UnitLabel {
  std::string code, name_with_type, valid_from, valid_to;
};
UnitLabel unit_label(const store::Database& db, UnitId id);

// "Xã Nà Hỳ (03163)".
std::string label(const Unit& unit);

}  // namespace ntm
