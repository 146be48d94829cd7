// `ntm import units FILE --province P --from DD/MM/YYYY [--act "..."]`: a province updates its
// own map. The file lists the province's districts (where the map has them) and communes as
// they are from that date, with the columns `ntm export units` writes. Compared with the map
// the database holds for that date:
//   - a unit of the file that is on the map with the same name, type and parent: unchanged;
//   - renamed, moved or re-typed: its period is split at the date (nothing is overwritten);
//   - on the map but not in the file: its life ends the day before;
//   - in the file but not on the map, or keeping a code while formed from other units (the
//     "Đơn vị trước" column): a new unit, with its predecessors recorded (whole or part).
// Ending a unit earlier than the database says (the shipped history dates some changes by the
// release that published them, not by their act) shortens its period; a later succession that
// named it then names the unit that replaced it. A unit that changes again after the date
// cannot be ended here (that would rewrite later history): such rows are refused, saying what
// comes later. A code the database creates later, with no recorded predecessor, is taken as
// the same unit created earlier by the province's act.
#include <map>
#include <set>

#include "app/importer_sheet.h"
#include "model/i18n.h"
#include "model/map.h"
#include "model/map_history.h"
#include "model/text.h"

namespace ntm::app::detail {

namespace {

struct Row {
  std::size_t index = 0;          // reader row
  int line = 0;
  std::string code, kind, type, name, parent;   // parent: a code
  std::vector<std::pair<std::string, std::string>> predecessors;   // code, whole|part
};

std::string kind_of_code(const std::string& code) {
  if (code.size() == 2) return "province";
  if (code.size() == 3) return "district";
  if (code.size() == 5) return "commune";
  return {};
}

// "Xã", "Phường", "Thị trấn", "Đặc khu", "Huyện", "Quận", "Thị xã", "Thành phố" → type slug.
std::string type_of(const std::string& text, const std::string& kind) {
  std::string f = fold(text);
  static const std::vector<std::pair<const char*, const char*>> commune{
      {"xa", "xa"}, {"phuong", "phuong"}, {"thi tran", "thi-tran"}, {"dac khu", "dac-khu"},
      {"thi-tran", "thi-tran"}, {"dac-khu", "dac-khu"}};
  static const std::vector<std::pair<const char*, const char*>> district{
      {"huyen", "huyen"}, {"quan", "quan"}, {"thi xa", "thi-xa"}, {"thanh pho", "thanh-pho"},
      {"thi-xa", "thi-xa"}, {"thanh-pho", "thanh-pho"}};
  for (const auto& [word, slug] : kind == "district" ? district : commune)
    if (f == word) return slug;
  return {};
}

// "03163; 03164 (một phần)" or "03163:whole;03164:part" → code, kind pairs.
std::vector<std::pair<std::string, std::string>> parse_predecessors(const std::string& text, std::string& error) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string item;
  auto flush = [&] {
    std::string t = item;
    item.clear();
    std::string f = fold(t);
    if (f.empty()) return;
    std::string kind = "whole";
    if (f.find("mot phan") != std::string::npos || f.find(":part") != std::string::npos || f.find("part") != std::string::npos)
      kind = "part";
    std::string code;
    for (char c : t) {
      if (std::isdigit(static_cast<unsigned char>(c))) code += c;
      else if (!code.empty()) break;
    }
    if (code.size() != 5 && code.size() != 3) {
      error = "'" + t + "': cần mã đơn vị (5 chữ số), thêm '(một phần)' nếu chỉ một phần";
      return;
    }
    out.emplace_back(code, kind);
  };
  for (char c : text) {
    if (c == ';' || c == ',') flush();
    else item += c;
  }
  flush();
  return out;
}

}  // namespace

