#include "app/check.h"

#include <algorithm>

#include "app/paths.h"
#include "app/provenance.h"
#include "app/run.h"
#include "lua/to_json.h"
#include "model/i18n.h"
#include "model/units.h"
#include "store/database.h"

namespace ntm::app {

namespace fs = std::filesystem;

std::vector<fs::path> rule_scripts() {
  std::vector<fs::path> out;
  std::map<std::string, fs::path> by_name;   // a user's rule replaces the shipped one of the same name
  auto dirs = script_dirs();
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    std::error_code ec;
    fs::path dir = *it / "checks" / "rules";
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".lua") by_name[e.path().filename().string()] = e.path();
  }
  for (const auto& [name, path] : by_name) out.push_back(path);
  return out;
}

nlohmann::ordered_json findings_json(const std::vector<lua::Finding>& findings) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& f : findings)
    out.push_back({{"rule", f.rule}, {"level", f.level}, {"code", f.unit_code}, {"name", f.unit_name},
                   {"district", f.district}, {"message", f.message}, {"script", f.script}});
  return out;
}

CheckResult run_check(const CheckOptions& options, std::ostream& log) {
  auto script = find_script(options.script, "checks");
  if (!script) throw std::invalid_argument(tr("không tìm thấy script kiểm tra '", "check script not found: '") + options.script + "'");
  CheckResult result;
  nlohmann::ordered_json review;
  auto main = run_script(options.db, *script, options.args, options.limits, log, log,
                         [&](lua::Host& host) { review = lua::take_json(host); }, false, options.defaults);
  if (!review.is_object())
    throw std::runtime_error(script->string() + tr(": script rà soát phải trả về một bảng (province, year, bands, ...)",
                                                   ": a review script must return a table (province, year, bands, ...)"));
  result.findings = main.findings;
  result.scripts_run = main.scripts_run;
  if (options.rules) {
    for (const auto& rule : rule_scripts()) {
      if (fs::equivalent(rule, *script)) continue;
      if (script_disabled(rule)) {
        result.disabled_rules.push_back(rule);
        continue;
      }
      auto r = run_script(options.db, rule, options.args, options.limits, log, log, {}, true, options.defaults);
      result.findings.insert(result.findings.end(), r.findings.begin(), r.findings.end());
      result.scripts_run.insert(r.scripts_run.begin(), r.scripts_run.end());
    }
  }
  // The documented keys first, in the documented order; then anything else the script added.
  static const char* order[] = {"province", "province_code", "year", "map_date", "map_note", "criteria_set", "set_note",
                                "criteria_count", "communes", "with_data", "no_data", "bands", "band_order", "band_names",
                                "standard", "average", "criteria", "group_by", "by_district", "unconfirmed_thresholds",
                                "results"};
  for (const char* key : order)
    if (review.contains(key)) result.review[key] = review[key];
  for (auto it = review.begin(); it != review.end(); ++it)
    if (!result.review.contains(it.key()) && it.key() != "findings") result.review[it.key()] = it.value();
  result.review["findings"] = findings_json(result.findings);
  return result;
}

std::size_t save_statuses(store::Database& db, const nlohmann::ordered_json& review,
                          const std::map<std::string, std::string>& scripts) {
  if (!review.contains("results") || !review.contains("criteria_set") || !review.contains("year"))
    throw std::runtime_error(tr("kết quả rà soát thiếu results/criteria_set/year, không lưu được",
                                "the review lacks results/criteria_set/year and cannot be saved"));
  std::string set = review["criteria_set"].get<std::string>();
  int year = review["year"].get<int>();
  std::vector<int> criteria;
  auto numbers = db.prepare("SELECT number FROM criterion WHERE set_id = ? ORDER BY number");
  numbers.bind(1, set);
  while (numbers.step()) criteria.push_back(static_cast<int>(numbers.get_int(0)));
  // The communes of the review: those of the named province on the map the review used. A
  // result naming any other unit is refused (a script cannot write another province's data).
  std::string date = review.contains("map_date") && review["map_date"].is_string() ? review["map_date"].get<std::string>()
                                                                                    : year_end(year);
  std::string name = review.contains("province_code") && review["province_code"].is_string()
                         ? review["province_code"].get<std::string>()
                         : review.value("province", std::string());
  UnitId province = find_province(db, name, date);
  auto map = Province::load(db, province, date, year);
  std::vector<std::pair<UnitId, std::vector<int>>> rows;
  for (const auto& r : review["results"]) {
    std::string code = r.at("code").get<std::string>();
    const Unit* u = map->find(code);
    if (!u || u->kind != "commune")
      throw std::runtime_error(tr("kết quả rà soát có mã ", "the review names code ") + code +
                               tr(" không phải xã của ", ", not a commune of ") + map->unit().name_with_type +
                               tr(" trên bản đồ ngày ", " on the map of ") + vn_date(date) + tr(": không lưu gì", ": nothing saved"));
    std::vector<int> met;
    for (const auto& m : r.at("met")) met.push_back(m.get<int>());
    rows.emplace_back(u->id, std::move(met));
  }
  store::Transaction tx(db);
  std::int64_t run = record_saved_run(db, "check", province, year, scripts);
  auto remove = db.prepare("DELETE FROM criterion_status WHERE unit_id = ? AND year = ? AND set_id = ? AND by = 'computed'");
  auto insert = db.prepare("INSERT INTO criterion_status(unit_id, year, set_id, criterion, met, by, source, run_id) "
                           "VALUES (?, ?, ?, ?, ?, 'computed', 'ntm check', ?)");
  std::size_t written = 0;
  for (const auto& [id, met] : rows) {
    remove.bind(1, id).bind(2, year).bind(3, set).run();
    for (int c : criteria) {
      bool is_met = std::find(met.begin(), met.end(), c) != met.end();
      insert.bind(1, id).bind(2, year).bind(3, set).bind(4, c).bind(5, is_met ? 1 : 0).bind(6, run).run();
      ++written;
    }
  }
  tx.commit();
  return written;
}

}  // namespace ntm::app
