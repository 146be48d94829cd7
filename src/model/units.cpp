#include "model/units.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "model/i18n.h"
#include "model/map.h"
#include "model/text.h"
#include "store/database.h"

namespace ntm {

// ---- dates ----------------------------------------------------------------------------------

std::string year_end(int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-12-31", year);
  return buf;
}

std::string today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string day_before(const std::string& iso) {
  int y, m, d;
  if (!parse_date(iso, y, m, d)) return iso;
  std::chrono::sys_days day = std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} /
                              std::chrono::day{static_cast<unsigned>(d)};
  std::chrono::year_month_day before{day - std::chrono::days{1}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(before.year()),
                static_cast<unsigned>(before.month()), static_cast<unsigned>(before.day()));
  return buf;
}

std::optional<std::string> parse_iso_date(const std::string& text) {
  std::string t = text;
  if (t.size() == 10 && t[2] == '-' && t[5] == '-') t[2] = t[5] = '/';
  int y, m, d;
  if (!parse_date(t, y, m, d)) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

std::string vn_date(const std::string& iso) {
  int y, m, d;
  if (iso.empty() || !parse_date(iso, y, m, d)) return iso;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
  return buf;
}

// ---- units ----------------------------------------------------------------------------------

const std::string& Unit::region() const { return klass("region"); }

bool Unit::flag(const std::string& key) const { return klass(key) == "1"; }

const std::string& Unit::klass(const std::string& key) const {
  static const std::string none;
  auto it = classes.find(key);
  return it == classes.end() ? none : it->second;
}

std::string label(const Unit& unit) { return unit.name_with_type + " (" + unit.code + ")"; }

namespace {

// Strips a leading unit type word ("tỉnh", "huyện", "thành phố", "xã" ...) from a folded name.
std::string strip_type(const std::string& folded) {
  static const char* prefixes[] = {"tinh ", "thanh pho ", "tp ", "huyen ", "quan ", "thi xa ", "xa ",
                                   "phuong ", "thi tran ", "dac khu ", "thon ", "ban "};
  for (const char* p : prefixes) {
    std::string prefix(p);
    if (folded.rfind(prefix, 0) == 0 && folded.size() > prefix.size()) return folded.substr(prefix.size());
  }
  return folded;
}

// The subtree of a unit on the map of ?2: the unit itself and every unit whose period on that
// map names a unit of the tree as parent. One recursive query; callers join what they need.
constexpr const char* kTree = R"(
  WITH RECURSIVE tree(id, depth) AS (
    SELECT ?1, 0
    UNION ALL
    SELECT p.unit_id, t.depth + 1 FROM unit_period p JOIN tree t ON p.parent_id = t.id
    WHERE ifnull(p.valid_from, '') <= ?2 AND ifnull(p.valid_to, '9999-12-31') >= ?2
  ) )";

}  // namespace

std::string did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return {};
  std::string text = tr("; có phải: ", "; did you mean: ");
  for (std::size_t i = 0; i < suggestions.size(); ++i) text += (i ? ", " : "") + suggestions[i];
  return text + "?";
}

UnitLabel unit_label(const store::Database& db, UnitId id) {
  auto stmt = db.prepare(R"(
    SELECT u.code, p.name_with_type, ifnull((SELECT min(ifnull(valid_from, '')) FROM unit_period WHERE unit_id = u.id), ''),
           ifnull((SELECT CASE WHEN count(*) = count(valid_to) THEN max(valid_to) END FROM unit_period WHERE unit_id = u.id), '')
    FROM unit u JOIN unit_period p ON p.unit_id = u.id WHERE u.id = ?1
    ORDER BY ifnull(p.valid_from, '') DESC LIMIT 1)");
  stmt.bind(1, id);
  if (!stmt.step()) return {};
  return {stmt.get_text(0), stmt.get_text(1), stmt.get_text(2), stmt.get_text(3)};
}

