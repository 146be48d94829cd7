// Baseline of the benchmark: the national review of one year as a hand-written C++ program
// that reads the long table with SQLite and nothing else (what a developer would write instead
// of using ntm). Usage: ntm_baseline DB YEAR
// Prints province_code,key,count lines like bench/baseline.sql: key 'with_data', 'standard' or a
// criterion number. The rules are ntm's (see the header of bench/baseline.sql); threshold rows for
// classes other than the region are skipped (the national sample has none that apply).
#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

sqlite3* db = nullptr;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "ntm_baseline: %s: %s\n", what.c_str(), db ? sqlite3_errmsg(db) : "");
  std::exit(1);
}

// A prepared statement, finalized on scope exit.
struct Stmt {
  sqlite3_stmt* s = nullptr;
  explicit Stmt(const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) die(sql);
  }
  ~Stmt() { sqlite3_finalize(s); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool step() {
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) die("step");
    return false;
  }
  std::string text(int i) {
    auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
    return t ? t : "";
  }
  bool null(int i) { return sqlite3_column_type(s, i) == SQLITE_NULL; }
};

struct Indicator {
  int criterion;
  char cmp;                       // '>' for ">=", 'g' for ">", '<' for "<=", 'l' for "<", '='
  std::vector<std::size_t> rows;  // threshold rows of this indicator
};
struct Threshold {
  std::string region;
  sqlite3_int64 province = 0;
  int year = 0;
  double value = 0;
};
struct Unit {
  std::string code, kind, type;
  sqlite3_int64 parent = 0;
};

