#include "model/map_history.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "model/csv.h"
#include "model/i18n.h"
#include "store/database.h"

namespace ntm {

namespace fs = std::filesystem;

std::string type_word(const std::string& type) {
  static const std::map<std::string, std::string> words{
      {"tinh", "Tỉnh"},     {"thanh-pho", "Thành phố"}, {"huyen", "Huyện"},     {"quan", "Quận"},
      {"thi-xa", "Thị xã"}, {"xa", "Xã"},               {"phuong", "Phường"},   {"thi-tran", "Thị trấn"},
      {"dac-khu", "Đặc khu"}, {"thon", "Thôn"},         {"ban", "Bản"}};
  auto it = words.find(type);
  return it == words.end() ? std::string() : it->second;
}

bool has_map_history(const store::Database& db) {
  auto stmt = db.prepare("SELECT 1 FROM meta WHERE key = 'map_history'");
  return stmt.step();
}

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(tr("không đọc được tệp ", "cannot read ") + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A CSV file as rows of named fields; throws naming the file and line when a row is short.
struct Table {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  std::size_t column(const std::string& name, const fs::path& file) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw std::runtime_error(file.string() + tr(": thiếu cột ", ": missing column ") + name);
  }
};

Table read_table(const fs::path& path) {
  auto rows = parse_csv(read_all(path));
  if (rows.empty()) throw std::runtime_error(path.string() + tr(": tệp rỗng", ": empty file"));
  Table t;
  t.header = rows[0].fields;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].fields.size() != t.header.size())
      throw std::runtime_error(path.string() + ":" + std::to_string(rows[i].line) + tr(": số cột khác dòng tiêu đề", ": wrong number of fields"));
    t.rows.push_back(std::move(rows[i]));
  }
  return t;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// A unit in force at the current state of the replay.
struct Alive {
  UnitId id = 0;
  std::string kind, type, name, name_with_type;
  UnitId parent = 0;
};

struct Change {
  std::string change, level, code, new_name, new_type, new_parent;
  int line = 0;
  bool has(const char* what) const { return change.find(what) != std::string::npos; }
};

class Replay {
 public:
  Replay(store::Database& db, MapHistoryReport& report)
      : db_(db), report_(report),
        create_(db.prepare("INSERT INTO unit(code, kind) VALUES (?, ?)")),
        close_(db.prepare("UPDATE unit_period SET valid_to = ? WHERE unit_id = ? AND valid_to IS NULL")),
        open_(db.prepare("INSERT INTO unit_period(unit_id, valid_from, type, name, name_with_type, parent_id, act) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)")),
        succession_(db.prepare("INSERT OR IGNORE INTO succession(successor_id, predecessor_id, kind, date, act) "
                               "VALUES (?, ?, ?, ?, ?)")),
        unresolved_(db.prepare("INSERT INTO succession_unresolved(successor_id, text, kind, status, date, act) "
                               "VALUES (?, ?, ?, ?, ?, ?)")) {
    auto stmt = db.prepare(R"(
      SELECT u.id, u.code, u.kind, p.type, p.name, p.name_with_type, ifnull(p.parent_id, 0)
      FROM unit u JOIN unit_period p ON p.unit_id = u.id WHERE p.valid_to IS NULL AND u.kind <> 'village')");
    while (stmt.step())
      alive_[stmt.get_text(1)] = {stmt.get_int(0), stmt.get_text(2), stmt.get_text(3), stmt.get_text(4),
                                  stmt.get_text(5), stmt.get_int(6)};
  }