UnitId find_province(const store::Database& db, const std::string& name_or_code, const std::string& date) {
  // A code on this map is one indexed lookup; a name folds every province's names below.
  if (!name_or_code.empty() && name_or_code.size() <= 2 &&
      std::all_of(name_or_code.begin(), name_or_code.end(), [](unsigned char c) { return std::isdigit(c); })) {
    auto by_code = db.prepare(R"(
      SELECT u.id FROM unit u JOIN unit_period p ON p.unit_id = u.id
      WHERE u.kind = 'province' AND u.code = ?2
        AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1)");
    by_code.bind(1, date).bind(2, name_or_code.size() == 1 ? "0" + name_or_code : name_or_code);
    if (by_code.step()) return by_code.get_int(0);
  }
  return find_province(db, province_periods(db), name_or_code, date);
}

std::vector<ProvincePeriod> province_periods(const store::Database& db) {
  // A province's periods have no parent (the map's roots): found through the index
  // unit_period_parent, about 90 rows, instead of walking the 15,000 units or their periods.
  auto stmt = db.prepare(R"(
    SELECT u.id, u.code, p.name, p.name_with_type, ifnull(p.valid_from, ''), ifnull(p.valid_to, '')
    FROM unit_period p CROSS JOIN unit u ON u.id = p.unit_id WHERE p.parent_id IS NULL AND u.kind = 'province'
    ORDER BY u.code, ifnull(p.valid_from, ''))");
  std::vector<ProvincePeriod> out;
  while (stmt.step())
    out.push_back({stmt.get_int(0), stmt.get_text(1), stmt.get_text(2), stmt.get_text(3), stmt.get_text(4), stmt.get_text(5)});
  return out;
}

UnitId find_province(const store::Database& db, const std::vector<ProvincePeriod>& periods, const std::string& name_or_code,
                     const std::string& date) {
  // A text longer than any name matches none: it is not folded (that costs its length).
  bool plausible = name_or_code.size() <= kMaxNameBytes;
  std::string folded = plausible ? fold(name_or_code) : std::string();
  std::string wanted = plausible ? strip_type(folded) : std::string();
  std::string code = name_or_code;
  if (code.size() == 1 && std::isdigit(static_cast<unsigned char>(code[0]))) code = "0" + code;
  auto matches = [&](const ProvincePeriod& p) {
    return p.code == code || (plausible && (fold(p.name) == wanted || fold(p.name_with_type) == folded));
  };
  // The provinces of this map first; a match at another date only is explained.
  std::vector<std::string> names;
  for (const ProvincePeriod& p : periods) {
    if (p.from > date || (!p.to.empty() && p.to < date)) continue;
    names.push_back(p.name);
    if (matches(p)) return p.id;
  }
  UnitId elsewhere = 0;
  std::string elsewhere_name;
  for (const ProvincePeriod& p : periods)
    if (matches(p)) {
      elsewhere = p.id;
      elsewhere_name = p.name_with_type;
      break;
    }
  if (elsewhere) {
    UnitLabel l = unit_label(db, elsewhere);
    std::string message = tr("tỉnh ", "province ") + clip(name_or_code) + tr(" không có trên bản đồ ngày ", " is not on the map of ") +
                          vn_date(date) + ": " + elsewhere_name + " (" + l.code + ") " + life_text(l) +
                          successor_text(db, elsewhere);
    throw NotFound(message, {}, name_or_code);
  }
  auto suggestions = closest(name_or_code, names, 3);
  std::string message = tr("không tìm thấy tỉnh '", "no province named '") + clip(name_or_code) + "'";
  message += did_you_mean(suggestions);
  throw NotFound(message, suggestions, name_or_code);
}

