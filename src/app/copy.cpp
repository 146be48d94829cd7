#include "app/copy.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <memory>
#include <stdexcept>
#include <utility>
#include <variant>

#include "app/paths.h"
#include "app/provenance.h"   // open_for_writing
#include "app/run.h"          // open_for_reading
#include "app/store_province.h"
#include "model/i18n.h"
#include "model/text.h"
#include "store/connection.h"
#include "store/pg_schema.h"
#include "store/schema.h"

namespace ntm::app {

namespace {

namespace fs = std::filesystem;
using store::Connection;
using store::Value;
using Tuple = std::vector<Value>;

// One table in the copy's scope. `keys` identify a row (the unit or province column first),
// `values` are the rest that is copied; columns not named (surrogate ids, run_id) are left to
// the destination.
struct Table {
  const char* name;
  bool by_province;                 // scope: province_id = the province; else unit_id in its units
  std::vector<const char*> keys;
  std::vector<const char*> values;
  const char* year;                 // the column a span of years filters, nullptr: none
};

const std::vector<Table>& tables() {
  static const std::vector<Table> list = {
      {"province_set", true, {"province_id", "year", "set_id"}, {"source"}, "year"},
      {"threshold", true, {"province_id", "set_id", "indicator", "region", "class", "year"}, {"value", "confirmed", "source", "note"}, "year"},
      {"unit_class", false, {"unit_id", "key", "year"}, {"value", "source"}, "year"},
      {"unit_tag", false, {"unit_id", "tag"}, {}, nullptr},
      {"indicator_value", false, {"unit_id", "year", "set_id", "indicator"}, {"value", "source", "note"}, "year"},
      {"criterion_status", false, {"unit_id", "year", "set_id", "criterion", "\"by\""}, {"met", "source"}, "year"},
      {"recognition", false, {"unit_id", "grade"}, {"year", "decision", "date", "revoked"}, "year"},
      {"funding", false, {"unit_id", "year", "source", "stage", "component"}, {"amount", "note"}, "year"},
      {"target", false, {"unit_id", "year", "key"}, {"value", "note", "plan_year"}, "year"},
      {"statistic", false, {"unit_id", "year", "key"}, {"value", "as_printed", "source"}, "year"},
      // No natural key: every column is the key, and equal rows are counted (a multiset).
      {"ocop_product", false, {"unit_id", "name", "producer", "producer_kind", "product_group", "stars", "score", "year",
                               "certified", "expires", "decision"}, {}, "year"},
  };
  return list;
}

// "?, ?, ?": one placeholder per id.
std::string marks(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

// The units under the provinces `ids` in any period (the provinces themselves included), as a
// CTE `down`; its parameters are the ids.
std::string scope_cte(std::size_t ids) {
  return "WITH RECURSIVE down(id) AS (SELECT u.id FROM unit u WHERE u.id IN (" + marks(ids) +
         ") UNION SELECT p.unit_id FROM unit_period p JOIN down ON p.parent_id = down.id) ";
}

std::vector<Value> as_values(const std::vector<std::int64_t>& ids) { return {ids.begin(), ids.end()}; }

std::string join(const std::vector<const char*>& names, const char* separator) {
  std::string out;
  for (const char* n : names) out += (out.empty() ? "" : separator) + std::string(n);
  return out;
}

// A unit's identity across stores: its code, kind and the start of its first period.
using UnitKey = std::tuple<std::string, std::string, std::string>;

std::string text_of(const Value& v) { return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : ""; }

std::map<std::int64_t, UnitKey> scope_units(Connection& conn, const std::vector<std::int64_t>& provinces) {
  std::map<std::int64_t, UnitKey> units;
  auto rows = conn.query(scope_cte(provinces.size()) +
                             "SELECT u.id, u.code, u.kind, (SELECT min(coalesce(p.valid_from, '')) FROM unit_period p "
                             "WHERE p.unit_id = u.id) FROM unit u JOIN down ON down.id = u.id",
                         as_values(provinces));
  for (auto& row : rows.rows)
    units[std::get<std::int64_t>(row[0])] = {text_of(row[1]), text_of(row[2]), text_of(row[3])};
  return units;
}

std::int64_t mapped(const std::map<std::int64_t, std::int64_t>& map, const Value& id) {
  auto it = map.find(std::get<std::int64_t>(id));
  if (it == map.end())
    throw std::runtime_error(tr("đơn vị mã số nội bộ ", "unit of internal id ") + std::to_string(std::get<std::int64_t>(id)) +
                             tr(" không thuộc tỉnh được chép; không có gì được chép", " is not of the province copied; nothing was copied"));
  return it->second;
}

struct Side {
  std::unique_ptr<Connection> conn;
  std::vector<std::int64_t> provinces;   // the province's identities (a code can pass between them)
};

// Rows of `table` in scope, by key (after `map` turned the first key column into the
// destination's id), each key with its value tuples (several only for a multiset table).
using Content = std::map<Tuple, std::vector<Tuple>>;

Content read_table(Side& side, const Table& table, const std::optional<std::pair<int, int>>& span,
                   const std::map<std::int64_t, std::int64_t>* map) {
  std::string sql = table.by_province ? std::string() : scope_cte(side.provinces.size());
  sql += "SELECT " + join(table.keys, ", ");
  if (!table.values.empty()) sql += ", " + join(table.values, ", ");
  sql += std::string(" FROM ") + table.name + " WHERE " +
         (table.by_province ? "province_id IN (" + marks(side.provinces.size()) + ")" : "unit_id IN (SELECT id FROM down)");
  std::vector<Value> params = as_values(side.provinces);
  if (span) {
    sql += std::string(" AND ") + table.year + " BETWEEN ? AND ?";
    params.push_back(std::int64_t{span->first});
    params.push_back(std::int64_t{span->second});
  }
  Content content;
  const std::size_t nkeys = table.keys.size();
  for (auto& row : side.conn->query(sql, params).rows) {
    Tuple key(std::make_move_iterator(row.begin()), std::make_move_iterator(row.begin() + static_cast<long>(nkeys)));
    Tuple values(std::make_move_iterator(row.begin() + static_cast<long>(nkeys)), std::make_move_iterator(row.end()));
    if (map) key[0] = mapped(*map, key[0]);
    content[std::move(key)].push_back(std::move(values));
  }
  for (auto& [key, rows] : content) std::sort(rows.begin(), rows.end());
  return content;
}

void delete_rows(Connection& conn, const Table& table, const Tuple& key) {
  std::string sql = std::string("DELETE FROM ") + table.name + " WHERE ";
  for (std::size_t i = 0; i < table.keys.size(); ++i) sql += (i ? " AND " : "") + conn.same(table.keys[i]);
  conn.query(sql, key);
}

// New rows of one table, sent a few hundred per statement (one round trip each on a server).
class Inserter {
 public:
  Inserter(Connection& conn, const Table& table) : conn_(conn) {
    head_ = std::string("INSERT INTO ") + table.name + " (" + join(table.keys, ", ");
    if (!table.values.empty()) head_ += ", " + join(table.values, ", ");
    head_ += ") VALUES ";
    row_ = "(" + marks(table.keys.size() + table.values.size()) + ")";
  }
  void add(const Tuple& key, const Tuple& values) {
    params_.insert(params_.end(), key.begin(), key.end());
    params_.insert(params_.end(), values.begin(), values.end());
    if (++rows_ == kRows) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    std::string sql = head_;
    for (int i = 0; i < rows_; ++i) sql += (i ? ", " : "") + row_;
    conn_.query(sql, params_);
    params_.clear();
    rows_ = 0;
  }
 private:
  static constexpr int kRows = 500;   // × at most 12 columns: under both engines' parameter limits
  Connection& conn_;
  std::string head_, row_;
  std::vector<Value> params_;
  int rows_ = 0;
};

// Makes the destination's rows of `table` equal to the source's; counts what changed.
TableChange apply(Connection& to, const Table& table, const Content& source, const Content& dest, bool write) {
  TableChange change{table.name};
  Inserter inserts(to, table);
  for (const auto& [key, rows] : dest) {
    if (source.count(key)) continue;
    change.removed += static_cast<std::int64_t>(rows.size());
    if (write) delete_rows(to, table, key);
  }
  for (const auto& [key, rows] : source) {
    auto there = dest.find(key);
    if (there != dest.end() && there->second == rows) {
      change.same += static_cast<std::int64_t>(rows.size());
      continue;
    }
    if (there == dest.end()) change.added += static_cast<std::int64_t>(rows.size());
    else change.changed += static_cast<std::int64_t>(rows.size());
    if (!write) continue;
    if (there != dest.end()) delete_rows(to, table, key);
    for (const auto& values : rows) inserts.add(key, values);
  }
  inserts.flush();
  return change;
}

// Saved allocation plans of the province, by name, with their lines (unit ids mapped).
struct Plan {
  Tuple fields;                 // province_id (mapped), formula … created
  std::vector<Tuple> lines;     // unit_id, weight, amount, counterpart, explanation; sorted
  bool operator==(const Plan& o) const { return fields == o.fields && lines == o.lines; }
};
constexpr const char* kPlanFields = "province_id, formula, formula_sha256, formula_source, params, inputs_hash, year, total, created";

// The plans of `schema` ("" or "base."), of the provinces `provinces` (nullptr: all) in `span`.
std::map<std::string, Plan> read_plans(Connection& conn, const std::string& schema, const std::vector<std::int64_t>* provinces,
                                       const std::optional<std::pair<int, int>>& span,
                                       const std::map<std::int64_t, std::int64_t>* map) {
  std::string sql = std::string("SELECT id, name, ") + kPlanFields + " FROM " + schema + "allocation_plan WHERE 1 = 1";
  std::vector<Value> params;
  if (provinces) {
    sql += " AND province_id IN (" + marks(provinces->size()) + ")";
    params = as_values(*provinces);
  }
  if (span) {
    sql += " AND year BETWEEN ? AND ?";
    params.push_back(std::int64_t{span->first});
    params.push_back(std::int64_t{span->second});
  }
  std::map<std::string, Plan> plans;
  for (auto& row : conn.query(sql, params).rows) {
    Plan& plan = plans[text_of(row[1])];
    plan.fields.assign(row.begin() + 2, row.end());
    if (map) plan.fields[0] = mapped(*map, plan.fields[0]);
    for (auto& line : conn.query("SELECT unit_id, weight, amount, counterpart, explanation FROM " + schema + "allocation_line "
                                 "WHERE plan_id = ?", {row[0]}).rows) {
      if (map) line[0] = mapped(*map, line[0]);
      plan.lines.push_back(std::move(line));
    }
    std::sort(plan.lines.begin(), plan.lines.end());
  }
  return plans;
}

std::map<std::string, Plan> read_plans(Side& side, const std::optional<std::pair<int, int>>& span,
                                       const std::map<std::int64_t, std::int64_t>* map) {
  return read_plans(*side.conn, "", &side.provinces, span, map);
}

TableChange apply_plans(Connection& to, const std::vector<std::int64_t>& provinces, const std::map<std::string, Plan>& source,
                        const std::map<std::string, Plan>& dest, bool write) {
  TableChange change{"allocation_plan"};
  // Names are unique in the table: the province filter only keeps a copy inside its scope.
  auto remove = [&](const std::string& name) {
    auto params = as_values(provinces);
    params.push_back(name);
    to.query("DELETE FROM allocation_plan WHERE " +
                 (provinces.empty() ? std::string() : "province_id IN (" + marks(provinces.size()) + ") AND ") + "name = ?",
             params);
  };
  for (const auto& [name, plan] : dest)
    if (!source.count(name)) {
      ++change.removed;
      if (write) remove(name);
    }
  for (const auto& [name, plan] : source) {
    auto there = dest.find(name);
    if (there != dest.end() && there->second == plan) {
      ++change.same;
      continue;
    }
    ++(there == dest.end() ? change.added : change.changed);
    if (!write) continue;
    if (there != dest.end()) remove(name);
    Tuple params{name};
    params.insert(params.end(), plan.fields.begin(), plan.fields.end());
    auto id = to.query(std::string("INSERT INTO allocation_plan (name, ") + kPlanFields +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                             params).rows.at(0).at(0);
    for (const auto& line : plan.lines) {
      Tuple p{id};
      p.insert(p.end(), line.begin(), line.end());
      to.query("INSERT INTO allocation_line (plan_id, unit_id, weight, amount, counterpart, explanation) "
                     "VALUES (?, ?, ?, ?, ?, ?)", p);
    }
  }
  return change;
}

std::unique_ptr<Connection> open_store(const std::string& address, bool writable) {
  if (is_postgres_address(address)) {
    store::PgConnection conn(address);
    require_current_schema(conn);
    return store::postgres_connection(std::move(conn));
  }
  fs::path path = address;
  return store::sqlite_connection(writable ? open_for_writing(path) : open_for_reading(path));
}

bool same_store(const std::string& a, const std::string& b) {
  if (is_postgres_address(a) || is_postgres_address(b)) return a == b;
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

std::string latest_name(Connection& conn, std::int64_t unit) {
  auto rows = conn.query("SELECT name FROM unit_period WHERE unit_id = ? ORDER BY coalesce(valid_from, '') DESC LIMIT 1", {unit});
  return rows.rows.empty() ? std::string() : text_of(rows.rows[0][0]);
}

int kind_rank(const std::string& kind) {
  static const std::vector<std::string> order{"province", "district", "commune", "village"};
  return static_cast<int>(std::find(order.begin(), order.end(), kind) - order.begin());
}

// The units of a store by identity (code, kind, first period): every unit, or the listed ones.
std::map<std::int64_t, UnitKey> unit_keys(Connection& conn, const std::optional<std::int64_t>& only = std::nullopt) {
  std::map<std::int64_t, UnitKey> units;
  std::string sql = "SELECT u.id, u.code, u.kind, (SELECT min(coalesce(p.valid_from, '')) FROM unit_period p "
                    "WHERE p.unit_id = u.id) FROM unit u";
  std::vector<Value> params;
  if (only) {
    sql += " WHERE u.id = ?";
    params.push_back(*only);
  }
  for (auto& row : conn.query(sql, params).rows)
    units[std::get<std::int64_t>(row[0])] = {text_of(row[1]), text_of(row[2]), text_of(row[3])};
  return units;
}

std::string unit_words(const UnitKey& key) { return std::get<0>(key) + " (" + std::get<1>(key) + ")"; }

// The source's unit ids → the destination's, matched by code, kind and first period. A unit of
// the province that the destination lacks (a village an office added, a unit of a newer map) is
// added there with its periods, parents first; in a dry run it is only counted (and mapped to a
// negative id that matches nothing). Throws when a period's parent is on neither side.
std::map<std::int64_t, std::int64_t> match_units(Side& from, Side& to, const CopyReport& report, bool write,
                                                 TableChange& added) {
  std::map<UnitKey, std::int64_t> theirs;
  for (const auto& [id, key] : unit_keys(*to.conn)) theirs[key] = id;
  std::map<std::int64_t, std::int64_t> map;
  std::vector<std::pair<std::int64_t, UnitKey>> missing;
  for (const auto& [id, key] : scope_units(*from.conn, from.provinces)) {
    auto it = theirs.find(key);
    if (it != theirs.end()) map[id] = it->second;
    else missing.emplace_back(id, key);
  }
  std::stable_sort(missing.begin(), missing.end(),
                   [](const auto& a, const auto& b) { return kind_rank(std::get<1>(a.second)) < kind_rank(std::get<1>(b.second)); });
  std::int64_t placeholder = 0;
  for (const auto& [id, key] : missing) {
    auto periods = from.conn->query("SELECT valid_from, valid_to, type, name, name_with_type, parent_id, act FROM unit_period "
                                    "WHERE unit_id = ? ORDER BY coalesce(valid_from, '')", {id});
    for (auto& period : periods.rows) {
      if (std::holds_alternative<std::monostate>(period[5])) continue;
      std::int64_t parent = std::get<std::int64_t>(period[5]);
      auto known = map.find(parent);
      if (known == map.end()) {
        auto parent_key = unit_keys(*from.conn, parent);
        auto there = parent_key.empty() ? theirs.end() : theirs.find(parent_key.begin()->second);
        if (there == theirs.end())
          throw std::runtime_error(tr("đơn vị ", "the unit ") + unit_words(key) + tr(" thuộc một đơn vị không có trong ", " belongs to a unit missing from ") +
                                   report.to + (parent_key.empty() ? "" : ": " + unit_words(parent_key.begin()->second)) +
                                   tr("; không có gì được chép", "; nothing was copied"));
        known = map.emplace(parent, there->second).first;
      }
      period[5] = known->second;
    }
    ++added.added;
    if (!write) {
      map[id] = --placeholder;
      continue;
    }
    auto made = to.conn->query("INSERT INTO unit (code, kind) VALUES (?, ?) RETURNING id", {std::get<0>(key), std::get<1>(key)});
    std::int64_t new_id = std::get<std::int64_t>(made.rows.at(0).at(0));
    map[id] = new_id;
    for (auto& period : periods.rows) {
      period.insert(period.begin(), new_id);
      to.conn->query("INSERT INTO unit_period (unit_id, valid_from, valid_to, type, name, name_with_type, parent_id, act) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", period);
    }
  }
  added.same = static_cast<std::int64_t>(map.size()) - added.added;
  return map;
}

// Finds the province `given` names in the source: its code, name and identities.
void name_province(Side& from, const std::string& given, CopyReport& report) {
  report.province_code = province_code(*from.conn, given);
  from.provinces = province_identities(*from.conn, report.province_code, given);
  // Named by a name: that name (an old one too); by its code: the current name.
  report.province_name = given == report.province_code ? province_name(*from.conn, report.province_code)
                                                       : latest_name(*from.conn, from.provinces.front());
}

// Makes the destination's rows of the province (from.provinces) in `span` equal to the source's,
// inside the caller's transactions; report.tables says what changed (or would, unless `write`).
void copy_scope(Side& from, Side& to, const std::optional<std::pair<int, int>>& span, bool write, CopyReport& report) {
  report.tables.clear();
  TableChange units{"unit"};
  auto map = match_units(from, to, report, write, units);
  report.tables.push_back(units);
  to.provinces.clear();
  for (std::int64_t id : from.provinces) to.provinces.push_back(map.at(id));
  for (const Table& table : tables()) {
    if (span && !table.year) continue;
    Content source = read_table(from, table, span, &map);
    Content dest = read_table(to, table, span, nullptr);
    report.tables.push_back(apply(*to.conn, table, source, dest, write));
  }
  report.tables.push_back(apply_plans(*to.conn, to.provinces, read_plans(from, span, &map), read_plans(to, span, nullptr), write));
}

}  // namespace

std::int64_t CopyReport::total(std::int64_t TableChange::*field) const {
  std::int64_t sum = 0;
  for (const auto& t : tables) sum += t.*field;
  return sum;
}

CopyReport copy_province(const CopyOptions& options) {
  if (options.province.empty() || fold(options.province) == "all")
    throw std::invalid_argument(tr("--province: ntm copy chép một tỉnh; hãy cho mã hoặc tên tỉnh",
                                   "--province: ntm copy copies one province; give its code or name"));
  if (options.from_year.has_value() != options.to_year.has_value())
    throw std::invalid_argument(tr("--from-year và --to-year đi cùng nhau (một năm: cho cả hai cùng năm đó)",
                                   "--from-year and --to-year go together (one year: give it to both)"));
  std::optional<std::pair<int, int>> span;
  if (options.from_year) {
    if (*options.from_year > *options.to_year)
      throw std::invalid_argument("--from-year " + std::to_string(*options.from_year) + tr(" sau --to-year ", " after --to-year ") +
                                  std::to_string(*options.to_year));
    span = std::make_pair(*options.from_year, *options.to_year);
  }
  if (same_store(options.from, options.to))
    throw std::invalid_argument(tr("--from và --to là cùng một cơ sở dữ liệu: ", "--from and --to are the same database: ") + options.to);

  Side from{open_store(options.from, false), {}}, to{open_store(options.to, !options.dry_run), {}};
  CopyReport report;
  report.from = describe(*from.conn);
  report.to = describe(*to.conn);

  from.conn->read([&] {
    name_province(from, options.province, report);
    auto body = [&] { copy_scope(from, to, span, !options.dry_run, report); };
    // A dry run reads the destination only: nothing to roll back.
    if (options.dry_run) to.conn->read(body);
    else to.conn->write(body);
  });
  return report;
}

std::vector<CopyReport> copy_every_province(const std::string& file, const std::string& address, bool force) {
  Side from{open_store(file, false), {}}, to{open_store(address, true), {}};
  std::vector<CopyReport> reports;
  from.conn->read([&] {
    // The provinces above every unit that has a row of data, in any period. (Not unit_class: the
    // map gives many units a class, and the file's classes travel with its provinces anyway.)
    std::vector<std::string> codes;
    std::string units;
    for (const Table& table : tables())
      if (!table.by_province && std::string(table.name) != "unit_class") units += std::string(units.empty() ? "" : " UNION ") + "SELECT unit_id FROM " + table.name;
    for (const auto& row : from.conn->query("WITH RECURSIVE up(id) AS (" + units + " UNION SELECT p.parent_id FROM unit_period p "
                                            "JOIN up ON p.unit_id = up.id WHERE p.parent_id IS NOT NULL) "
                                            "SELECT DISTINCT u.code FROM up JOIN unit u ON u.id = up.id WHERE u.kind = 'province' "
                                            "ORDER BY u.code").rows)
      codes.push_back(text_of(row[0]));
    to.conn->write([&] {
      reports.clear();
      for (const auto& code : codes) {
        CopyReport& report = reports.emplace_back();
        report.from = describe(*from.conn);
        report.to = describe(*to.conn);
        name_province(from, code, report);
        copy_scope(from, to, std::nullopt, true, report);
        if (!force && report.total(&TableChange::changed) + report.total(&TableChange::removed) > 0)
          throw std::runtime_error(report.to + tr(" đã có số liệu khác của tỉnh ", " already holds other data of the province ") +
                                   report.province_name + " (" + code + tr("); dùng --force để thay bằng số liệu mới; không có gì được ghi",
                                                                           "); use --force to replace it; nothing was written"));
      }
      // What the file says of itself (sample, source, note...): the server says the same.
      for (const auto& row : from.conn->query("SELECT key, value FROM meta WHERE key NOT LIKE 'reference:%' ORDER BY key").rows)
        to.conn->query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", row);
    });
  });
  return reports;
}

std::vector<TableChange> push_changes(const fs::path& before, const fs::path& after, const std::string& address) {
  store::Database db(after, store::OpenMode::ReadOnly);
  std::string base = before.string();
  for (std::size_t at = base.find('\''); at != std::string::npos; at = base.find('\'', at + 2)) base.insert(at, "'");
  db.exec("ATTACH DATABASE '" + base + "' AS base");
  auto changed = store::sqlite_connection(db);
  // The map is the national office's: a command that changed it cannot send it this way.
  for (const char* table : {"unit", "unit_period", "succession", "succession_unresolved"}) {
    const std::string t = table;
    if (!changed->query("SELECT 1 FROM (SELECT * FROM main." + t + " EXCEPT SELECT * FROM base." + t + ") UNION ALL "
                        "SELECT 1 FROM (SELECT * FROM base." + t + " EXCEPT SELECT * FROM main." + t + ") LIMIT 1").rows.empty())
      throw std::runtime_error(tr("lệnh này thay đổi bản đồ đơn vị hành chính (bảng ", "this command changes the map of units (table ") + t +
                               tr("), việc chưa làm được trên máy chủ PostgreSQL: làm trên một tệp rồi gửi bằng ntm copy; không có gì được ghi",
                                  "), which cannot be done on a PostgreSQL server yet: do it on a file and send it with ntm copy; "
                                  "nothing was written"));
  }
  auto to = open_store(address, true);
  std::vector<TableChange> changes;
  to->write([&] {
    changes.clear();
    for (const Table& table : tables()) {
      const std::string t = table.name;
      std::string keys = join(table.keys, ", "), columns = keys;
      if (!table.values.empty()) columns += ", " + join(table.values, ", ");
      TableChange change{t};
      Inserter inserts(*to, table);
      for (const auto& key : changed->query("SELECT " + keys + " FROM base." + t + " EXCEPT SELECT " + keys + " FROM main." + t).rows) {
        delete_rows(*to, table, key);
        ++change.removed;
      }
      std::set<Tuple> new_keys;
      for (auto& key : changed->query("SELECT " + keys + " FROM main." + t + " EXCEPT SELECT " + keys + " FROM base." + t).rows)
        new_keys.insert(std::move(key));
      const std::size_t nkeys = table.keys.size();
      for (auto& row : changed->query("SELECT " + columns + " FROM main." + t + " EXCEPT SELECT " + columns + " FROM base." + t).rows) {
        Tuple key(row.begin(), row.begin() + static_cast<long>(nkeys)), values(row.begin() + static_cast<long>(nkeys), row.end());
        if (new_keys.count(key)) {
          ++change.added;
        } else {
          ++change.changed;
          delete_rows(*to, table, key);
        }
        inserts.add(key, values);
      }
      inserts.flush();
      changes.push_back(change);
    }
    // Plans saved by the command (by name; the server gives them ids of its own).
    auto after_plans = read_plans(*changed, "", nullptr, std::nullopt, nullptr);
    auto before_plans = read_plans(*changed, "base.", nullptr, std::nullopt, nullptr);
    for (auto it = before_plans.begin(); it != before_plans.end();)
      it = after_plans.count(it->first) ? std::next(it) : before_plans.erase(it);   // removals are not a command's
    changes.push_back(apply_plans(*to, {}, after_plans, before_plans, true));
  });
  return changes;
}

}  // namespace ntm::app
