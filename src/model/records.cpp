#include "model/records.h"

#include <algorithm>

#include "store/database.h"

namespace ntm {

namespace {

// Units under the province on the map of 31/12 of each year of from..to that has OCOP
// products: (id, y). Only those years: a report asks for every year up to its own (1990..Y),
// and walking the province's tree for each of 31 years was most of a province report's SQL.
constexpr const char* kPlaced = R"(
  WITH RECURSIVE years(y) AS (SELECT DISTINCT year FROM ocop_product WHERE year BETWEEN ?2 AND ?3),
  tree(id, y) AS (
    SELECT ?1, y FROM years
    UNION ALL
    SELECT p.unit_id, t.y FROM unit_period p JOIN tree t ON p.parent_id = t.id
    WHERE ifnull(p.valid_from, '') <= t.y || '-12-31' AND ifnull(p.valid_to, '9999-12-31') >= t.y || '-12-31') )";

std::string text(const store::Statement& s, int i) { return s.is_null(i) ? std::string() : s.get_text(i); }

}  // namespace

std::map<std::string, Statistic> province_statistics(const store::Database& db, UnitId province, int year) {
  auto stmt = db.prepare("SELECT key, value, as_printed, source FROM statistic WHERE unit_id = ? AND year = ?");
  stmt.bind(1, province).bind(2, year);
  std::map<std::string, Statistic> out;
  while (stmt.step()) {
    Statistic s;
    if (!stmt.is_null(1)) s.value = stmt.get_double(1);
    s.as_printed = text(stmt, 2);
    s.source = text(stmt, 3);
    out[stmt.get_text(0)] = std::move(s);
  }
  return out;
}

std::vector<Target> province_targets(const store::Database& db, UnitId province, int from, int to) {
  auto stmt = db.prepare("SELECT key, year, value, note, plan_year FROM target WHERE unit_id = ? AND year BETWEEN ? AND ? "
                         "ORDER BY year, key");
  stmt.bind(1, province).bind(2, from).bind(3, to);
  std::vector<Target> out;
  while (stmt.step())
    out.push_back({stmt.get_text(0), static_cast<int>(stmt.get_int(1)), stmt.get_double(2), text(stmt, 3),
                   stmt.is_null(4) ? 0 : static_cast<int>(stmt.get_int(4))});
  return out;
}

std::vector<Recognition> province_recognitions(const store::Database& db, const Province& map, int year) {
  auto stmt = db.prepare("SELECT unit_id, grade, year, ifnull(decision, ''), ifnull(date, '') FROM recognition "
                         "WHERE year <= ? AND (revoked IS NULL OR revoked > ?) ORDER BY year, unit_id");
  stmt.bind(1, year).bind(2, map.date());
  std::vector<Recognition> out;
  while (stmt.step()) {
    const Unit* u = map.find_id(stmt.get_int(0));
    if (!u) continue;
    const Unit* d = u->kind == "district" ? u : map.district_of(*u);
    out.push_back({u->kind, u->code, u->name, u->name_with_type, d ? d->name : std::string(), stmt.get_text(1),
                   stmt.get_text(3), stmt.get_text(4), static_cast<int>(stmt.get_int(2))});
  }
  std::stable_sort(out.begin(), out.end(), [](const Recognition& a, const Recognition& b) {
    return a.year != b.year ? a.year < b.year : a.code < b.code;
  });
  return out;
}

std::vector<OcopProduct> province_ocop(const store::Database& db, UnitId province, int from, int to) {
  auto stmt = db.prepare(std::string(kPlaced) + R"(
    SELECT o.id, o.name, o.producer, o.producer_kind, o.product_group, o.stars, o.score, o.year, u.code,
           (SELECT name_with_type FROM unit_period p WHERE p.unit_id = u.id
              AND ifnull(p.valid_from, '') <= o.year || '-12-31' AND ifnull(p.valid_to, '9999-12-31') >= o.year || '-12-31'),
           o.certified, o.expires, o.decision
    FROM ocop_product o JOIN tree t ON t.id = o.unit_id AND t.y = o.year JOIN unit u ON u.id = o.unit_id
    ORDER BY o.id)");
  stmt.bind(1, province).bind(2, from).bind(3, to);
  std::vector<OcopProduct> out;
  while (stmt.step()) {
    OcopProduct p;
    p.id = stmt.get_int(0);
    p.name = stmt.get_text(1);
    p.producer = stmt.get_text(2);
    p.producer_kind = stmt.get_text(3);
    p.group = stmt.get_text(4);
    p.stars = static_cast<int>(stmt.get_int(5));
    if (!stmt.is_null(6)) p.score = static_cast<int>(stmt.get_int(6));
    p.year = static_cast<int>(stmt.get_int(7));
    p.code = stmt.get_text(8);
    p.unit_name = text(stmt, 9);
    p.certified = text(stmt, 10);
    p.expires = text(stmt, 11);
    p.decision = text(stmt, 12);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace ntm