  // Applies the rows of one effective date (not the reform).
  void apply(const std::string& date, const std::vector<Change>& rows, const std::string& act) {
    std::string prev = day_before(date);
    std::vector<std::pair<const Change*, UnitId>> opened;
    for (const auto& r : rows) {
      if (r.change != "removed") continue;
      auto it = alive_.find(r.code);
      if (it == alive_.end() || it->second.kind != r.level) { skip(r, date); continue; }
      end(it->second.id, prev);
      alive_.erase(it);
    }
    for (const auto& r : rows) {
      if (r.change == "added") {
        if (alive_.count(r.code)) { skip(r, date); continue; }
        UnitId id = create(r.code, r.level);
        alive_[r.code] = {id, r.level, r.new_type, r.new_name, name_with_type(r.new_type, r.new_name), 0};
        opened.emplace_back(&r, id);
      } else if (r.change != "removed") {
        auto it = alive_.find(r.code);
        if (it == alive_.end() || it->second.kind != r.level) { skip(r, date); continue; }
        opened.emplace_back(&r, it->second.id);
      }
    }
    for (const auto& [r, id] : opened) {
      Alive& a = alive_[r->code];
      UnitId parent = a.parent;
      if (r->change == "added" || r->has("reparented")) {
        parent = 0;
        if (!r->new_parent.empty()) {
          auto p = alive_.find(r->new_parent);
          if (p == alive_.end()) { skip(*r, date); continue; }
          parent = p->second.id;
        }
      }
      if (r->change != "added") {
        close(id, prev);
        ++report_.periods;
      } else {
        ++report_.added;
      }
      if (!r->new_type.empty()) a.type = r->new_type;
      if (!r->new_name.empty()) a.name = r->new_name;
      a.name_with_type = name_with_type(a.type, a.name);
      a.parent = parent;
      open(id, date, a, act);
    }
  }

  // The 2025 reform: new units made of old ones, listed in the predecessor file. A unit whose
  // only predecessor is itself, whole, keeps its identity; every other one is a new unit, even
  // when it took an old unit's code.
  void reform(const std::string& date, const std::vector<Change>& rows, const Table& preds, const fs::path& file,
              const std::string& act) {
    std::string prev = day_before(date);
    std::map<std::string, Alive> before = alive_, after;
    std::map<std::string, const Change*> change_of;
    for (const auto& r : rows) change_of[r.code] = &r;
    std::size_t c_code = preds.column("code", file), c_level = preds.column("level", file),
                c_name = preds.column("name_with_type", file), c_province = preds.column("province_code", file),
                c_preds = preds.column("predecessors", file), c_unresolved = preds.column("unresolved", file);
    std::set<UnitId> continuing;
    std::map<UnitId, std::vector<UnitId>> formed_from;   // new province → old provinces
    for (const char* level : {"province", "commune"}) {
      for (const auto& row : preds.rows) {
        const auto& f = row.fields;
        if (f[c_level] != level) continue;
        const std::string& code = f[c_code];
        std::vector<std::pair<std::string, std::string>> list;
        for (const auto& item : split(f[c_preds], ';')) {
          auto parts = split(item, ':');
          if (parts.size() != 2) throw std::runtime_error(file.string() + ":" + std::to_string(row.line) + ": '" + item + "'");
          list.emplace_back(parts[0], parts[1]);
        }
        auto old = before.find(code);
        bool same = list.size() == 1 && list[0].first == code && list[0].second == "whole" && old != before.end() &&
                    old->second.kind == level;
        Alive a = old != before.end() && old->second.kind == level ? old->second : Alive{};
        a.kind = level;
        auto ch = change_of.find(code);
        if (ch != change_of.end()) {
          if (!ch->second->new_type.empty()) a.type = ch->second->new_type;
          if (!ch->second->new_name.empty()) a.name = ch->second->new_name;
        }
        if (a.type.empty() || a.name.empty()) {
          // A unit the change file does not describe: take its name from the predecessor file.
          std::string nwt = f[c_name];
          auto space = nwt.find(' ');
          a.name = space == std::string::npos ? nwt : nwt.substr(space + 1);
          a.type = level == std::string("province") ? "tinh" : "xa";
          for (const auto& t : {"thanh-pho", "phuong", "dac-khu", "xa", "tinh"})
            if (nwt.rfind(type_word(t) + " ", 0) == 0) a.type = t;
        }
        a.name_with_type = name_with_type(a.type, a.name);
        a.parent = 0;
        if (level == std::string("commune")) {
          auto p = after.find(f[c_province]);
          if (p == after.end()) throw std::runtime_error(file.string() + ":" + std::to_string(row.line) +
                                                         tr(": không có tỉnh mã ", ": no province ") + f[c_province]);
          a.parent = p->second.id;
        }
        if (same) {
          bool changed = a.type != old->second.type || a.name != old->second.name || a.parent != old->second.parent;
          if (changed) {
            close(a.id, prev);
            open(a.id, date, a, act);
            ++report_.periods;
          }
          continuing.insert(a.id);
        } else {
          if (old != before.end() && old->second.kind == level) end(old->second.id, prev);
          a.id = create(code, level);
          open(a.id, date, a, act);
          ++report_.added;
          for (const auto& [pc, kind] : list) {
            auto p = before.find(pc);
            if (p == before.end()) {
              unresolved(a.id, pc, kind, tr("không có trên bản đồ trước ngày ", "not on the map before ") + vn_date(date), date, act);
              continue;
            }
            succession_.bind(1, a.id).bind(2, p->second.id).bind(3, kind).bind(4, date).bind(5, act).run();
            ++report_.successions;
            if (level == std::string("province")) formed_from[a.id].push_back(p->second.id);
          }
        }
        for (const auto& item : split(f[c_unresolved], ';')) {
          auto parts = split(item, ':');
          if (parts.size() < 3) continue;
          std::string status = parts.back(), kind = parts[parts.size() - 2], text = parts[0];
          for (std::size_t k = 1; k + 2 < parts.size(); ++k) text += ":" + parts[k];
          unresolved(a.id, text, kind, status, date, act);
        }
        after[code] = a;
      }
    }
    // Every unit of the old map that did not continue has ended (districts, merged communes,
    // and old units whose code a new unit took).
    for (const auto& [code, a] : before) {
      if (continuing.count(a.id) || ended_.count(a.id)) continue;
      end(a.id, prev);
    }
    derive_regions(before, after, formed_from);
    alive_ = std::move(after);
  }

