#include "model/criteria.h"

#include <algorithm>

#include "model/i18n.h"
#include "store/database.h"

namespace ntm {

std::shared_ptr<const CriteriaSet> CriteriaSet::load(const store::Database& db, const std::string& id) {
  auto set = std::make_shared<CriteriaSet>();
  auto head = db.prepare("SELECT id, name, legal_basis, grade, valid_from, valid_to FROM criteria_set WHERE id = ?");
  head.bind(1, id);
  if (!head.step()) {
    std::vector<std::string> ids;
    auto all = db.prepare("SELECT id FROM criteria_set ORDER BY id");
    while (all.step()) ids.push_back(all.get_text(0));
    std::string message = tr("không có bộ tiêu chí '", "no criteria set '") + id + "'";
    if (!ids.empty()) {
      message += tr(" (có: ", " (available: ");
      for (std::size_t i = 0; i < ids.size(); ++i) message += (i ? ", " : "") + ids[i];
      message += ")";
    }
    throw NotFound(message, ids, id);
  }
  set->id_ = head.get_text(0);
  set->name_ = head.get_text(1);
  set->legal_basis_ = head.get_text(2);
  set->grade_ = head.get_text(3);
  set->valid_from_ = static_cast<int>(head.get_int(4));
  set->valid_to_ = static_cast<int>(head.get_int(5));

  auto criteria = db.prepare("SELECT number, name, ifnull(group_name, '') FROM criterion WHERE set_id = ? ORDER BY number");
  criteria.bind(1, id);
  while (criteria.step())
    set->criteria_.push_back({static_cast<int>(criteria.get_int(0)), criteria.get_text(1), criteria.get_text(2), {}});

  auto indicators = db.prepare(R"(
    SELECT id, criterion, name, unit, comparison, min_value, max_value FROM indicator
    WHERE set_id = ? ORDER BY criterion, sort, id)");
  indicators.bind(1, id);
  while (indicators.step()) {
    Indicator ind;
    ind.id = indicators.get_text(0);
    ind.criterion = static_cast<int>(indicators.get_int(1));
    ind.name = indicators.get_text(2);
    ind.unit = indicators.get_text(3);
    ind.comparison = indicators.get_text(4);
    if (!indicators.is_null(5)) ind.min_value = indicators.get_double(5);
    if (!indicators.is_null(6)) ind.max_value = indicators.get_double(6);
    set->indicator_by_id_[ind.id] = set->indicators_.size();
    for (auto& c : set->criteria_)
      if (c.number == ind.criterion) c.indicators.push_back(set->indicators_.size());
    set->indicators_.push_back(std::move(ind));
  }

  auto thresholds = db.prepare(R"(
    SELECT indicator, ifnull(region, ''), ifnull(province, ''), ifnull(year, 0), value, confirmed, source,
           ifnull(note, '')
    FROM threshold WHERE set_id = ?)");
  thresholds.bind(1, id);
  while (thresholds.step()) {
    auto it = set->indicator_by_id_.find(thresholds.get_text(0));
    if (it == set->indicator_by_id_.end()) continue;
    set->indicators_[it->second].thresholds.push_back(
        {thresholds.get_text(1), thresholds.get_text(2), static_cast<int>(thresholds.get_int(3)),
         thresholds.get_double(4), thresholds.get_int(5) != 0, thresholds.get_text(6), thresholds.get_text(7)});
  }
  return set;
}

const Criterion* CriteriaSet::criterion(int number) const {
  for (const auto& c : criteria_)
    if (c.number == number) return &c;
  return nullptr;
}

int CriteriaSet::indicator_index(const std::string& id) const {
  auto it = indicator_by_id_.find(id);
  return it == indicator_by_id_.end() ? -1 : static_cast<int>(it->second);
}

const Threshold* CriteriaSet::threshold(std::size_t indicator, const std::string& region,
                                        const std::string& province, int year) const {
  const Threshold* best = nullptr;
  int best_score = -1;
  for (const auto& t : indicators_[indicator].thresholds) {
    if (!t.region.empty() && t.region != region) continue;
    if (!t.province.empty() && t.province != province) continue;
    if (t.year != 0 && t.year != year) continue;
    // Province beats region beats general; within each, a year's own row beats all-years.
    int score = (t.province.empty() ? 0 : 4) + (t.region.empty() ? 0 : 2) + (t.year == 0 ? 0 : 1);
    if (score > best_score) { best = &t; best_score = score; }
  }
  return best;
}

bool meets(double value, const std::string& comparison, double threshold) {
  if (std::isnan(value)) return false;
  if (comparison == ">=") return value >= threshold;
  if (comparison == "<=") return value <= threshold;
  if (comparison == ">") return value > threshold;
  if (comparison == "<") return value < threshold;
  return value == threshold;
}

std::string set_for_year(const store::Database& db, int year, const std::string& level, const std::string& grade) {
  auto stmt = db.prepare(R"(
    SELECT id FROM criteria_set WHERE level = ? AND grade = ? AND ? BETWEEN valid_from AND valid_to
    ORDER BY valid_from DESC, id LIMIT 1)");
  stmt.bind(1, level).bind(2, grade).bind(3, year);
  if (stmt.step()) return stmt.get_text(0);
  throw NotFound(tr("không có bộ tiêu chí nào áp dụng cho năm ", "no criteria set applies to year ") +
                     std::to_string(year),
                 {}, std::to_string(year));
}

const char* to_string(StatusSource source) {
  switch (source) {
    case StatusSource::Indicators: return "indicators";
    case StatusSource::Assessed: return "assessed";
    case StatusSource::Computed: return "computed";
    case StatusSource::None: break;
  }
  return "none";
}

std::shared_ptr<const YearData> YearData::load(const store::Database& db, std::shared_ptr<const Province> province,
                                               std::shared_ptr<const CriteriaSet> set, int year) {
  auto data = std::make_shared<YearData>();
  const std::size_t units = province->units().size();
  const std::size_t indicators = set->indicators().size();
  int max_criterion = 0;
  for (const auto& c : set->criteria()) max_criterion = std::max(max_criterion, c.number);
  data->criteria_slots_ = max_criterion + 1;
  data->province_ = province;
  data->set_ = set;
  data->year_ = year;
  data->values_.assign(units * indicators, NAN);
  data->unit_has_values_.assign(units, 0);
  data->assessed_.assign(units * static_cast<std::size_t>(data->criteria_slots_), -1);
  data->computed_ = data->assessed_;

  // Communes and villages of the province: their parent is a district or a commune of it.
  static const char* kSubtree = R"(
    unit_code IN (SELECT u.code FROM unit u JOIN unit d ON u.parent_code = d.code WHERE d.parent_code = ?1
                  UNION ALL SELECT d.code FROM unit d WHERE d.parent_code = ?1
                  UNION ALL SELECT v.code FROM unit v JOIN unit c ON v.parent_code = c.code
                            JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1))";
  auto values = db.prepare(std::string("SELECT unit_code, indicator, value FROM indicator_value "
                                       "WHERE year = ?2 AND set_id = ?3 AND ") + kSubtree);
  values.bind(1, province->unit().code).bind(2, year).bind(3, set->id());
  std::unordered_map<std::string, std::size_t> unit_index;
  for (std::size_t i = 0; i < units; ++i) unit_index[province->units()[i].code] = i;
  while (values.step()) {
    auto u = unit_index.find(values.get_text(0));
    int ind = set->indicator_index(values.get_text(1));
    if (u == unit_index.end() || ind < 0) continue;
    data->values_[u->second * indicators + static_cast<std::size_t>(ind)] = values.get_double(2);
    data->unit_has_values_[u->second] = 1;
    ++data->values_count_;
  }
  auto statuses = db.prepare(std::string("SELECT unit_code, criterion, met, by FROM criterion_status "
                                         "WHERE year = ?2 AND set_id = ?3 AND ") + kSubtree);
  statuses.bind(1, province->unit().code).bind(2, year).bind(3, set->id());
  while (statuses.step()) {
    auto u = unit_index.find(statuses.get_text(0));
    int criterion = static_cast<int>(statuses.get_int(1));
    if (u == unit_index.end() || criterion < 0 || criterion >= data->criteria_slots_) continue;
    std::size_t slot = u->second * static_cast<std::size_t>(data->criteria_slots_) + static_cast<std::size_t>(criterion);
    signed char met = statuses.get_int(2) ? 1 : 0;
    if (statuses.get_text(3) == "assessed") { data->assessed_[slot] = met; ++data->assessed_count_; }
    else { data->computed_[slot] = met; ++data->computed_count_; }
  }
  return data;
}