UnitId find_province_identity(const store::Database& db, const std::string& name_or_code, const std::string& date) {
  try {
    return find_province(db, name_or_code, date);
  } catch (const NotFound&) {
    auto stmt = db.prepare(R"(
      SELECT DISTINCT u.id, u.code, p.name, p.name_with_type FROM unit u NOT INDEXED CROSS JOIN unit_period p
      ON p.unit_id = u.id WHERE u.kind = 'province')");
    if (name_or_code.size() > kMaxNameBytes) throw;
    std::string folded = fold(name_or_code);
    std::string wanted = strip_type(folded);
    std::vector<UnitId> found;
    while (stmt.step()) {
      bool match = stmt.get_text(1) == name_or_code || fold(stmt.get_text(2)) == wanted ||
                   fold(stmt.get_text(3)) == folded;
      if (match && std::find(found.begin(), found.end(), stmt.get_int(0)) == found.end()) found.push_back(stmt.get_int(0));
    }
    if (found.size() == 1) return found[0];
    throw;
  }
}

namespace {

// The columns unit_of_row reads, from unit u and unit_period p.
constexpr const char* kUnitColumns =
    "u.id, u.code, u.kind, p.type, p.name, p.name_with_type, ifnull(p.parent_id, 0), ifnull(p.valid_from, ''), "
    "ifnull(p.valid_to, ''), ifnull(p.act, '')";

Unit unit_of_row(store::Statement& row) {
  Unit u;
  u.id = row.get_int(0);
  u.code = row.get_text(1);
  u.kind = row.get_text(2);
  u.type = row.get_text(3);
  u.name = row.get_text(4);
  u.name_with_type = row.get_text(5);
  u.parent_id = row.get_int(6);
  u.valid_from = row.get_text(7);
  u.valid_to = row.get_text(8);
  u.act = row.get_text(9);
  u.folded = fold(u.name);
  return u;
}

}  // namespace

namespace {

// The classes of `class_year` (a row of that year beats the every-year row, year 0), the tags
// and the recognitions not revoked by `date` of the units that `find(id)` gives (nullptr for
// a unit it does not have): of the units listed in `ids` (a JSON array), or of every unit when
// `ids` is empty.
template <typename Find>
void read_unit_facts(const store::Database& db, const std::string& ids, int class_year, const std::string& date,
                     Find find) {
  auto from = [&](const char* table, const char* alias) {
    std::string t = std::string(table) + " " + alias;
    return ids.empty() ? t : "json_each(?9) j JOIN " + t + " ON " + alias + ".unit_id = j.value";
  };
  auto bind_ids = [&](store::Statement& st) {
    if (!ids.empty()) st.bind(9, ids);
  };
  auto classes = db.prepare("SELECT c.unit_id, c.key, c.value FROM " + from("unit_class", "c") +
                            " WHERE c.year IN (0, ?1) ORDER BY c.unit_id, c.key, c.year");
  classes.bind(1, class_year);
  bind_ids(classes);
  while (classes.step())
    if (Unit* u = find(classes.get_int(0))) u->classes[classes.get_text(1)] = classes.get_text(2);
  auto tags = db.prepare("SELECT g.unit_id, g.tag FROM " + from("unit_tag", "g") + " ORDER BY g.unit_id, g.tag");
  bind_ids(tags);
  while (tags.step())
    if (Unit* u = find(tags.get_int(0))) u->tags.push_back(tags.get_text(1));
  // Of two recognitions of one grade, the later year's.
  auto recognitions = db.prepare("SELECT r.unit_id, r.grade, r.year FROM " + from("recognition", "r") +
                                 " WHERE r.revoked IS NULL OR r.revoked > ?1 ORDER BY r.unit_id, r.year");
  recognitions.bind(1, date);
  bind_ids(recognitions);
  while (recognitions.step())
    if (Unit* u = find(recognitions.get_int(0)))
      u->recognitions[recognitions.get_text(1)] = static_cast<int>(recognitions.get_int(2));
}

}  // namespace

