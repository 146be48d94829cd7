#include "app/check.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <tuple>

#include "app/paths.h"
#include "app/provenance.h"
#include "app/run.h"
#include "lua/to_json.h"
#include "model/catalog.h"
#include "model/i18n.h"
#include "model/text.h"
#include "model/units.h"
#include "store/database.h"

namespace ntm::app {

namespace fs = std::filesystem;

std::vector<fs::path> rule_scripts(const std::vector<fs::path>& dirs) {
  std::vector<fs::path> out;
  std::map<std::string, fs::path> by_name;   // a user's rule replaces the shipped one of the same name
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

void load_rules(Session& session) {
  if (session.rules) return;
  session.rules.emplace();
  for (const auto& rule : rule_scripts(session.script_dirs)) session.rules->emplace_back(rule, script_disabled(rule));
}

namespace {

// The rules a check with review script `script` runs (the script itself is not one of them),
// worked out once per command: a national check asks for each of 63 provinces.
const std::vector<std::pair<fs::path, bool>>& rules_besides(Session& session, const fs::path& script) {
  auto it = session.rules_besides.find(script.string());
  if (it != session.rules_besides.end()) return it->second;
  load_rules(session);
  std::vector<std::pair<fs::path, bool>> rules;
  std::error_code ec;
  for (const auto& rule : *session.rules)
    if (!fs::equivalent(rule.first, script, ec)) rules.push_back(rule);
  return session.rules_besides.emplace(script.string(), std::move(rules)).first->second;
}

}  // namespace

nlohmann::ordered_json findings_json(const std::vector<lua::Finding>& findings) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& f : findings)
    out.push_back({{"rule", f.rule}, {"level", f.level}, {"code", f.unit_code}, {"name", f.unit_name},
                   {"district", f.district}, {"message", f.message}, {"script", f.script}});
  return out;
}

CheckResult run_check(const CheckOptions& options, std::ostream& log, Session* shared, std::string* results_text) {
  std::optional<Session> own;
  Session& session = shared ? *shared : own.emplace(options.db);
  auto script = find_script(options.script, "checks", session.script_dirs);
  if (!script) throw std::invalid_argument(tr("không tìm thấy script kiểm tra '", "check script not found: '") + options.script + "'");
  CheckResult result;
  nlohmann::ordered_json review;
  // The review, then the rules, in one sandboxed state: each script as in a state of its own
  // (run_scripts), without building the state, the bindings and the libraries five times.
  auto take_review = [&](lua::Host& host) {
    lua::TakeOptions text{"results", results_text, 3};
    review = lua::take_json(host, results_text ? &text : nullptr);
    if (!review.is_object())
      throw std::runtime_error(script->string() + tr(": script rà soát phải trả về một bảng (province, year, bands, ...)",
                                                     ": a review script must return a table (province, year, bands, ...)"));
  };
  std::vector<ScriptStep> steps{{*script, false, take_review}};
  if (options.rules) {
    for (const auto& [rule, disabled] : rules_besides(session, *script)) {
      if (disabled) result.disabled_rules.push_back(rule);
      else steps.push_back({rule, true, {}});
    }
  }
  auto runs = run_scripts(session, steps, options.args, options.limits, log, log, options.defaults);
  // A rule that runs the review again (so-lieu-in compares printed figures with it) repeats
  // the review's own findings: a finding already said (same rule, level, unit and message) is
  // said once.
  std::set<std::tuple<std::string, std::string, std::string, std::string>> said;
  for (const RunResult& run : runs) {
    for (const auto& f : run.findings)
      if (said.emplace(f.rule, f.level, f.unit_code, f.message).second) result.findings.push_back(f);
    result.scripts_run.insert(run.scripts_run.begin(), run.scripts_run.end());
  }
  // The documented keys first, in the documented order; then anything else the script added.
  static const char* order[] = {"province", "province_code", "year", "map_date", "map_note", "criteria_set", "set_note",
                                "criteria_count", "communes", "with_data", "no_data", "bands", "band_order", "band_names",
                                "standard", "average", "criteria", "group_by", "by_district", "unconfirmed_thresholds",
                                "results"};
  // Moved, not copied: a national check builds 8,000 communes' results this way. An object's
  // members are a vector that copies them when it grows: room for all of them (and the
  // findings) first.
  result.review = nlohmann::ordered_json::object();
  result.review.get_ref<nlohmann::ordered_json::object_t&>().reserve(review.size() + 1);
  for (const char* key : order)
    if (review.contains(key)) result.review[key] = std::move(review[key]);
  for (auto it = review.begin(); it != review.end(); ++it)
    if (!result.review.contains(it.key()) && it.key() != "findings") result.review[it.key()] = std::move(it.value());
  result.review["findings"] = findings_json(result.findings);
  return result;
}