int YearData::assessed(std::size_t unit, int criterion) const {
  if (criterion < 0 || criterion >= criteria_slots_) return -1;
  return assessed_[unit * static_cast<std::size_t>(criteria_slots_) + static_cast<std::size_t>(criterion)];
}

int YearData::computed(std::size_t unit, int criterion) const {
  if (criterion < 0 || criterion >= criteria_slots_) return -1;
  return computed_[unit * static_cast<std::size_t>(criteria_slots_) + static_cast<std::size_t>(criterion)];
}

bool YearData::indicators_meet(std::size_t unit, const Criterion& criterion) const {
  if (criterion.indicators.empty()) return false;
  const Unit& u = province_->units()[unit];
  for (std::size_t ind : criterion.indicators) {
    const Threshold* t = set_->threshold(ind, u.region, province_->unit().code, year_);
    if (!t) return false;
    if (!meets(value(unit, ind), set_->indicators()[ind].comparison, t->value)) return false;
  }
  return true;
}

CriterionStatus YearData::status(std::size_t unit, int number) const {
  if (unit_has_values(unit)) {
    if (const Criterion* c = set_->criterion(number)) return {indicators_meet(unit, *c), StatusSource::Indicators};
  }
  int a = assessed(unit, number);
  if (a >= 0) return {a == 1, StatusSource::Assessed};
  int c = computed(unit, number);
  if (c >= 0) return {c == 1, StatusSource::Computed};
  return {false, StatusSource::None};
}

int YearData::count_met(std::size_t unit) const {
  int n = 0;
  for (const auto& c : set_->criteria())
    if (status(unit, c.number).met) ++n;
  return n;
}

}  // namespace ntm
