#include "app/map_info.h"

#include <map>
#include <set>

#include "model/map_history.h"
#include "store/database.h"

namespace ntm::app {

MapSummary map_summary(const store::Database& db, const std::string& date, const std::string& province, bool list) {
  MapSummary s;
  s.date = date;
  UnitId id = province.empty() ? 0 : find_province(db, province, date);
  if (id) s.province = unit_label(db, id);
  s.counts = map_counts(db, date, id);
  if (id && list) {
    auto p = Province::load(db, id, date, std::atoi(date.substr(0, 4).c_str()));
    for (const Unit& u : p->units())
      if (u.kind == "district" || u.kind == "commune") s.units.push_back(u);
  }
  return s;
}

std::vector<CodeIdentity> code_history(const store::Database& db, const std::string& code) {
  std::vector<CodeIdentity> out;
  auto unresolved = db.prepare("SELECT text, ifnull(kind, ''), status FROM succession_unresolved WHERE successor_id = ?");
  auto kind = db.prepare("SELECT kind FROM unit WHERE id = ?");
  for (UnitId id : units_with_code(db, code)) {
    CodeIdentity c;
    c.label = unit_label(db, id);
    kind.bind(1, id);
    if (kind.step()) c.kind = kind.get_text(0);
    kind.reset();
    c.periods = unit_history(db, id);
    c.predecessors = predecessors(db, id);
    c.successors = successors(db, id);
    unresolved.bind(1, id);
    while (unresolved.step())
      c.unresolved.push_back(unresolved.get_text(0) + " (" + unresolved.get_text(1) + ", " + unresolved.get_text(2) + ")");
    unresolved.reset();
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<MapChange> map_changes(const store::Database& db, const std::string& from, const std::string& to,
                                   const std::string& province) {
  // Periods opening in the range, and periods closing the day before a date in the range.
  auto stmt = db.prepare(R"(
    SELECT u.id, u.kind, u.code, p.valid_from AS d, 'open', p.type, p.name_with_type, ifnull(p.parent_id, 0), ifnull(p.act, '')
    FROM unit_period p JOIN unit u ON u.id = p.unit_id WHERE p.valid_from BETWEEN ?1 AND ?2 AND u.kind <> 'village'
    UNION ALL
    SELECT u.id, u.kind, u.code, date(p.valid_to, '+1 day') AS d, 'close', p.type, p.name_with_type, ifnull(p.parent_id, 0), ''
    FROM unit_period p JOIN unit u ON u.id = p.unit_id
    WHERE date(p.valid_to, '+1 day') BETWEEN ?1 AND ?2 AND u.kind <> 'village'
    ORDER BY d, 3, 1)");
  stmt.bind(1, from).bind(2, to);
  struct Side { std::string type, name; UnitId parent = 0; std::string act; bool present = false; };
  struct Key { std::string date; UnitId id; bool operator<(const Key& o) const { return date != o.date ? date < o.date : id < o.id; } };
  std::map<Key, std::pair<Side, Side>> sides;   // (before, after)
  std::map<UnitId, std::pair<std::string, std::string>> unit;   // kind, code
  while (stmt.step()) {
    Key k{stmt.get_text(3), stmt.get_int(0)};
    unit[k.id] = {stmt.get_text(1), stmt.get_text(2)};
    Side s{stmt.get_text(5), stmt.get_text(6), stmt.get_int(7), stmt.get_text(8), true};
    if (stmt.get_text(4) == "open") sides[k].second = s;
    else sides[k].first = s;
  }
  UnitId only = 0;
  std::vector<MapChange> out;
  for (const auto& [k, pair] : sides) {
    const auto& [before, after] = pair;
    if (!province.empty()) {
      only = 0;
      try { only = find_province(db, province, after.present ? k.date : day_before(k.date)); } catch (const NotFound&) {}
      UnitId in = province_of(db, k.id, after.present ? k.date : day_before(k.date));
      if (!only || in != only) continue;
    }
    MapChange c;
    c.date = k.date;
    c.kind = unit[k.id].first;
    c.code = unit[k.id].second;
    c.act = after.act;
    auto join = [](const std::vector<Succession>& list) {
      std::string t;
      for (const auto& s : list) t += (t.empty() ? "" : "; ") + s.name_with_type + " (" + s.code + (s.kind == "part" ? ", một phần)" : ")");
      return t;
    };
    if (after.present && !before.present) {
      c.what = "mới";
      c.name = after.name;
      std::string preds = join(predecessors(db, k.id));
      c.detail = preds.empty() ? "" : "từ " + preds;
    } else if (before.present && !after.present) {
      c.what = "kết thúc";
      c.name = before.name;
      std::string next = join(successors(db, k.id));
      c.detail = next.empty() ? "không rõ đơn vị kế thừa" : "vào " + next;
    } else {
      std::vector<std::string> what;
      if (before.name != after.name) what.push_back("đổi tên");
      if (before.type != after.type) what.push_back("đổi loại");
      if (before.parent != after.parent) what.push_back("chuyển cấp trên");
      if (what.empty()) continue;
      for (const auto& w : what) c.what += (c.what.empty() ? "" : ", ") + w;
      c.name = after.name;
      c.detail = before.name + " → " + after.name;
      if (before.parent != after.parent)
        c.detail += "; " + unit_label(db, before.parent).name_with_type + " → " + unit_label(db, after.parent).name_with_type;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace ntm::app
