// Criteria sets (bộ tiêu chí) with their criteria, indicators and thresholds, and the
// year data of a province evaluated against them. The thresholds are data: the most
// specific row wins (province over region over general; a year's own over all years).
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
  std::string region;      // "" = every region
  std::string province;    // "" = national
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
  // The threshold that applies to a unit of this region and province in this year, or
  // nullptr when the data has none (the caller must report that, never treat it as met).
  const Threshold* threshold(std::size_t indicator, const std::string& region, const std::string& province,
                             int year) const;

 private:
  std::string id_, name_, legal_basis_, grade_;
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

// How a criterion of a commune was decided.
enum class StatusSource { None, Indicators, Assessed, Computed };
const char* to_string(StatusSource source);

struct CriterionStatus {
  bool met = false;
  StatusSource source = StatusSource::None;
};

// One province's data for one year under one criteria set: indicator values and stored
// statuses of every unit, in compact tables (one query per table).
class YearData {
 public:
  static std::shared_ptr<const YearData> load(const store::Database& db, std::shared_ptr<const Province> province,
                                              std::shared_ptr<const CriteriaSet> set, int year);

  int year() const { return year_; }
  const Province& province() const { return *province_; }
  const CriteriaSet& set() const { return *set_; }
  bool has_values() const { return values_count_ > 0; }
  bool has_assessed() const { return assessed_count_ > 0; }
  bool has_data() const { return values_count_ > 0 || assessed_count_ > 0 || computed_count_ > 0; }

  // Indicator value of a unit (index into province().units()), NaN when missing.
  double value(std::size_t unit, std::size_t indicator) const {
    return values_[unit * set_->indicators().size() + indicator];
  }
  bool unit_has_values(std::size_t unit) const { return unit_has_values_[unit] != 0; }
  // Stored status: -1 none, 0 not met, 1 met.
  int assessed(std::size_t unit, int criterion) const;
  int computed(std::size_t unit, int criterion) const;
  // Whether every indicator of the criterion meets its threshold (missing value or
  // missing threshold: not met).
  bool indicators_meet(std::size_t unit, const Criterion& criterion) const;
  // The status a review uses: from indicator values when the unit has any, else the
  // assessed status, else a stored computed one.
  CriterionStatus status(std::size_t unit, int criterion) const;
  int count_met(std::size_t unit) const;

 private:
  std::shared_ptr<const Province> province_;
  std::shared_ptr<const CriteriaSet> set_;
  int year_ = 0;
  std::vector<double> values_;
  std::vector<char> unit_has_values_;
  std::vector<signed char> assessed_, computed_;   // units × (max criterion + 1)
  int criteria_slots_ = 0;
  std::size_t values_count_ = 0, assessed_count_ = 0, computed_count_ = 0;
};

}  // namespace ntm
