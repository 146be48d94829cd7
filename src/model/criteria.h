// Criteria sets (bộ tiêu chí) with their criteria, indicators and thresholds, and the
// year data of a province evaluated against them. The thresholds are data: the most
// specific row wins (a province's own row, then rows for classes of the commune — its group,
// its flags —, then its region, then the general row; a year's own row over all years).
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/units.h"

namespace ntm {

struct Threshold {
  std::string indicator;   // the indicator id ("10.1")
  std::string region;      // "" = every region
  std::string klass;       // "" = every class; else "nhom=1" or "nhom=3;dbkk=1"
  std::vector<std::pair<std::string, std::string>> conditions;   // klass parsed
  UnitId province = 0;     // 0 = national
  int year = 0;            // 0 = every year
  double value = 0;
  bool confirmed = false;
  std::string source;
  std::string note;
};

struct Indicator {
  std::string id;          // "17.3"
  int criterion = 0;
  std::string name;
  std::string unit;        // "%", "dat", ...
  std::string comparison;  // ">=", "<=", ">", "<", "="
  double min_value = NAN, max_value = NAN;
  // Whether a value lies in the plausible range (min_value, max_value; either may be absent).
  bool in_range(double value) const {
    return !(value < min_value) && !(value > max_value);
  }
  std::vector<Threshold> thresholds;
};

struct Criterion {
  int number = 0;
  std::string name;
  std::string group;
  std::vector<std::size_t> indicators;   // indexes into CriteriaSet::indicators()
};

class CriteriaSet {
 public:
  // Loads one set: 4 queries (set, criteria, indicators, thresholds). Throws NotFound.
  static std::shared_ptr<const CriteriaSet> load(const store::Database& db, const std::string& id);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::string& legal_basis() const { return legal_basis_; }
  const std::string& grade() const { return grade_; }
  int valid_from() const { return valid_from_; }
  int valid_to() const { return valid_to_; }
  const std::vector<Criterion>& criteria() const { return criteria_; }
  const std::vector<Indicator>& indicators() const { return indicators_; }
  const Criterion* criterion(int number) const;
  // Index of an indicator id, or -1.
  int indicator_index(const std::string& id) const;
  // The threshold that applies to a unit (its region and classes) of a province in a year,
  // or nullptr when the data has none (the caller must report that, never treat it as met).
  const Threshold* threshold(std::size_t indicator, const Unit& unit, UnitId province, int year) const;
  // "chung", "vùng TDMNPB", "nhóm 1", "tỉnh", with ", năm 2020": whom a threshold row is for.
  static std::string scope_text(const Threshold& t);
  const std::string& level() const { return level_; }

 private:
  std::string id_, name_, legal_basis_, grade_, level_;
  int valid_from_ = 0, valid_to_ = 0;
  std::vector<Criterion> criteria_;
  std::vector<Indicator> indicators_;
  std::unordered_map<std::string, std::size_t> indicator_by_id_;
};

// Whether `value` meets `threshold` under the comparison ('>=', '<=', '>', '<', '=').
bool meets(double value, const std::string& comparison, double threshold);

// The set that applies to a year: the national set of this level and grade whose years
// cover it. Throws NotFound when none does.
std::string set_for_year(const store::Database& db, int year, const std::string& level = "commune",
                         const std::string& grade = "standard");

// The set a review of a province's year uses, and how it was chosen.
struct SetChoice {
  std::string id;
  std::string how;          // "given" (--set), "recorded" (province_set), "default" (the year's national set)
  bool governs_year = true; // false: a set given for a year it does not govern
};
// `given` (from --set) wins, then the set the province recorded for the year, then the
// national set of the year. Throws NotFound for an unknown given id (listing the known ones).
SetChoice choose_set(const store::Database& db, UnitId province, int year, const std::string& given,
                     const std::string& level = "commune", const std::string& grade = "standard");
// "bộ tiêu chí 1980-xa (mặc định của năm 2021)" — the words every output uses.
std::string set_choice_text(const SetChoice& choice, int year);

// How a criterion of a commune was decided.
enum class StatusSource { None, Indicators, Assessed, Computed };
const char* to_string(StatusSource source);

struct CriterionStatus {
  bool met = false;
  StatusSource source = StatusSource::None;
};

// Every criterion of a unit decided at once (YearData::decide), as bit masks: bit n-1 stands
// for criterion n. Only for sets whose criteria are numbered 1..64 (`complete` false otherwise).
struct Decision {
  bool complete = true;
  std::uint64_t met = 0;            // criteria met
  std::uint64_t disagrees = 0;      // decided by values, and the assessed status says the opposite
  std::uint64_t no_threshold = 0;   // decided by values, with an indicator without a threshold for the unit
  StatusSource source = StatusSource::None;   // of the set's first criterion
  int count = 0;                    // criteria met
};

class PackWriter;

// One province's data for one year under one criteria set: indicator values and stored
// statuses of every unit, in compact tables. The values come from the province-year's pack
// (model/value_pack.h), rebuilt through `packs` when missing (nullptr: read indicator_value).
class YearData {
 public:
  static std::shared_ptr<const YearData> load(const store::Database& db, std::shared_ptr<const Province> province,
                                              std::shared_ptr<const CriteriaSet> set, int year,
                                              PackWriter* packs = nullptr);

