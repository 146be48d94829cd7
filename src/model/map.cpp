#include "model/map.h"

#include "model/i18n.h"
#include "store/database.h"

namespace ntm {

namespace {

constexpr const char* kOnMap = "ifnull(p.valid_from, '') <= ?2 AND ifnull(p.valid_to, '9999-12-31') >= ?2";

// The latest name of a unit (for messages about units that no longer exist).
constexpr const char* kLatestName =
    "(SELECT name_with_type FROM unit_period WHERE unit_id = u.id ORDER BY ifnull(valid_from, '') DESC LIMIT 1)";

std::vector<Succession> successions(const store::Database& db, UnitId id, bool before) {
  std::string sql = std::string("SELECT u.id, u.code, ") + kLatestName + R"(, s.kind, s.date, ifnull(s.act, '')
    FROM succession s JOIN unit u ON u.id = )" + (before ? "s.predecessor_id WHERE s.successor_id = ?1"
                                                            : "s.successor_id WHERE s.predecessor_id = ?1") +
                    " ORDER BY s.kind DESC, u.code";
  auto stmt = db.prepare(sql);
  stmt.bind(1, id);
  std::vector<Succession> out;
  while (stmt.step())
    out.push_back({stmt.get_int(0), stmt.get_text(1), stmt.get_text(2), stmt.get_text(3), stmt.get_text(4), stmt.get_text(5)});
  return out;
}

}  // namespace