void import_units(store::Database& db, Reader& rd, ImportSummary& summary) {
  const ImportOptions& o = rd.options();
  if (o.from.empty())
    throw std::invalid_argument("ntm import units cần --from DD/MM/YYYY: ngày danh sách đơn vị trong tệp bắt đầu có hiệu lực");
  const std::string from = o.from, before = day_before(from);
  const Province& map = rd.map_at(from);
  const bool districts_allowed = map.has_districts() || from < "2025-07-01";
  if (!rd.has("code")) { rd.problem("thiếu cột 'Mã đơn vị'"); return; }
  if (!rd.has("name")) { rd.problem("thiếu cột 'Tên đơn vị'"); return; }

  // Read the file.
  std::vector<Row> rows;
  std::map<std::string, std::size_t> by_code;
  for (std::size_t i = 0; i < rd.size(); ++i) {
    Row r;
    r.index = i;
    r.line = rd.row(i).line;
    r.code = rd.text(i, "code");
    if (r.code.find_first_not_of("0123456789") != std::string::npos || r.code.empty()) {
      rd.problem(i, rd.column_title("code"), r.code.empty() ? "thiếu mã đơn vị" : "mã '" + r.code + "' phải là chữ số");
      continue;
    }
    // Excel drops leading zeros: a level column or the parent tells how many digits.
    std::string level = fold(rd.text(i, "level"));
    std::string want = level == "huyen" || level == "district" || level == "cap huyen" ? "district"
                       : level == "tinh" || level == "province" ? "province"
                       : level.empty() ? "" : "commune";
    if (want.empty()) want = r.code.size() <= 2 ? "province" : r.code.size() == 3 ? "district" : "commune";
    std::size_t width = want == "province" ? 2 : want == "district" ? 3 : 5;
    if (r.code.size() < width) r.code = std::string(width - r.code.size(), '0') + r.code;
    r.kind = kind_of_code(r.code);
    if (r.kind.empty()) { rd.problem(i, rd.column_title("code"), "mã '" + r.code + "' phải có 2, 3 hoặc 5 chữ số"); continue; }
    if (r.kind == "province") {
      if (r.code != map.unit().code)
        rd.problem(i, rd.column_title("code"), "mã " + r.code + " là một tỉnh khác; tệp chỉ ghi đơn vị của " + map.unit().name_with_type);
      continue;
    }
    if (r.kind == "district" && !districts_allowed) {
      rd.problem(i, rd.column_title("code"), "từ 01/07/2025 không còn cấp huyện: bỏ dòng huyện " + r.code);
      continue;
    }
    r.name = rd.text(i, "name");
    std::string typed = rd.text(i, "type");
    for (const std::string& slug : {std::string("thi-tran"), std::string("dac-khu"), std::string("thanh-pho"),
                                    std::string("thi-xa"), std::string("phuong"), std::string("huyen"), std::string("quan"),
                                    std::string("xa")}) {
      std::string word = type_word(slug) + " ";
      if (r.name.rfind(word, 0) == 0 && (typed.empty() || type_of(typed, r.kind) == slug)) {
        if (typed.empty()) typed = type_word(slug);
        r.name = r.name.substr(word.size());
        break;
      }
    }
    if (r.name.empty()) { rd.problem(i, rd.column_title("name"), "thiếu tên"); continue; }
    const Unit* existing = map.find(r.code);
    r.type = typed.empty() ? (existing ? existing->type : (r.kind == "district" ? "huyen" : "xa")) : type_of(typed, r.kind);
    if (r.type.empty()) {
      rd.problem(i, rd.column_title("type"), "loại '" + typed + "': ghi " +
                                                 (r.kind == "district" ? "Huyện, Quận, Thị xã hoặc Thành phố" : "Xã, Phường, Thị trấn hoặc Đặc khu"));
      continue;
    }
    r.parent = rd.text(i, "parent");
    if (!r.parent.empty() && r.parent.find_first_not_of("0123456789") == std::string::npos && r.parent.size() < 3 && r.kind == "commune" &&
        districts_allowed)
      r.parent = std::string(3 - r.parent.size(), '0') + r.parent;
    std::string error;
    r.predecessors = parse_predecessors(rd.text(i, "predecessors"), error);
    if (!error.empty()) { rd.problem(i, rd.column_title("predecessors"), error); continue; }
    if (by_code.count(r.code)) {
      rd.problem(i, rd.column_title("code"), "mã " + r.code + " đã có ở dòng " + std::to_string(rows[by_code[r.code]].line));
      continue;
    }
    by_code[r.code] = rows.size();
    rows.push_back(std::move(r));
  }
  summary.rows = rd.size();

  // Parents: a commune's parent is a district (of the file, or of the map) where the map has
  // districts, else the province.
  auto district_named = [&](const std::string& text) -> std::string {
    for (const auto& r : rows)
      if (r.kind == "district" && (r.code == text || fold(r.name) == fold(text) || fold(type_word(r.type) + " " + r.name) == fold(text)))
        return r.code;
    for (std::size_t d : map.districts()) {
      const Unit& u = map.units()[d];
      if (u.code == text || u.folded == fold(text) || fold(u.name_with_type) == fold(text)) return by_code.count(u.code) ? u.code : "";
    }
    return {};
  };
  for (auto& r : rows) {
    const Unit& p = map.unit();
    if (r.kind == "district") { r.parent = p.code; continue; }
    if (!districts_allowed) {
      if (!r.parent.empty() && r.parent != p.code && fold(r.parent) != fold(p.name))
        rd.problem(r.index, rd.column_title("parent"), "từ 01/07/2025 xã trực thuộc tỉnh: cấp trên phải là " + p.name_with_type);
      r.parent = p.code;
      continue;
    }
    std::string text = r.parent.empty() ? rd.text(r.index, "parent_name") : r.parent;
    if (text.empty()) {
      const Unit* existing = map.find(r.code);
      if (existing) { r.parent = existing->parent; continue; }
      rd.problem(r.index, rd.column_title("parent_name"), "xã mới cần mã huyện (cột 'Mã cấp trên') hoặc tên huyện");
      continue;
    }
    std::string code = district_named(text);
    if (code.empty()) {
      rd.problem(r.index, rd.column_title(r.parent.empty() ? "parent_name" : "parent"),
                 "không có huyện '" + text + "' trong tệp (huyện không có trong tệp thì kết thúc từ " + vn_date(from) + ")");
      continue;
    }
    r.parent = code;
  }
  if (!rd.problems().empty()) return;

  auto insert_unit = db.prepare("INSERT INTO unit(code, kind) VALUES (?, ?)");
  auto close = db.prepare("UPDATE unit_period SET valid_to = ? WHERE unit_id = ? AND ifnull(valid_from, '') <= ? "
                          "AND ifnull(valid_to, '9999-12-31') >= ?");
  auto covering = db.prepare("SELECT id, ifnull(valid_from, ''), ifnull(valid_to, '') FROM unit_period WHERE unit_id = ? "
                             "AND ifnull(valid_from, '') <= ? AND ifnull(valid_to, '9999-12-31') >= ?");
  auto close_id = db.prepare("UPDATE unit_period SET valid_to = ? WHERE id = ?");
  auto open = db.prepare("INSERT INTO unit_period(unit_id, valid_from, valid_to, type, name, name_with_type, parent_id, act) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  auto update = db.prepare("UPDATE unit_period SET type = ?, name = ?, name_with_type = ?, parent_id = ?, act = ? WHERE id = ?");
  auto succession = db.prepare("INSERT OR IGNORE INTO succession(successor_id, predecessor_id, kind, date, act) VALUES (?, ?, ?, ?, ?)");
  auto has_succession = db.prepare("SELECT kind FROM succession WHERE successor_id = ? AND predecessor_id = ?");
  // Later history: a unit that changes again after `from` cannot be ended or replaced here;
  // one that ends later is ended earlier, and a later succession naming it is re-pointed to
  // `replacement` (the unit that took its place), or refused when there is none.
  auto later = [&](UnitId id, UnitId replacement) -> std::string {
    for (const auto& p : unit_history(db, id))
      if (!p.valid_from.empty() && p.valid_from > from) return "có thay đổi từ " + vn_date(p.valid_from);
    for (const auto& s : successors(db, id))
      if (s.date > from && !replacement)
        return "là đơn vị trước của " + s.name_with_type + " (" + s.code + ") từ " + vn_date(s.date) +
               " (ghi đơn vị thay nó ở cột 'Đơn vị trước')";
    return {};
  };
  auto act = o.act.empty() ? store::Value{} : store::Value{o.act};
  // The first period of `id` starting after `from`, when it says what the file says: it is
  // re-dated to start at `from` (and true is returned).
  auto next_same = [&](UnitId id, const Row& r, UnitId parent) {
    auto next = db.prepare("SELECT id, type, name, ifnull(parent_id, 0) FROM unit_period WHERE unit_id = ? AND valid_from > ? "
                           "ORDER BY valid_from LIMIT 1");
    next.bind(1, id).bind(2, from);
    if (!next.step() || next.get_text(1) != r.type || next.get_text(2) != r.name || next.get_int(3) != parent) return false;
    auto redate = db.prepare("UPDATE unit_period SET valid_from = ?, act = ifnull(?, act) WHERE id = ?");
    redate.bind(1, from).bind(2, act).bind(3, next.get_int(0)).run();
    return true;
  };
  auto repoint = db.prepare("UPDATE OR IGNORE succession SET predecessor_id = ? WHERE predecessor_id = ? AND date > ?");
  auto period_end = [&](UnitId id) {
    covering.bind(1, id).bind(2, from).bind(3, from);
    std::string to = covering.step() ? covering.get_text(2) : std::string();
    covering.reset();
    return to;
  };

  const Province& prev = rd.map_at(before);
  std::map<std::string, UnitId> id_of;   // code → the unit carrying it from `from`
  auto change = [&](const Row& r, const std::string& field, const std::string& was, const std::string& now) {
    summary.changes.push_back(ImportChange{r.line, type_word(r.type) + " " + r.name + " (" + r.code + ")", field, was, now});
  };
  auto open_period = [&](UnitId id, const std::string& to, const Row& r, UnitId parent) {
    open.bind(1, id).bind(2, from);
    if (to.empty()) open.bind_null(3); else open.bind(3, to);
    open.bind(4, r.type).bind(5, r.name).bind(6, type_word(r.type) + " " + r.name).bind(7, parent).bind(8, act).run();
  };

  // Districts first (communes name them), then communes.
  for (const char* kind : {"district", "commune"}) {
    for (auto& r : rows) {
      if (r.kind != kind) continue;
      UnitId parent = r.parent == map.unit().code ? map.id() : id_of.count(r.parent) ? id_of[r.parent] : 0;
      if (!parent) {
        if (const Unit* p = map.find(r.parent)) parent = p->id;
      }
      const Unit* existing = map.find(r.code);
      // Predecessors the database already records for the unit (an exported list carries
      // them) are history, not a change from this date.
      if (existing) {
        std::set<std::string> known;
        for (const auto& p : predecessors(db, existing->id)) known.insert(p.code);
        std::erase_if(r.predecessors, [&](const auto& p) { return known.count(p.first) > 0; });
      }
      bool formed_from_others = false;
      for (const auto& [pc, pk] : r.predecessors) formed_from_others = formed_from_others || pc != r.code || pk != "whole";
      if (existing && existing->kind != r.kind) {
        rd.problem(r.index, rd.column_title("code"), "mã " + r.code + " là " + existing->name_with_type);
        continue;
      }
      bool is_new = !existing || (formed_from_others && existing->valid_from != from);
      if (!is_new) {
        id_of[r.code] = existing->id;
        bool same = existing->type == r.type && existing->name == r.name && existing->parent_id == parent;
        if (same) { ++summary.unchanged; continue; }
        covering.bind(1, existing->id).bind(2, from).bind(3, from);
        covering.step();
        std::int64_t period = covering.get_int(0);
        std::string period_from = covering.get_text(1), period_to = covering.get_text(2);
        covering.reset();
        if (existing->name != r.name) change(r, "tên", existing->name, r.name);
        if (existing->type != r.type) change(r, "loại", type_word(existing->type), type_word(r.type));
        if (existing->parent_id != parent) {
          const Unit* old_parent = map.find_id(existing->parent_id);
          change(r, "cấp trên", old_parent ? old_parent->name_with_type : "", r.parent);
        }
        if (period_from == from) {
          // A change made on this very date: the same act, corrected.
          update.bind(1, r.type).bind(2, r.name).bind(3, type_word(r.type) + " " + r.name).bind(4, parent).bind(5, act).bind(6, period).run();
        } else if (next_same(existing->id, r, parent)) {
          // The database has this very change later (dated by the release that published
          // it): the province's act dates it.
          close_id.bind(1, before).bind(2, period).run();
        } else {
          close.bind(1, before).bind(2, existing->id).bind(3, from).bind(4, from).run();
          open_period(existing->id, period_to, r, parent);
        }
        ++summary.updated;
        continue;
      }
      // A new unit: created, with its predecessors (on the map of the day before).
      std::string end;   // the new unit ends when the unit it replaces was to end, or with its parent
      std::vector<std::int64_t> moved;   // later periods of the replaced unit: they describe the new one
      if (existing) {
        auto laters = db.prepare("SELECT id FROM unit_period WHERE unit_id = ? AND valid_from > ? ORDER BY valid_from");
        laters.bind(1, existing->id).bind(2, from);
        while (laters.step()) moved.push_back(laters.get_int(0));
        std::string why = moved.empty() ? later(existing->id, 1) : std::string();
        if (!why.empty()) {
          rd.problem(r.index, rd.column_title("predecessors"), existing->name_with_type + " (" + r.code + ") " + why +
                                                                   ": không thay được bằng đơn vị mới từ " + vn_date(from));
          continue;
        }
        end = period_end(existing->id);
        close.bind(1, before).bind(2, existing->id).bind(3, from).bind(4, from).run();
        change(r, "kết thúc", existing->name_with_type, "hết ngày " + vn_date(before));
      }
      UnitId id = 0;
      if (!existing) {
        // The same code created later by the database's history, with no predecessor recorded:
        // the province's act dates its creation.
        for (UnitId other : units_with_code(db, r.code)) {
          UnitLabel l = unit_label(db, other);
          if (l.valid_from.empty() || l.valid_from <= from) continue;
          if (!predecessors(db, other).empty() || id) {
            rd.problem(r.index, rd.column_title("code"), "mã " + r.code + " đã dùng cho " + l.name_with_type + " " + life_text(l));
            break;
          }
          id = other;
        }
      }
      if (id) {
        auto redate = db.prepare("UPDATE unit_period SET valid_from = ? WHERE unit_id = ? AND valid_from = "
                                 "(SELECT min(valid_from) FROM unit_period WHERE unit_id = ?)");
        std::string was = unit_label(db, id).valid_from;
        redate.bind(1, from).bind(2, id).bind(3, id).run();
        change(r, "ngày bắt đầu", vn_date(was), vn_date(from));
      } else {
        insert_unit.bind(1, r.code).bind(2, r.kind).run();
        id = std::get<std::int64_t>(*db.scalar("SELECT last_insert_rowid()"));
        if (!moved.empty()) {
          auto move = db.prepare("UPDATE unit_period SET unit_id = ? WHERE id = ?");
          for (auto m : moved) move.bind(1, id).bind(2, m).run();
        }
        if (!moved.empty() && next_same(id, r, parent)) {
          // The first later period is what the file says: it starts now.
        } else {
          // A unit cannot outlive its parent, nor the unit it replaces.
          UnitLabel parent_life = unit_label(db, parent);
          if (!moved.empty()) end = day_before(unit_history(db, id).front().valid_from);
          if (end.empty() || (!parent_life.valid_to.empty() && parent_life.valid_to < end)) end = parent_life.valid_to;
          open_period(id, end, r, parent);
        }
        change(r, "mới", "", "từ " + vn_date(from));
      }
      id_of[r.code] = id;
      if (existing) repoint.bind(1, id).bind(2, existing->id).bind(3, from).run();
      ++summary.inserted;
      for (const auto& [pc, pk] : r.predecessors) {
        const Unit* p = prev.find(pc);
        if (!p) {
          std::string why = code_elsewhere(db, pc, before);
          rd.problem(r.index, rd.column_title("predecessors"), "đơn vị trước mã " + pc + " không có trên bản đồ ngày " +
                                                                   vn_date(before) + (why.empty() ? "" : ": " + why));
          continue;
        }
        has_succession.bind(1, id).bind(2, p->id);
        bool known = has_succession.step();
        has_succession.reset();
        if (known) continue;
        succession.bind(1, id).bind(2, p->id).bind(3, pk).bind(4, from).bind(5, act).run();
        change(r, "đơn vị trước", "", p->name_with_type + " (" + pc + (pk == "part" ? ", một phần)" : ")"));
      }
    }
  }
  // Units of the map that the file does not list end the day before.
  for (const Unit& u : map.units()) {
    if ((u.kind != "district" && u.kind != "commune") || by_code.count(u.code)) continue;
    // The unit that takes its place: the new unit naming it as a predecessor (whole first).
    UnitId replacement = 0;
    for (const auto& r : rows)
      for (const auto& [pc, pk] : r.predecessors)
        if (pc == u.code && id_of.count(r.code) && (!replacement || pk == "whole")) replacement = id_of[r.code];
    std::string why = later(u.id, replacement);
    if (!why.empty()) {
      rd.problem("đơn vị " + label(u) + " không có trong tệp nhưng " + why + ": không kết thúc được từ " + vn_date(from) +
                 " (thêm vào tệp, hoặc nhập danh sách theo thứ tự thời gian)");
      continue;
    }
    close.bind(1, before).bind(2, u.id).bind(3, from).bind(4, from).run();
    if (replacement) repoint.bind(1, replacement).bind(2, u.id).bind(3, from).run();
    Row r;
    r.code = u.code;
    r.type = u.type;
    r.name = u.name;
    auto next = successors(db, u.id);
    std::string to = "hết ngày " + vn_date(before);
    if (next.empty()) to += " (không rõ đơn vị kế thừa: ghi cột 'Đơn vị trước' của đơn vị mới để ghi nhận)";
    change(r, "kết thúc", label(u), to);
    ++summary.updated;
  }
  summary.note = "Bản đồ của " + map.unit().name_with_type + " từ ngày " + vn_date(from) +
                 (o.act.empty() ? " (không ghi văn bản: thêm --act \"Nghị quyết số ...\")" : " theo " + o.act) + ".";
}

}  // namespace ntm::app::detail