  int year() const { return year_; }
  const Province& province() const { return *province_; }
  const CriteriaSet& set() const { return *set_; }
  bool has_values() const { return values_count_ > 0; }
  bool has_assessed() const { return assessed_count_ > 0; }
  bool has_data() const { return values_count_ > 0 || assessed_count_ > 0; }
  // Whether a unit has indicator values or assessed statuses for the year: a commune without
  // either has no data and is never counted as meeting 0 criteria.
  bool unit_has_data(std::size_t unit) const { return unit_has_values_[unit] || unit_has_assessed_[unit]; }

  // Indicator value of a unit (index into province().units()), NaN when missing.
  double value(std::size_t unit, std::size_t indicator) const {
    return values_[unit * set_->indicators().size() + indicator];
  }
  bool unit_has_values(std::size_t unit) const { return unit_has_values_[unit] != 0; }
  // The threshold of an indicator for a unit: set().threshold() for the unit's classes, this
  // data's province and year, chosen once per distinct set of classes when the year loads
  // (every indicator of every commune asks for one). Null when the data has none.
  const Threshold* threshold(std::size_t unit, std::size_t indicator) const {
    return chosen_[profile_[unit] * set_->indicators().size() + indicator];
  }
  // The unit's set of classes: units with the same one have the same thresholds.
  std::uint32_t profile(std::size_t unit) const { return profile_[unit]; }
  // Stored status: -1 none, 0 not met, 1 met.
  int assessed(std::size_t unit, int criterion) const;
  int computed(std::size_t unit, int criterion) const;
  // Whether every indicator of the criterion meets its threshold (missing value or
  // missing threshold: not met).
  bool indicators_meet(std::size_t unit, const Criterion& criterion) const;
  // The indicators of a criterion that fail for a unit (value missing, below its threshold,
  // or no threshold), as indexes into set().indicators(); `no_threshold` gets those of them
  // that have no threshold for the unit.
  std::vector<std::size_t> failing(std::size_t unit, const Criterion& criterion,
                                   std::vector<std::size_t>* no_threshold = nullptr) const;
  // The status a review uses: from indicator values when the unit has any, else the
  // assessed status; none when it has neither (a status an earlier `check --save` computed is
  // not a source: it was computed from values this year no longer has).
  CriterionStatus status(std::size_t unit, int criterion) const;
  int count_met(std::size_t unit) const;
  // status() of every criterion, with where the assessed status disagrees and which criteria
  // lack a threshold: what a review needs of a commune, in one call. Decided once for every
  // unit when the year loads: the review and each rule ask for the same communes.
  const Decision& decide(std::size_t unit) const { return decisions_[unit]; }
  // The threshold rows the communes with values were judged by that are not confirmed
  // against a published source, in indicator order.
  const std::vector<const Threshold*>& unconfirmed_thresholds() const { return unconfirmed_; }

 private:
  std::shared_ptr<const Province> province_;
  std::shared_ptr<const CriteriaSet> set_;
  int year_ = 0;
  std::vector<double> values_;
  std::vector<char> unit_has_values_, unit_has_assessed_;
  std::vector<const Threshold*> unconfirmed_;
  std::vector<std::uint32_t> profile_;      // unit → its set of classes
  std::vector<const Threshold*> chosen_;    // classes × indicators
  std::vector<signed char> assessed_, computed_;   // units × (max criterion + 1)
  int criteria_slots_ = 0;
  std::vector<Decision> decisions_;          // units
  Decision decide_now(std::size_t unit) const;
  CriterionStatus status_now(std::size_t unit, int criterion) const;
  std::size_t values_count_ = 0, assessed_count_ = 0, computed_count_ = 0;
};

}  // namespace ntm