std::vector<UnitPeriod> unit_history(const store::Database& db, UnitId id) {
  auto stmt = db.prepare(R"(
    SELECT ifnull(p.valid_from, ''), ifnull(p.valid_to, ''), p.type, p.name, p.name_with_type, ifnull(p.parent_id, 0),
           ifnull(q.code, ''), ifnull((SELECT name_with_type FROM unit_period x WHERE x.unit_id = p.parent_id
                                       AND ifnull(x.valid_from, '') <= ifnull(p.valid_from, '0000-00-00')
                                       ORDER BY ifnull(x.valid_from, '') DESC LIMIT 1), ''),
           ifnull(p.act, '')
    FROM unit_period p LEFT JOIN unit q ON q.id = p.parent_id WHERE p.unit_id = ?1 ORDER BY ifnull(p.valid_from, ''))");
  stmt.bind(1, id);
  std::vector<UnitPeriod> out;
  while (stmt.step()) {
    UnitPeriod p;
    p.valid_from = stmt.get_text(0);
    p.valid_to = stmt.get_text(1);
    p.type = stmt.get_text(2);
    p.name = stmt.get_text(3);
    p.name_with_type = stmt.get_text(4);
    p.parent_id = stmt.get_int(5);
    p.parent_code = stmt.get_text(6);
    p.parent_name = stmt.get_text(7);
    p.act = stmt.get_text(8);
    // The parent of the first period of a base unit: its name at the base map.
    if (p.parent_name.empty() && p.parent_id) p.parent_name = unit_label(db, p.parent_id).name_with_type;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Succession> predecessors(const store::Database& db, UnitId id) { return successions(db, id, true); }
std::vector<Succession> successors(const store::Database& db, UnitId id) { return successions(db, id, false); }

std::string life_text(const UnitLabel& l) {
  if (l.valid_from.empty() && l.valid_to.empty()) return tr("(còn hiệu lực)", "(in force)");
  if (l.valid_from.empty()) return tr("có đến ", "existed until ") + vn_date(l.valid_to);
  if (l.valid_to.empty()) return tr("có từ ", "exists from ") + vn_date(l.valid_from);
  return tr("có từ ", "existed from ") + vn_date(l.valid_from) + tr(" đến ", " to ") + vn_date(l.valid_to);
}

std::string successor_text(const store::Database& db, UnitId id) {
  UnitLabel l = unit_label(db, id);
  if (l.valid_to.empty()) return {};
  auto next = successors(db, id);
  if (next.empty())
    return tr("; không rõ đơn vị kế thừa (dữ liệu bản đồ không ghi)", "; its successor is not recorded");
  std::string text = tr("; đơn vị kế thừa: ", "; succeeded by: ");
  for (std::size_t i = 0; i < next.size() && i < 6; ++i) {
    const auto& s = next[i];
    text += (i ? ", " : "") + s.name_with_type + " (" + s.code + ")";
    if (s.kind == "part") text += tr(" [một phần]", " [in part]");
  }
  if (next.size() > 6) text += tr(" và ", " and ") + std::to_string(next.size() - 6) + tr(" đơn vị khác", " more");
  text += tr(" từ ", " from ") + vn_date(next[0].date);
  return text;
}

std::vector<UnitId> units_with_code(const store::Database& db, const std::string& code) {
  auto stmt = db.prepare(R"(
    SELECT u.id FROM unit u JOIN unit_period p ON p.unit_id = u.id WHERE u.code = ?1
    GROUP BY u.id ORDER BY min(ifnull(p.valid_from, '')))");
  stmt.bind(1, code);
  std::vector<UnitId> out;
  while (stmt.step()) out.push_back(stmt.get_int(0));
  return out;
}

UnitId unit_at(const store::Database& db, const std::string& code, const std::string& date) {
  auto stmt = db.prepare(std::string("SELECT u.id FROM unit u JOIN unit_period p ON p.unit_id = u.id WHERE u.code = ?1 AND ") + kOnMap);
  stmt.bind(1, code).bind(2, date);
  return stmt.step() ? stmt.get_int(0) : 0;
}

std::string code_elsewhere(const store::Database& db, const std::string& code, const std::string& date) {
  auto ids = units_with_code(db, code);
  if (ids.empty()) return {};
  // The unit of that code nearest before the date, else the first after it.
  UnitId pick = ids.front();
  for (UnitId id : ids) {
    UnitLabel l = unit_label(db, id);
    if (l.valid_from.empty() || l.valid_from <= date) pick = id;
  }
  UnitLabel l = unit_label(db, pick);
  return tr("mã ", "code ") + code + " (" + l.name_with_type + ") " + life_text(l) + successor_text(db, pick);
}

UnitId province_of(const store::Database& db, UnitId id, const std::string& date) {
  auto stmt = db.prepare(std::string(R"(
    WITH RECURSIVE up(id, kind, depth) AS (
      SELECT u.id, u.kind, 0 FROM unit u WHERE u.id = ?1
      UNION ALL
      SELECT q.id, q.kind, up.depth + 1 FROM up JOIN unit_period p ON p.unit_id = up.id AND )") + kOnMap +
                         R"( JOIN unit q ON q.id = p.parent_id WHERE up.depth < 4
    ) SELECT id FROM up WHERE kind = 'province' LIMIT 1)");
  stmt.bind(1, id).bind(2, date);
  if (!stmt.step()) return 0;
  UnitId province = stmt.get_int(0);
  // The unit itself must be on that map.
  auto on = db.prepare(std::string("SELECT 1 FROM unit_period p WHERE p.unit_id = ?1 AND ") + kOnMap);
  on.bind(1, id).bind(2, date);
  return on.step() ? province : 0;
}

std::vector<std::string> former_districts(const store::Database& db, UnitId id) {
  auto stmt = db.prepare(R"(
    WITH prev(unit_id, day) AS (SELECT predecessor_id, date(date, '-1 day') FROM succession WHERE successor_id = ?1)
    SELECT dp.name, count(*) AS n FROM prev
      JOIN unit_period cp ON cp.unit_id = prev.unit_id AND ifnull(cp.valid_from, '') <= prev.day
                          AND ifnull(cp.valid_to, '9999-12-31') >= prev.day
      JOIN unit d ON d.id = cp.parent_id AND d.kind = 'district'
      JOIN unit_period dp ON dp.unit_id = d.id AND ifnull(dp.valid_from, '') <= prev.day
                          AND ifnull(dp.valid_to, '9999-12-31') >= prev.day
    GROUP BY dp.name ORDER BY n DESC, dp.name)");
  stmt.bind(1, id);
  std::vector<std::string> out;
  while (stmt.step()) out.push_back(stmt.get_text(0));
  return out;
}

MapCounts map_counts(const store::Database& db, const std::string& date, UnitId province) {
  MapCounts counts;
  counts.date = date;
  std::string sql;
  if (province) {
    sql = std::string(R"(
      WITH RECURSIVE tree(id) AS (
        SELECT ?1 UNION ALL
        SELECT p.unit_id FROM unit_period p JOIN tree t ON p.parent_id = t.id WHERE )") + kOnMap + R"(
      ) SELECT u.kind, p.type, count(*) FROM tree t JOIN unit u ON u.id = t.id
        JOIN unit_period p ON p.unit_id = u.id AND )" + kOnMap + " GROUP BY 1, 2";
  } else {
    sql = std::string("SELECT u.kind, p.type, count(*) FROM unit u JOIN unit_period p ON p.unit_id = u.id WHERE ?1 IS NULL AND ") +
          kOnMap + " GROUP BY 1, 2";
  }
  auto stmt = db.prepare(sql);
  if (province) stmt.bind(1, province); else stmt.bind_null(1);
  stmt.bind(2, date);
  while (stmt.step()) {
    int n = static_cast<int>(stmt.get_int(2));
    counts.by_kind[stmt.get_text(0)] += n;
    counts.by_type[stmt.get_text(0)][stmt.get_text(1)] += n;
  }
  return counts;
}

std::vector<std::string> map_change_dates(const store::Database& db) {
  auto stmt = db.prepare(R"(
    SELECT d FROM (SELECT valid_from AS d FROM unit_period WHERE valid_from IS NOT NULL
                   UNION SELECT date(valid_to, '+1 day') FROM unit_period WHERE valid_to IS NOT NULL)
    ORDER BY d)");
  std::vector<std::string> out;
  while (stmt.step()) out.push_back(stmt.get_text(0));
  return out;
}

}  // namespace ntm
