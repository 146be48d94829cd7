#include "model/units.h"

#include <algorithm>

#include "model/i18n.h"
#include "model/text.h"
#include "store/database.h"

namespace ntm {

namespace {

// Strips a leading unit type word ("tỉnh", "huyện", "thành phố", "xã" ...) from a folded name.
std::string strip_type(const std::string& folded) {
  static const char* prefixes[] = {"tinh ", "thanh pho ", "tp ", "huyen ", "quan ", "thi xa ", "xa ",
                                   "phuong ", "thi tran ", "thon ", "ban "};
  for (const char* p : prefixes) {
    std::string prefix(p);
    if (folded.rfind(prefix, 0) == 0 && folded.size() > prefix.size()) return folded.substr(prefix.size());
  }
  return folded;
}

}  // namespace

std::string did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return {};
  std::string text = tr("; có phải: ", "; did you mean: ");
  for (std::size_t i = 0; i < suggestions.size(); ++i) text += (i ? ", " : "") + suggestions[i];
  return text + "?";
}

std::string find_province_code(const store::Database& db, const std::string& name_or_code) {
  auto stmt = db.prepare("SELECT code, name FROM unit WHERE kind = 'province' ORDER BY code");
  std::string wanted = strip_type(fold(name_or_code));
  std::vector<std::string> names;
  std::string found;
  while (stmt.step()) {
    std::string code = stmt.get_text(0), name = stmt.get_text(1);
    names.push_back(name);
    if (code == name_or_code || fold(name) == wanted) found = code;
  }
  if (!found.empty()) return found;
  auto suggestions = closest(name_or_code, names, 3);
  std::string message = tr("không tìm thấy tỉnh '", "no province named '") + name_or_code + "'";
  message += did_you_mean(suggestions);
  throw NotFound(message, suggestions, name_or_code);
}

std::shared_ptr<const Province> Province::load(const store::Database& db, const std::string& code) {
  auto province = std::make_shared<Province>();
  // The whole subtree in one query: the province, its districts, their communes, villages.
  auto units = db.prepare(R"(
    WITH RECURSIVE tree(code, depth) AS (
      SELECT code, 0 FROM unit WHERE code = ?1 AND kind = 'province'
      UNION ALL SELECT u.code, t.depth + 1 FROM unit u JOIN tree t ON u.parent_code = t.code
    )
    SELECT u.code, u.kind, u.type, u.name, u.name_with_type, ifnull(u.parent_code, ''),
           ifnull(u.region, ''), u.extremely_difficult, u.border, u.mountainous
    FROM tree t JOIN unit u ON u.code = t.code ORDER BY t.depth, u.code)");
  units.bind(1, code);
  while (units.step()) {
    Unit u;
    u.code = units.get_text(0);
    u.kind = units.get_text(1);
    u.type = units.get_text(2);
    u.name = units.get_text(3);
    u.name_with_type = units.get_text(4);
    u.parent = units.get_text(5);
    u.region = units.get_text(6);
    u.extremely_difficult = units.get_int(7) != 0;
    u.border = units.get_int(8) != 0;
    u.mountainous = units.get_int(9) != 0;
    u.folded = fold(u.name);
    province->by_code_[u.code] = province->units_.size();
    province->units_.push_back(std::move(u));
  }
  if (province->units_.empty())
    throw NotFound(tr("không có tỉnh mã ", "no province with code ") + code, {});
  std::string region = province->units_[0].region;
  for (std::size_t i = 0; i < province->units_.size(); ++i) {
    Unit& u = province->units_[i];
    if (u.region.empty()) u.region = region;
    if (u.kind == "district") province->districts_.push_back(i);
  }
  auto tags = db.prepare(R"(
    SELECT t.unit_code, t.tag FROM unit_tag t JOIN unit u ON u.code = t.unit_code
    WHERE u.code = ?1 OR u.parent_code = ?1
       OR u.parent_code IN (SELECT code FROM unit WHERE parent_code = ?1)
       OR u.parent_code IN (SELECT c.code FROM unit c JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1)
    ORDER BY t.unit_code, t.tag)");
  tags.bind(1, code);
  while (tags.step()) {
    auto it = province->by_code_.find(tags.get_text(0));
    if (it != province->by_code_.end()) province->units_[it->second].tags.push_back(tags.get_text(1));
  }
  auto recognitions = db.prepare(R"(
    SELECT r.unit_code, r.grade, r.year FROM recognition r JOIN unit u ON u.code = r.unit_code
    WHERE r.revoked IS NULL AND (u.code = ?1 OR u.parent_code = ?1
       OR u.parent_code IN (SELECT code FROM unit WHERE parent_code = ?1)
       OR u.parent_code IN (SELECT c.code FROM unit c JOIN unit d ON c.parent_code = d.code WHERE d.parent_code = ?1)))");
  recognitions.bind(1, code);
  while (recognitions.step()) {
    auto it = province->by_code_.find(recognitions.get_text(0));
    if (it != province->by_code_.end())
      province->units_[it->second].recognitions[recognitions.get_text(1)] = static_cast<int>(recognitions.get_int(2));
  }
  return province;
}

const Unit* Province::find(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &units_[it->second];
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

const Unit& Province::district(const std::string& name_or_code) const {
  std::string wanted = strip_type(fold(name_or_code));
  std::vector<std::string> names;
  for (std::size_t i : districts_) {
    const Unit& d = units_[i];
    if (d.code == name_or_code || d.folded == wanted || fold(d.name_with_type) == fold(name_or_code)) return d;
    names.push_back(d.name);
  }
  auto suggestions = closest(name_or_code, names, 3);
  std::string message = tr("tỉnh ", "province ") + unit().name + tr(" không có huyện '", " has no district '") +
                        name_or_code + "'";
  message += did_you_mean(suggestions);
  throw NotFound(message, suggestions, name_or_code);
}

}  // namespace ntm