 private:
  static std::string name_with_type(const std::string& type, const std::string& name) {
    std::string word = type_word(type);
    return word.empty() ? name : word + " " + name;
  }

  UnitId create(const std::string& code, const std::string& kind) {
    create_.bind(1, code).bind(2, kind).run();
    return std::get<std::int64_t>(*db_.scalar("SELECT last_insert_rowid()"));
  }

  void close(UnitId id, const std::string& last_day) { close_.bind(1, last_day).bind(2, id).run(); }

  void end(UnitId id, const std::string& last_day) {
    close(id, last_day);
    ended_.insert(id);
    ++report_.ended;
  }

  void open(UnitId id, const std::string& from, const Alive& a, const std::string& act) {
    open_.bind(1, id).bind(2, from).bind(3, a.type).bind(4, a.name).bind(5, a.name_with_type);
    if (a.parent) open_.bind(6, a.parent); else open_.bind_null(6);
    if (act.empty()) open_.bind_null(7); else open_.bind(7, act);
    open_.run();
  }

  void unresolved(UnitId id, const std::string& text, const std::string& kind, const std::string& status,
                  const std::string& date, const std::string& act) {
    unresolved_.bind(1, id).bind(2, text).bind(3, kind).bind(4, status).bind(5, date).bind(6, act).run();
    ++report_.unresolved;
  }

  void skip(const Change& r, const std::string& date) {
    report_.skipped.push_back(date + " " + r.change + " " + r.level + " " + r.code +
                              tr(" (không khớp với đơn vị trong cơ sở dữ liệu)", " (does not match the database's units)"));
  }

  // A new province made of provinces of one region is in that region; where they differ,
  // each of its communes takes the region its predecessors' provinces agree on.
  void derive_regions(const std::map<std::string, Alive>& before, const std::map<std::string, Alive>& after,
                      const std::map<UnitId, std::vector<UnitId>>& formed_from) {
    std::map<UnitId, std::string> region;
    auto stmt = db_.prepare("SELECT unit_id, value FROM unit_class WHERE key = 'region' AND year = 0");
    while (stmt.step()) region[stmt.get_int(0)] = stmt.get_text(1);
    std::map<UnitId, UnitId> parent_of;
    for (const auto& [code, a] : before) parent_of[a.id] = a.parent;
    auto old_province = [&](UnitId id) {
      for (int depth = 0; depth < 4 && id; ++depth) {
        auto it = parent_of.find(id);
        if (it == parent_of.end() || it->second == 0) return id;
        id = it->second;
      }
      return id;
    };
    auto insert = db_.prepare("INSERT OR IGNORE INTO unit_class(unit_id, key, year, value, source) VALUES (?, 'region', 0, ?, ?)");
    const std::string source = tr("suy ra từ vùng của các đơn vị trước sáp nhập 01/07/2025",
                                  "derived from the regions of the units merged on 01/07/2025");
    std::set<UnitId> mixed;
    for (const auto& [id, olds] : formed_from) {
      std::set<std::string> regions;
      for (UnitId o : olds) regions.insert(region.count(o) ? region[o] : "");
      if (regions.size() == 1 && !regions.begin()->empty()) {
        insert.bind(1, id).bind(2, *regions.begin()).bind(3, source).run();
        ++report_.regions_derived;
      } else {
        mixed.insert(id);
      }
    }
    if (mixed.empty()) return;
    auto preds = db_.prepare("SELECT predecessor_id FROM succession WHERE successor_id = ?");
    for (const auto& [code, a] : after) {
      if (a.kind != "commune" || !mixed.count(a.parent)) continue;
      std::set<std::string> regions;
      preds.bind(1, a.id);
      while (preds.step()) {
        UnitId p = old_province(preds.get_int(0));
        regions.insert(region.count(p) ? region[p] : "");
      }
      preds.reset();
      if (regions.size() == 1 && !regions.begin()->empty()) {
        insert.bind(1, a.id).bind(2, *regions.begin()).bind(3, source).run();
        ++report_.regions_derived;
      }
    }
  }

