#include "model/funding.h"

#include "model/i18n.h"
#include "model/text.h"
#include "store/database.h"

namespace ntm {

FundingSources::FundingSources(const store::Database& db) {
  auto stmt = db.prepare("SELECT code, ifnull(parent, ''), name, sort FROM funding_source ORDER BY sort, code");
  while (stmt.step()) {
    FundingSource s{stmt.get_text(0), stmt.get_text(1), stmt.get_text(2), static_cast<int>(stmt.get_int(3))};
    by_key_[s.code] = s.code;
    by_key_[fold(s.code)] = s.code;
    by_key_[fold(s.name)] = s.code;
    sources_.push_back(std::move(s));
  }
  auto aliases = db.prepare("SELECT alias, source FROM funding_source_alias");
  while (aliases.step()) by_key_[fold(aliases.get_text(0))] = aliases.get_text(1);
}

std::string FundingSources::code(const std::string& name_or_code) const {
  auto it = by_key_.find(name_or_code);
  if (it == by_key_.end()) it = by_key_.find(fold(name_or_code));
  if (it != by_key_.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& s : sources_) names.push_back(s.name);
  auto near = closest(name_or_code, names, 3);
  std::string message = tr("không có nguồn vốn '", "no funding source '") + name_or_code + "'" + did_you_mean(near) +
                        tr(" (các nguồn: ", " (known: ");
  for (std::size_t i = 0; i < names.size(); ++i) message += (i ? "; " : "") + names[i];
  throw NotFound(message + ")", near, name_or_code);
}

std::string FundingSources::name(const std::string& code) const {
  for (const auto& s : sources_)
    if (s.code == code) return s.name;
  return code;
}

std::vector<FundingAmount> province_funding(const store::Database& db, UnitId province, int from, int to) {
  // Each year's rows on that year's map: the unit is the province, or under it through at
  // most three levels (district, commune, village) on the map of 31/12 of the row's year.
  auto stmt = db.prepare(R"(
    WITH RECURSIVE years(y) AS (SELECT ?2 UNION ALL SELECT y + 1 FROM years WHERE y < ?3),
    tree(id, y) AS (
      SELECT ?1, y FROM years
      UNION ALL
      SELECT p.unit_id, t.y FROM unit_period p JOIN tree t ON p.parent_id = t.id
      WHERE ifnull(p.valid_from, '') <= t.y || '-12-31' AND ifnull(p.valid_to, '9999-12-31') >= t.y || '-12-31')
    SELECT f.source, f.stage, f.component, sum(f.amount) FROM funding f JOIN tree t ON t.id = f.unit_id AND t.y = f.year
    GROUP BY f.source, f.stage, f.component)");
  stmt.bind(1, province).bind(2, from).bind(3, to);
  std::vector<FundingAmount> out;
  while (stmt.step()) out.push_back({stmt.get_text(0), stmt.get_text(1), stmt.get_text(2), stmt.get_int(3)});
  return out;
}

std::vector<FundingAmount> unit_funding(const store::Database& db, const Province& map, std::size_t unit, int year) {
  // Parents come before their children in units(): one pass marks the subtree.
  const auto& units = map.units();
  std::vector<char> under(units.size(), 0);
  under[unit] = 1;
  std::string ids = "[" + std::to_string(units[unit].id);
  for (std::size_t i = unit + 1; i < units.size(); ++i) {
    const Unit* parent = map.find_id(units[i].parent_id);
    if (!parent || !under[static_cast<std::size_t>(parent - units.data())]) continue;
    under[i] = 1;
    (ids += ',') += std::to_string(units[i].id);
  }
  ids += ']';
  auto stmt = db.prepare(R"(
    SELECT f.source, f.stage, f.component, sum(f.amount) FROM json_each(?1) j JOIN funding f ON f.unit_id = j.value
    WHERE f.year = ?2 GROUP BY f.source, f.stage, f.component)");
  stmt.bind(1, ids).bind(2, year);
  std::vector<FundingAmount> out;
  while (stmt.step()) out.push_back({stmt.get_text(0), stmt.get_text(1), stmt.get_text(2), stmt.get_int(3)});
  return out;
}

}  // namespace ntm