std::shared_ptr<const MapUnits> MapUnits::load(const store::Database& db, const std::string& date) {
  auto map = std::make_shared<MapUnits>();
  map->date_ = date;
  // Room for every period (a bound on the units of one date): a vector of 16,000 units
  // that grows by doubling moves them a dozen times.
  if (auto periods = db.scalar("SELECT count(*) FROM unit_period"); periods && std::holds_alternative<std::int64_t>(*periods)) {
    auto n = static_cast<std::size_t>(std::get<std::int64_t>(*periods));
    map->units_.reserve(n);
    map->by_id_.reserve(n);
  }
  auto units = db.prepare(std::string("SELECT ") + kUnitColumns + R"(
    FROM unit_period p JOIN unit u ON u.id = p.unit_id
    WHERE ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1)");
  units.bind(1, date);
  while (units.step()) {
    Unit u = unit_of_row(units);
    map->by_id_[u.id] = map->units_.size();
    if (u.parent_id) map->children_[u.parent_id].push_back(map->units_.size());
    map->units_.push_back(std::move(u));
  }
  map->class_year_ = std::atoi(date.substr(0, 4).c_str());
  read_unit_facts(db, {}, map->class_year_, date, [&](std::int64_t id) -> Unit* {
    auto it = map->by_id_.find(id);
    return it == map->by_id_.end() ? nullptr : &map->units_[it->second];
  });
  return map;
}

const std::vector<std::size_t>& MapUnits::children(UnitId id) const {
  static const std::vector<std::size_t> none;
  auto it = children_.find(id);
  return it == children_.end() ? none : it->second;
}

const Unit* MapUnits::find_id(UnitId id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

namespace {

// The units of one province on a map read whole, in the order of the tree query of
// Province::load: level by level from the province, each level in code order.
std::vector<Unit> province_units(const MapUnits& map, UnitId id) {
  std::vector<const Unit*> order;   // found first, then copied once into a vector of the right size
  const Unit* root = map.find_id(id);
  std::vector<const Unit*> level;
  if (root) level.push_back(root);
  while (!level.empty()) {
    std::sort(level.begin(), level.end(), [](const Unit* a, const Unit* b) { return a->code < b->code; });
    std::vector<const Unit*> next;
    for (const Unit* u : level) {
      if (order.size() == map.units().size()) break;   // a loop in the parents of a damaged file
      order.push_back(u);
      for (std::size_t child : map.children(u->id)) next.push_back(&map.units()[child]);
    }
    if (order.size() == map.units().size()) break;
    level = std::move(next);
  }
  std::vector<Unit> out;
  out.reserve(order.size());
  for (const Unit* u : order) out.push_back(*u);
  return out;
}

}  // namespace

std::shared_ptr<const Province> Province::load(const store::Database& db, UnitId id, const std::string& date,
                                               int class_year, const MapUnits* map) {
  auto province = std::make_shared<Province>();
  province->date_ = date;
  province->class_year_ = class_year;
  // Whether the units came with their classes (of `class_year`), tags and recognitions.
  bool with_facts = false;
  if (map && map->date() == date) {
    province->units_ = province_units(*map, id);
    with_facts = map->class_year() == class_year;
    if (!with_facts)
      for (Unit& u : province->units_) {
        u.classes.clear();
        u.tags.clear();
        u.recognitions.clear();
      }
  } else {
    auto units = db.prepare(std::string(kTree) + "SELECT " + kUnitColumns + R"(
      FROM tree t JOIN unit u ON u.id = t.id
           JOIN unit_period p ON p.unit_id = u.id AND ifnull(p.valid_from, '') <= ?2 AND ifnull(p.valid_to, '9999-12-31') >= ?2
      ORDER BY t.depth, u.code)");
    units.bind(1, id).bind(2, date);
    while (units.step()) province->units_.push_back(unit_of_row(units));
  }
  province->by_code_.reserve(province->units_.size());
  province->by_id_.reserve(province->units_.size());
  for (std::size_t i = 0; i < province->units_.size(); ++i) {
    province->by_code_[province->units_[i].code] = i;
    province->by_id_[province->units_[i].id] = i;
  }
  if (province->units_.empty() || province->units_[0].id != id || province->units_[0].kind != "province") {
    UnitLabel l = unit_label(db, id);
    if (l.code.empty()) throw NotFound(tr("không có tỉnh số ", "no province with id ") + std::to_string(id), {});
    throw NotFound(l.name_with_type + " (" + l.code + ")" + tr(" không có trên bản đồ ngày ", " is not on the map of ") +
                       vn_date(date) + ": " + life_text(l) + successor_text(db, id),
                   {});
  }
  for (std::size_t i = 0; i < province->units_.size(); ++i) {
    Unit& u = province->units_[i];
    if (i > 0) {
      auto parent = province->by_id_.find(u.parent_id);
      if (parent != province->by_id_.end()) u.parent = province->units_[parent->second].code;
    }
    if (u.kind == "district") province->districts_.push_back(i);
  }
  // The units' ids as a JSON array: the classes, tags and recognitions below are looked up by
  // id (json_each) rather than by walking the tree again for each.
  std::string& ids = province->ids_json_;
  ids = "[";
  for (const Unit& u : province->units_) (ids += std::to_string(u.id)) += ',';
  ids.back() = ']';
  if (!with_facts)
    read_unit_facts(db, ids, class_year, date, [&](std::int64_t id) -> Unit* {
      auto it = province->by_id_.find(id);
      return it == province->by_id_.end() ? nullptr : &province->units_[it->second];
    });
  // A unit without a region of its own has its parent's (parents come first in units_).
  for (std::size_t i = 1; i < province->units_.size(); ++i) {
    Unit& u = province->units_[i];
    if (u.classes.count("region")) continue;
    if (const Unit* parent = province->find_id(u.parent_id)) {
      std::string r = parent->region();
      if (!r.empty()) u.classes["region"] = r;
    }
  }
  return province;
}

const Unit* Province::find(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &units_[it->second];
}

const Unit* Province::find_id(UnitId id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

std::vector<std::size_t> Province::communes(const std::string& district_code) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < units_.size(); ++i) {
    const Unit& u = units_[i];
    if (u.kind != "commune" || u.type != "xa") continue;
    if (!district_code.empty() && u.parent != district_code) continue;
    out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> Province::villages(const std::string& commune_code) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < units_.size(); ++i)
    if (units_[i].kind == "village" && (commune_code.empty() || units_[i].parent == commune_code)) out.push_back(i);
  return out;
}