std::size_t save_statuses(store::Database& db, const nlohmann::ordered_json& review,
                          const std::map<std::string, std::string>& scripts, const std::string& named_province,
                          int named_year, const std::string& named_date) {
  if (!review.contains("results") || !review.contains("criteria_set") || !review.contains("year"))
    throw std::runtime_error(tr("kết quả rà soát thiếu results/criteria_set/year, không lưu được",
                                "the review lacks results/criteria_set/year and cannot be saved"));
  std::string set = review["criteria_set"].get<std::string>();
  int year = review["year"].get<int>();
  std::vector<int> criteria;
  auto numbers = db.prepare("SELECT number FROM criterion WHERE set_id = ? ORDER BY number");
  numbers.bind(1, set);
  while (numbers.step()) criteria.push_back(static_cast<int>(numbers.get_int(0)));
  // Only what the user named is written: the results must be communes of the province of
  // --province on the map of --as-of (or 31/12 of --year), for the year of --year, whatever
  // the script returned. A result naming any other unit is refused.
  if (year != named_year)
    throw std::runtime_error(tr("kết quả rà soát là của năm ", "the review is for year ") + std::to_string(year) +
                             tr(", không phải năm --year ", ", not the --year ") + std::to_string(named_year) +
                             tr(": không lưu gì", ": nothing saved"));
  const std::string& date = named_date;
  UnitId province = find_province(db, named_province, date);
  auto map = Province::load(db, province, date, year);
  std::vector<std::pair<UnitId, std::vector<int>>> rows;
  for (const auto& r : review["results"]) {
    std::string code = r.at("code").get<std::string>();
    const Unit* u = map->find(code);
    if (!u || u->kind != "commune")
      throw std::runtime_error(tr("kết quả rà soát có mã ", "the review names code ") + clip(code) +
                               tr(" không phải xã của tỉnh ", ", not a commune of ") + map->unit().name +
                               tr(" trên bản đồ ngày ", " on the map of ") + vn_date(date) +
                               tr(" (--province): không lưu gì", " (--province): nothing saved"));
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

nlohmann::ordered_json review_change(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) {
  using json = nlohmann::ordered_json;
  json change;
  change["standard"] = {{"start", a.value("standard", 0L)}, {"end", b.value("standard", 0L)},
                        {"change", b.value("standard", 0L) - a.value("standard", 0L)}};
  double a_avg = a.value("average", 0.0), b_avg = b.value("average", 0.0);
  change["average"] = {{"start", a_avg}, {"end", b_avg}, {"change", b_avg - a_avg}};
  change["with_data"] = {{"start", a.value("with_data", 0L)}, {"end", b.value("with_data", 0L)}};
  // A national block of provinces reviewed with sets of different sizes has no count.
  bool same = a.contains("criteria_count") && b.contains("criteria_count") &&
              a.value("criteria_count", 0) == b.value("criteria_count", 0) && a.contains("bands") && b.contains("bands");
  change["same_criteria"] = same;
  if (same) {
    json bands = json::object();
    for (const auto& key : b["band_order"]) {
      std::string k = key.get<std::string>();
      long x = a["bands"].value(k, 0L), y = b["bands"].value(k, 0L);
      bands[k] = {{"name", b["band_names"].value(k, k)}, {"start", x}, {"end", y}, {"change", y - x}};
    }
    change["bands"] = bands;
    json criteria = json::object();
    for (const auto& [k, v] : b["criteria"].items()) {
      long x = a["criteria"].value(k, 0L), y = v.get<long>();
      criteria[k] = {{"start", x}, {"end", y}, {"change", y - x}};
    }
    change["criteria"] = criteria;
  }
  return change;
}

nlohmann::ordered_json run_period(const CheckOptions& options, int from, int to, std::ostream& log, CheckResult& end) {
  using json = nlohmann::ordered_json;
  Session session(options.db);
  auto review_of = [&](int year, bool rules) {
    CheckOptions o = options;
    o.args["year"] = std::to_string(year);
    o.rules = rules;
    return run_check(o, log, &session);
  };
  // The start: the end of the year before the span when it has data (a 2016-2020 phase starts
  // from the results of 31/12/2015), else the first year of the span.
  int start_year = from;
  CheckResult start;
  bool have_start = false;
  try {
    start = review_of(from - 1, false);
    have_start = start.review.value("with_data", 0) > 0;
    if (have_start) start_year = from - 1;
  } catch (const std::exception&) {
    have_start = false;   // no unit or no data that year: the span starts with its first year
  }
  if (!have_start) start = review_of(from, false);
  end = review_of(to, options.rules);

  const json& a = start.review;
  const json& b = end.review;
  json out;
  out["period"] = {{"from", from}, {"to", to}, {"start_year", start_year}, {"end_year", to}};
  out["change"] = review_change(a, b);
  out["start"] = a;
  out["end"] = b;
  for (const auto& [script, hash] : start.scripts_run) end.scripts_run.emplace(script, hash);
  return out;
}

nlohmann::ordered_json run_national_period(const CheckOptions& options, const std::string& spec, int from, int to,
                                           std::ostream& log, CheckResult& end,
                                           const std::function<void(int, std::size_t, std::size_t, const std::string&)>& progress,
                                           Session* shared) {
  using json = nlohmann::ordered_json;
  std::optional<Session> own;
  Session& session = shared ? *shared : own.emplace(options.db);
  auto national_of = [&](int year, const std::vector<std::string>& codes, bool rules, CheckResult& result) {
    CheckOptions o = options;
    o.args["year"] = std::to_string(year);
    o.rules = rules;
    return run_national(o, codes, log, result, [&](std::size_t i, std::size_t n, const std::string& code) {
      if (progress) progress(year, i, n, code);
    }, &session);
  };
  // The provinces of the end year first: a wrong name or a year without data is the
  // command line's fault (NotFound), before any review runs.
  std::vector<std::string> end_codes = check_provinces(session, spec, to);
  // The start, as for one province: the end of the year before the span when it has data,
  // else the first year of the span. Each year on its own map: across 01/07/2025 the
  // provinces are not the same ones.
  int start_year = from;
  json start;
  bool have_start = false;
  CheckResult ignored;
  try {
    start = national_of(from - 1, check_provinces(session, spec, from - 1), false, ignored);
    have_start = start["national"].value("with_data", 0L) > 0;
    if (have_start) start_year = from - 1;
  } catch (const NotFound&) {
    have_start = false;
  } catch (const lua::ScriptError&) {
    have_start = false;   // a province of the list not on that year's map
  }
  if (!have_start) start = national_of(from, check_provinces(session, spec, from), false, ignored);
  json last = national_of(to, end_codes, options.rules, end);

  json out = json::object();
  // Room for every member and the findings the command adds: growing an object copies its
  // members, here two countries' results.
  out.get_ref<json::object_t&>().reserve(7);
  out["period"] = {{"from", from}, {"to", to}, {"start_year", start_year}, {"end_year", to}};
  out["change"] = review_change(start["national"], last["national"]);
  // Per province, where the province is the same unit in both years (same code and name).
  json provinces = json::array();
  bool same = start["provinces"].size() == last["provinces"].size();
  for (const auto& b : last["provinces"]) {
    json row = {{"province_code", b.value("province_code", "")}, {"province", b.value("province", "")}};
    for (const auto& a : start["provinces"]) {
      if (a.value("province_code", "") != b.value("province_code", "") || a.value("province", "") != b.value("province", ""))
        continue;
      row["change"] = review_change(a, b);
    }
    if (!row.contains("change")) same = false;
    provinces.push_back(row);
  }
  // False when the national figures of the two ends do not cover the same provinces (one had
  // no data at the start, or the map changed between them): said in every output.
  out["same_provinces"] = same;
  out["provinces"] = provinces;
  out["start"] = std::move(start);
  out["end"] = std::move(last);
  for (const auto& [script, hash] : ignored.scripts_run) end.scripts_run.emplace(script, hash);
  return out;
}

bool whole_country(const std::string& spec) {
  std::string f = fold(spec);
  return f == "all" || f == "ca nuoc";
}

std::vector<std::string> check_provinces(Session& session, const std::string& spec, int year) {
  const store::Database& db = session.database;
  Catalog catalog(db, session.cache);
  std::string date = year_end(year);
  std::vector<std::string> codes;
  if (whole_country(spec)) {
    codes = catalog.provinces_with_data(year);
    if (codes.empty())
      throw NotFound(tr("không tỉnh nào có số liệu tiêu chí năm ", "no province has criteria data for ") + std::to_string(year), {});
    return codes;
  }
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    std::string name = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (!name.empty()) {
      std::string code = catalog.province(name, date)->unit().code;
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

}  // namespace ntm::app