  store::Database& db_;
  MapHistoryReport& report_;
  store::Statement create_, close_, open_, succession_, unresolved_;
  std::map<std::string, Alive> alive_;   // code → unit in force
  std::set<UnitId> ended_;
};

}  // namespace

MapHistoryReport load_map_history(store::Database& db, const fs::path& dir) {
  MapHistoryReport report;
  if (has_map_history(db)) return report;
  fs::path changes_file = dir / "changes-2020-2025.csv", preds_file = dir / "reform-2025-predecessors.csv",
           acts_file = dir / "acts.csv";
  Table changes = read_table(changes_file), preds = read_table(preds_file), acts = read_table(acts_file);
  std::map<std::string, std::string> act_of;
  std::string reform_date;
  {
    std::size_t c_date = acts.column("effective_date", acts_file), c_act = acts.column("act", acts_file),
                c_kind = acts.column("kind", acts_file);
    for (const auto& r : acts.rows) {
      act_of[r.fields[c_date]] = r.fields[c_act];
      if (r.fields[c_kind] == "reform") reform_date = r.fields[c_date];
    }
  }
  std::map<std::string, std::vector<Change>> by_date;
  std::size_t c_date = changes.column("effective_date", changes_file), c_change = changes.column("change", changes_file),
              c_level = changes.column("level", changes_file), c_code = changes.column("code", changes_file),
              c_name = changes.column("new_name", changes_file), c_type = changes.column("new_type", changes_file),
              c_parent = changes.column("new_parent_code", changes_file);
  for (const auto& r : changes.rows) {
    const auto& f = r.fields;
    by_date[f[c_date]].push_back({f[c_change], f[c_level], f[c_code], f[c_name], f[c_type], f[c_parent], r.line});
  }
  Replay replay(db, report);
  for (const auto& [date, rows] : by_date) {
    auto act = act_of.find(date);
    if (act == act_of.end())
      throw std::runtime_error(acts_file.string() + tr(": thiếu văn bản của ngày ", ": no act for the date ") + date);
    if (date == reform_date) replay.reform(date, rows, preds, preds_file, act->second);
    else replay.apply(date, rows, act->second);
    ++report.dates;
  }
  // Ended units with no successor recorded: said, never guessed.
  report.ended_without_successor = static_cast<int>(std::get<std::int64_t>(*db.scalar(R"(
    SELECT count(*) FROM unit u WHERE u.kind <> 'village'
      AND NOT EXISTS (SELECT 1 FROM unit_period p WHERE p.unit_id = u.id AND p.valid_to IS NULL)
      AND NOT EXISTS (SELECT 1 FROM succession s WHERE s.predecessor_id = u.id))")));
  auto meta = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('map_history', ?)");
  meta.bind(1, "db/units-history: " + std::to_string(report.dates) + " ngày thay đổi, từ 02/02/2020 đến " +
                   vn_date(by_date.empty() ? std::string() : by_date.rbegin()->first) +
                   " (thanglequoc/vietnamese-provinces-database, MIT)");
  meta.run();
  return report;
}

}  // namespace ntm