const Unit* Province::district_of(const Unit& u) const {
  const Unit* d = &u;
  while (d && d->kind != "district" && d->kind != "province") d = find_id(d->parent_id);
  return d && d->kind == "district" ? d : nullptr;
}

const Unit& Province::district(const std::string& name_or_code) const {
  if (districts_.empty())
    throw NotFound(tr("bản đồ ngày ", "the map of ") + vn_date(date_) +
                       tr(" không có cấp huyện (cấp huyện kết thúc ngày 30/06/2025): tỉnh ",
                          " has no districts (districts ended on 30/06/2025): province ") +
                       unit().name + tr(" không có huyện '", " has no district '") + clip(name_or_code) + "'",
                   {}, name_or_code);
  bool plausible = name_or_code.size() <= kMaxNameBytes;
  std::string folded = plausible ? fold(name_or_code) : std::string();
  std::string wanted = plausible ? strip_type(folded) : std::string();
  std::vector<std::string> names;
  for (std::size_t i : districts_) {
    const Unit& d = units_[i];
    if (d.code == name_or_code || (plausible && (d.folded == wanted || fold(d.name_with_type) == folded))) return d;
    names.push_back(d.name);
  }
  auto suggestions = closest(name_or_code, names, 3);
  std::string message = tr("tỉnh ", "province ") + unit().name + tr(" không có huyện '", " has no district '") +
                        clip(name_or_code) + "'";
  message += did_you_mean(suggestions);
  throw NotFound(message, suggestions, name_or_code);
}

}  // namespace ntm