bool meets(double v, char cmp, double t) {
  switch (cmp) {
    case '>': return v >= t;
    case 'g': return v > t;
    case '<': return v <= t;
    case 'l': return v < t;
    default: return v == t;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ntm_baseline DB YEAR\n");
    return 2;
  }
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) die(argv[1]);
  const int year = std::atoi(argv[2]);
  char date[16];
  std::snprintf(date, sizeof date, "%04d-12-31", year);

  std::string set;
  {
    Stmt q("SELECT id FROM criteria_set WHERE level = 'commune' AND grade = 'standard' AND ?1 BETWEEN valid_from AND valid_to "
           "ORDER BY valid_from DESC, id LIMIT 1");
    sqlite3_bind_int(q.s, 1, year);
    if (!q.step()) die("no criteria set for the year");
    set = q.text(0);
  }
  std::vector<int> criteria;
  {
    Stmt q("SELECT number FROM criterion WHERE set_id = ?1 ORDER BY number");
    sqlite3_bind_text(q.s, 1, set.c_str(), -1, SQLITE_TRANSIENT);
    while (q.step()) criteria.push_back(sqlite3_column_int(q.s, 0));
  }
  int max_criterion = criteria.empty() ? 0 : criteria.back();
  std::vector<Indicator> indicators;
  std::unordered_map<std::string, std::size_t> indicator_index;
  {
    Stmt q("SELECT id, criterion, comparison FROM indicator WHERE set_id = ?1");
    sqlite3_bind_text(q.s, 1, set.c_str(), -1, SQLITE_TRANSIENT);
    while (q.step()) {
      std::string c = q.text(2);
      char cmp = c == ">=" ? '>' : c == ">" ? 'g' : c == "<=" ? '<' : c == "<" ? 'l' : '=';
      indicator_index[q.text(0)] = indicators.size();
      indicators.push_back({sqlite3_column_int(q.s, 1), cmp, {}});
    }
  }
  std::vector<Threshold> thresholds;
  {
    Stmt q("SELECT indicator, ifnull(region, ''), ifnull(province_id, 0), ifnull(year, 0), value FROM threshold "
           "WHERE set_id = ?1 AND class IS NULL ORDER BY id");
    sqlite3_bind_text(q.s, 1, set.c_str(), -1, SQLITE_TRANSIENT);
    while (q.step()) {
      auto it = indicator_index.find(q.text(0));
      if (it == indicator_index.end()) continue;
      indicators[it->second].rows.push_back(thresholds.size());
      thresholds.push_back({q.text(1), sqlite3_column_int64(q.s, 2), sqlite3_column_int(q.s, 3), sqlite3_column_double(q.s, 4)});
    }
  }
  // The map of 31/12 of the year, and the region classes.
  std::unordered_map<sqlite3_int64, Unit> units;
  {
    Stmt q("SELECT u.id, u.code, u.kind, p.type, ifnull(p.parent_id, 0) FROM unit u JOIN unit_period p ON p.unit_id = u.id "
           "AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1");
    sqlite3_bind_text(q.s, 1, date, -1, SQLITE_TRANSIENT);
    while (q.step()) units[sqlite3_column_int64(q.s, 0)] = {q.text(1), q.text(2), q.text(3), sqlite3_column_int64(q.s, 4)};
  }
  std::unordered_map<sqlite3_int64, std::pair<int, std::string>> region_class;   // unit → (year, region)
  {
    Stmt q("SELECT unit_id, year, value FROM unit_class WHERE key = 'region' AND year IN (0, ?1)");
    sqlite3_bind_int(q.s, 1, year);
    while (q.step()) {
      auto& r = region_class[sqlite3_column_int64(q.s, 0)];
      int y = sqlite3_column_int(q.s, 1);
      if (r.second.empty() || y > r.first) r = {y, q.text(2)};
    }
  }
  // Every rural commune: its province and region.
  struct Commune {
    std::string province;
    sqlite3_int64 province_id = 0;
    std::string region;
    std::size_t index = 0;   // into values / assessed
  };
  std::unordered_map<sqlite3_int64, Commune> communes;
  for (const auto& [id, u] : units) {
    if (u.kind != "commune" || u.type != "xa") continue;
    Commune c;
    bool have_region = false;
    for (sqlite3_int64 a = id; a != 0;) {
      auto it = units.find(a);
      if (it == units.end()) break;
      if (!have_region) {
        auto r = region_class.find(a);
        if (r != region_class.end()) { c.region = r->second.second; have_region = true; }
      }
      if (it->second.kind == "province") { c.province = it->second.code; c.province_id = a; break; }
      a = it->second.parent;
    }
    if (c.province.empty()) continue;
    c.index = communes.size();
    communes.emplace(id, c);
  }
  const std::size_t n_ind = indicators.size(), slots = static_cast<std::size_t>(max_criterion) + 1;
  std::vector<double> values(communes.size() * n_ind, NAN);
  std::vector<char> has_values(communes.size(), 0), has_assessed(communes.size(), 0);
  std::vector<signed char> assessed(communes.size() * slots, -1);
  {
    Stmt q("SELECT unit_id, indicator, value FROM indicator_value WHERE year = ?1 AND set_id = ?2");
    sqlite3_bind_int(q.s, 1, year);
    sqlite3_bind_text(q.s, 2, set.c_str(), -1, SQLITE_TRANSIENT);
    while (q.step()) {
      auto c = communes.find(sqlite3_column_int64(q.s, 0));
      if (c == communes.end()) continue;
      auto i = indicator_index.find(reinterpret_cast<const char*>(sqlite3_column_text(q.s, 1)));
      if (i == indicator_index.end()) continue;
      values[c->second.index * n_ind + i->second] = sqlite3_column_double(q.s, 2);
      has_values[c->second.index] = 1;
    }
  }
  {
    Stmt q("SELECT unit_id, criterion, met FROM criterion_status WHERE year = ?1 AND set_id = ?2 AND by = 'assessed'");
    sqlite3_bind_int(q.s, 1, year);
    sqlite3_bind_text(q.s, 2, set.c_str(), -1, SQLITE_TRANSIENT);
    while (q.step()) {
      auto c = communes.find(sqlite3_column_int64(q.s, 0));
      int n = sqlite3_column_int(q.s, 1);
      if (c == communes.end() || n < 0 || n > max_criterion) continue;
      assessed[c->second.index * slots + static_cast<std::size_t>(n)] = static_cast<signed char>(sqlite3_column_int(q.s, 2));
      has_assessed[c->second.index] = 1;
    }
  }
  // The threshold of each indicator for a (province, region): the most specific row.
  std::map<std::pair<sqlite3_int64, std::string>, std::vector<const Threshold*>> best_cache;
  auto best_for = [&](const Commune& c) -> const std::vector<const Threshold*>& {
    auto key = std::make_pair(c.province_id, c.region);
    auto it = best_cache.find(key);
    if (it != best_cache.end()) return it->second;
    std::vector<const Threshold*> best(n_ind, nullptr);
    for (std::size_t i = 0; i < n_ind; ++i) {
      int best_score = -1;
      for (std::size_t r : indicators[i].rows) {
        const Threshold& t = thresholds[r];
        if (!t.region.empty() && t.region != c.region) continue;
        if (t.province != 0 && t.province != c.province_id) continue;
        if (t.year != 0 && t.year != year) continue;
        int score = (t.province != 0) * 4 + (!t.region.empty()) * 2 + (t.year != 0);
        if (score > best_score) { best_score = score; best[i] = &t; }
      }
    }
    return best_cache.emplace(key, std::move(best)).first->second;
  };
  std::vector<std::vector<std::size_t>> of_criterion(slots);
  for (std::size_t i = 0; i < n_ind; ++i) of_criterion[static_cast<std::size_t>(indicators[i].criterion)].push_back(i);

  struct Counts {
    long with_data = 0, standard = 0;
    std::vector<long> met;
  };
  std::map<std::string, Counts> out;
  for (const auto& [id, c] : communes) {
    std::size_t k = c.index;
    if (!has_values[k] && !has_assessed[k]) continue;
    Counts& o = out[c.province];
    if (o.met.empty()) o.met.assign(slots, 0);
    const auto& best = has_values[k] ? best_for(c) : std::vector<const Threshold*>{};
    int count = 0;
    for (int n : criteria) {
      bool ok;
      if (has_values[k]) {
        const auto& inds = of_criterion[static_cast<std::size_t>(n)];
        ok = !inds.empty();
        for (std::size_t i : inds) {
          double v = values[k * n_ind + i];
          if (!best[i] || std::isnan(v) || !meets(v, indicators[i].cmp, best[i]->value)) { ok = false; break; }
        }
      } else {
        ok = assessed[k * slots + static_cast<std::size_t>(n)] == 1;
      }
      if (ok) { ++count; ++o.met[static_cast<std::size_t>(n)]; }
    }
    ++o.with_data;
    if (count >= static_cast<int>(criteria.size())) ++o.standard;
  }
  for (const auto& [province, o] : out) {
    std::printf("%s,with_data,%ld\n%s,standard,%ld\n", province.c_str(), o.with_data, province.c_str(), o.standard);
    for (int n : criteria) std::printf("%s,%d,%ld\n", province.c_str(), n, o.met[static_cast<std::size_t>(n)]);
  }
  sqlite3_close(db);
  return 0;
}
