#include "model/criteria.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "model/i18n.h"
#include "model/value_pack.h"
#include "store/database.h"

namespace ntm {

std::shared_ptr<const CriteriaSet> CriteriaSet::load(const store::Database& db, const std::string& id) {
  auto set = std::make_shared<CriteriaSet>();
  auto head = db.prepare("SELECT id, name, legal_basis, grade, valid_from, valid_to, level FROM criteria_set WHERE id = ?");
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
  set->level_ = head.get_text(6);

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
    SELECT indicator, ifnull(region, ''), ifnull(class, ''), ifnull(province_id, 0), ifnull(year, 0), value, confirmed,
           source, ifnull(note, '')
    FROM threshold WHERE set_id = ? ORDER BY id)");
  thresholds.bind(1, id);
  while (thresholds.step()) {
    auto it = set->indicator_by_id_.find(thresholds.get_text(0));
    if (it == set->indicator_by_id_.end()) continue;
    Threshold t;
    t.indicator = thresholds.get_text(0);
    t.region = thresholds.get_text(1);
    t.klass = thresholds.get_text(2);
    for (std::size_t start = 0; start < t.klass.size();) {
      std::size_t end = t.klass.find(';', start);
      std::string item = t.klass.substr(start, end == std::string::npos ? std::string::npos : end - start);
      std::size_t eq = item.find('=');
      if (eq != std::string::npos) t.conditions.emplace_back(item.substr(0, eq), item.substr(eq + 1));
      start = end == std::string::npos ? t.klass.size() : end + 1;
    }
    t.province = thresholds.get_int(3);
    t.year = static_cast<int>(thresholds.get_int(4));
    t.value = thresholds.get_double(5);
    t.confirmed = thresholds.get_int(6) != 0;
    t.source = thresholds.get_text(7);
    t.note = thresholds.get_text(8);
    set->indicators_[it->second].thresholds.push_back(std::move(t));
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

const Threshold* CriteriaSet::threshold(std::size_t indicator, const Unit& unit, UnitId province, int year) const {
  const Threshold* best = nullptr;
  std::tuple<int, int, int, int> best_score{-1, -1, -1, -1};
  for (const auto& t : indicators_[indicator].thresholds) {
    if (!t.region.empty() && t.region != unit.region()) continue;
    if (t.province != 0 && t.province != province) continue;
    if (t.year != 0 && t.year != year) continue;
    bool all = true;
    for (const auto& [key, value] : t.conditions)
      if (unit.klass(key) != value) { all = false; break; }
    if (!all) continue;
    // A province's own row, then the row with more class conditions, then a region's row;
    // within each, a year's own row beats the all-years row. Ties: the first row loaded.
    std::tuple<int, int, int, int> score{t.province != 0, static_cast<int>(t.conditions.size()), !t.region.empty(),
                                         t.year != 0};
    if (score > best_score) { best = &t; best_score = score; }
  }
  return best;
}

std::string CriteriaSet::scope_text(const Threshold& t) {
  std::string text;
  auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  if (t.province) add(tr("riêng của tỉnh", "the province's own"));
  for (const auto& [key, value] : t.conditions) {
    if (key == "nhom") add(tr("nhóm ", "group ") + value);
    else if (value == "1") add(key);
    else add(key + " " + value);
  }
  if (!t.region.empty()) add(tr("vùng ", "region ") + t.region);
  if (text.empty()) add(tr("chung", "general"));
  if (t.year) add(tr("năm ", "year ") + std::to_string(t.year));
  return text;
}

bool meets(double value, const std::string& comparison, double threshold) {
  if (std::isnan(value)) return false;
  // By its characters: a national review makes half a million of these comparisons.
  char first = comparison.empty() ? '\0' : comparison[0];
  if (comparison.size() == 2 && comparison[1] == '=') {
    if (first == '>') return value >= threshold;
    if (first == '<') return value <= threshold;
  } else if (comparison.size() == 1) {
    if (first == '>') return value > threshold;
    if (first == '<') return value < threshold;
  }
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

SetChoice choose_set(const store::Database& db, UnitId province, int year, const std::string& given,
                     const std::string& level, const std::string& grade) {
  SetChoice choice;
  if (!given.empty()) {
    auto stmt = db.prepare("SELECT id, valid_from, valid_to FROM criteria_set WHERE id = ?");
    stmt.bind(1, given);
    if (!stmt.step()) {
      std::vector<std::string> ids;
      auto all = db.prepare("SELECT id FROM criteria_set ORDER BY valid_from, id");
      while (all.step()) ids.push_back(all.get_text(0));
      std::string message = tr("không có bộ tiêu chí '", "no criteria set '") + given + "'" + tr(" (có: ", " (known: ");
      for (std::size_t i = 0; i < ids.size(); ++i) message += (i ? ", " : "") + ids[i];
      throw NotFound(message + ")", ids, given);
    }
    choice.id = given;
    choice.how = "given";
    choice.governs_year = year >= stmt.get_int(1) && year <= stmt.get_int(2);
    return choice;
  }
  if (province) {
    auto recorded = db.prepare(R"(
      SELECT s.set_id FROM province_set s JOIN criteria_set c ON c.id = s.set_id
      WHERE s.province_id = ? AND s.year = ? AND c.level = ? AND c.grade = ? LIMIT 1)");
    recorded.bind(1, province).bind(2, year).bind(3, level).bind(4, grade);
    if (recorded.step()) {
      choice.id = recorded.get_text(0);
      choice.how = "recorded";
      auto range = db.prepare("SELECT ? BETWEEN valid_from AND valid_to FROM criteria_set WHERE id = ?");
      range.bind(1, year).bind(2, choice.id);
      choice.governs_year = range.step() && range.get_int(0) != 0;
      return choice;
    }
  }
  choice.id = set_for_year(db, year, level, grade);
  choice.how = "default";
  return choice;
}

std::string set_choice_text(const SetChoice& choice, int year) {
  std::string y = std::to_string(year);
  std::string text = tr("bộ tiêu chí ", "criteria set ") + choice.id;
  if (choice.how == "default") text += tr(" (mặc định của năm ", " (the default for ") + y + ")";
  else if (choice.how == "recorded") text += tr(" (tỉnh đã ghi dùng cho năm ", " (recorded by the province for ") + y + ")";
  else text += tr(" (chọn bằng --set)", " (chosen with --set)");
  if (!choice.governs_year)
    text += tr("; lưu ý: bộ này không áp dụng cho năm ", "; note: this set does not govern the year ") + y;
  return text;
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
                                               std::shared_ptr<const CriteriaSet> set, int year, PackWriter* packs) {
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
  data->unit_has_assessed_.assign(units, 0);
  data->assessed_.assign(units * static_cast<std::size_t>(data->criteria_slots_), -1);
  data->computed_ = data->assessed_;

  std::unordered_map<UnitId, std::size_t> unit_index;
  for (std::size_t i = 0; i < units; ++i) unit_index[province->units()[i].id] = i;
  // The values from the province-year's pack (or indicator_value, packed for next time):
  // indicator codes are matched to the set once per pack, units once per unit.
  PackKey key{year, set->id(), province->id(), province->date()};
  ValuePack pack = load_values(db, key, packs);
  std::vector<int> ordinal(pack.indicators.size());
  for (std::size_t i = 0; i < pack.indicators.size(); ++i) ordinal[i] = set->indicator_index(pack.indicators[i]);
  for (const auto& u : pack.units) {
    auto at = unit_index.find(u.id);
    if (at == unit_index.end()) continue;
    double* row = data->values_.data() + at->second * indicators;
    for (const auto& v : u.values) {
      int ind = ordinal[v.indicator];
      if (ind < 0) continue;
      row[ind] = v.value;
      data->unit_has_values_[at->second] = 1;
      ++data->values_count_;
    }
  }
  // The statuses of the province's units on its map, looked up by id (the units are loaded);
  // CROSS JOIN keeps the ids outside: the other order scans every status of the year for each.
  // Each id is sought in the table itself (its primary key, unit_id first): through the index
  // criterion_status_year, which SQLite prefers, every row is found twice, 4 times the work.
  auto statuses = db.prepare("SELECT s.unit_id, s.criterion, s.met, s.by FROM json_each(?1) j "
                             "CROSS JOIN criterion_status s INDEXED BY sqlite_autoindex_criterion_status_1 "
                             "ON s.unit_id = j.value WHERE s.year = ?2 AND s.set_id = ?3");
  statuses.bind(1, province->ids_json()).bind(2, year).bind(3, set->id());
  while (statuses.step()) {
    auto u = unit_index.find(statuses.get_int(0));
    int criterion = static_cast<int>(statuses.get_int(1));
    if (u == unit_index.end() || criterion < 0 || criterion >= data->criteria_slots_) continue;
    std::size_t slot = u->second * static_cast<std::size_t>(data->criteria_slots_) + static_cast<std::size_t>(criterion);
    signed char met = statuses.get_int(2) ? 1 : 0;
    if (statuses.get_text(3) == "assessed") {
      data->assessed_[slot] = met;
      data->unit_has_assessed_[u->second] = 1;
      ++data->assessed_count_;
    } else {
      data->computed_[slot] = met;
      ++data->computed_count_;
    }
  }
  // Thresholds depend on a unit's classes (region, group, flags) once the province and the
  // year are fixed: chosen once for each distinct set of classes.
  std::map<std::map<std::string, std::string>, std::uint32_t> profiles;
  data->profile_.resize(units);
  for (std::size_t i = 0; i < units; ++i) {
    const Unit& u = province->units()[i];
    auto [at, added] = profiles.emplace(u.classes, static_cast<std::uint32_t>(profiles.size()));
    data->profile_[i] = at->second;
    if (!added) continue;
    for (std::size_t ind = 0; ind < indicators; ++ind)
      data->chosen_.push_back(set->threshold(ind, u, province->id(), year));
  }
  // The thresholds the communes with values are judged by that are not confirmed, in
  // indicator order, each once (the classes in the order the communes first have them).
  std::vector<std::uint32_t> used;
  std::vector<char> seen(profiles.size(), 0);
  for (std::size_t i : province->communes())
    if (data->unit_has_values_[i] && !seen[data->profile_[i]]++) used.push_back(data->profile_[i]);
  std::unordered_map<const Threshold*, char> said;
  for (std::size_t ind = 0; ind < indicators; ++ind)
    for (std::uint32_t p : used) {
      const Threshold* t = data->chosen_[p * indicators + ind];
      if (t && !t->confirmed && !said[t]++) data->unconfirmed_.push_back(t);
    }
  // Every unit's criteria decided once: a unit without data has none met (source none).
  // Only for a set whose criteria are numbered 1..64 (a bit each).
  bool masks = std::all_of(set->criteria().begin(), set->criteria().end(),
                           [](const Criterion& c) { return c.number >= 1 && c.number <= 64; });
  data->decisions_.assign(units, Decision{masks});
  if (masks)
    for (std::size_t i = 0; i < units; ++i)
      if (data->unit_has_data(i)) data->decisions_[i] = data->decide_now(i);
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
  for (std::size_t ind : criterion.indicators) {
    const Threshold* t = threshold(unit, ind);
    if (!t) return false;
    if (!meets(value(unit, ind), set_->indicators()[ind].comparison, t->value)) return false;
  }
  return true;
}

std::vector<std::size_t> YearData::failing(std::size_t unit, const Criterion& criterion,
                                           std::vector<std::size_t>* no_threshold) const {
  std::vector<std::size_t> out;
  for (std::size_t ind : criterion.indicators) {
    const Threshold* t = threshold(unit, ind);
    if (!t) {
      if (no_threshold) no_threshold->push_back(ind);
      out.push_back(ind);
    } else if (!meets(value(unit, ind), set_->indicators()[ind].comparison, t->value)) {
      out.push_back(ind);
    }
  }
  return out;
}

CriterionStatus YearData::status(std::size_t unit, int number) const {
  // Decided by values: the unit's decision holds it (for a criterion numbered 1..64).
  const Decision& d = decisions_[unit];
  if (d.complete && number >= 1 && number <= 64 && unit_has_values(unit) && set_->criterion(number))
    return {(d.met >> (number - 1) & 1) != 0, StatusSource::Indicators};
  return status_now(unit, number);
}

CriterionStatus YearData::status_now(std::size_t unit, int number) const {
  if (unit_has_values(unit)) {
    if (const Criterion* c = set_->criterion(number)) return {indicators_meet(unit, *c), StatusSource::Indicators};
  }
  int a = assessed(unit, number);
  if (a >= 0) return {a == 1, StatusSource::Assessed};
  return {false, StatusSource::None};
}

int YearData::count_met(std::size_t unit) const {
  if (decisions_[unit].complete) return decisions_[unit].count;
  int n = 0;
  for (const auto& c : set_->criteria())
    if (status(unit, c.number).met) ++n;
  return n;
}

Decision YearData::decide_now(std::size_t unit) const {
  Decision d;
  bool first = true;
  for (const auto& c : set_->criteria()) {
    if (c.number < 1 || c.number > 64) return Decision{false};
    std::uint64_t bit = std::uint64_t{1} << (c.number - 1);
    CriterionStatus s = status_now(unit, c.number);
    if (first) d.source = s.source;
    first = false;
    if (s.met) {
      d.met |= bit;
      ++d.count;
    }
    if (s.source != StatusSource::Indicators) continue;
    int a = assessed(unit, c.number);
    if (a >= 0 && (a == 1) != s.met) d.disagrees |= bit;
    for (std::size_t ind : c.indicators)
      if (!threshold(unit, ind)) {
        d.no_threshold |= bit;
        break;
      }
  }
  return d;
}

}  // namespace ntm
