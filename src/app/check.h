// `ntm check`: the criteria review script plus the rule scripts, and saving computed statuses.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lua/host.h"
#include "store/database.h"

namespace ntm::app {

struct CheckOptions {
  std::filesystem::path db;
  std::string script = "tieu-chi-xa";        // the review script
  std::map<std::string, std::string> args;    // province, year, tag, district, ... for every script
  std::map<std::string, std::string> defaults; // for parameters a script declares and args lack (ntm.toml, --profile)
  bool rules = true;                          // also run scripts/checks/rules/*.lua
  lua::Limits limits;
  // Threads reviewing the provinces of a national check (--jobs): 0, one per core (at most
  // 8); 1, one province after another in this thread.
  unsigned jobs = 0;
};

struct CheckResult {
  nlohmann::ordered_json review;              // the review script's result, keys in the documented order
  std::vector<lua::Finding> findings;         // from every script, in run order
  std::map<std::string, std::string> scripts_run;   // script_label() → SHA-256
  std::vector<std::filesystem::path> disabled_rules;   // rules not run: marked "-- @disabled" (app/run.h)
};

struct Session;

// Runs the review script (which must return the review table) and then each rule script,
// all over one connection and one catalog cache (`session`, or one opened for this check).
// Throws lua::ScriptError / std::runtime_error as run_script does.
// With `results_text`, the communes' results the review returned are written there as JSON
// text, as a province of the national document holds them (nested_json(results, 3)), and the
// review's "results" is null.
CheckResult run_check(const CheckOptions& options, std::ostream& log, Session* session = nullptr,
                      std::string* results_text = nullptr);

// The rule scripts that `ntm check` runs, in name order: checks/rules/*.lua of the script
// folders `dirs` (app::script_dirs(), first wins), a user's rule replacing the shipped one
// of the same name.
std::vector<std::filesystem::path> rule_scripts(const std::vector<std::filesystem::path>& dirs);
// The session's rules (rule_scripts() of its script folders, each with whether it is
// switched off), read once.
void load_rules(Session& session);

// Writes the computed statuses of the review's results (criterion_status, by = 'computed')
// in one transaction, replacing the earlier computed statuses of those communes and year.
// Returns the number of rows written.
// The run and the SHA-256 of every script it ran (`scripts`) are recorded in saved_run,
// and each status row names that run (criterion_status.run_id).
// `db` comes from open_for_writing() (app/provenance.h).
// Refuses (std::runtime_error, nothing written) results for a year other than `named_year`
// or codes that are not communes of `named_province` on the map of `named_date` (the
// --province, --year and --as-of the user gave), so a script cannot make the command write
// another province's statuses.
std::size_t save_statuses(store::Database& db, const nlohmann::ordered_json& review,
                          const std::map<std::string, std::string>& scripts, const std::string& named_province,
                          int named_year, const std::string& named_date);

// A span of years (`ntm check --from Y1 --to Y2`): the review at the start (31/12 of Y1-1 when
// the province has data for that year, else Y1) and at the end (Y2), each year on its own map
// and set, and the change: communes meeting standard, the average, each band and each criterion
// (per criterion only when both years were reviewed with the same number of criteria).
// The rules run on the end year. Returns {"period": {...}, "start": review, "end": review,
// "change": {...}} and the end run's findings and scripts in `end`.
nlohmann::ordered_json run_period(const CheckOptions& options, int from, int to, std::ostream& log, CheckResult& end);

// The provinces a national check covers: `spec` is "all" (every province of the map of
// 31/12/`year` with indicator values or assessed statuses that year) or a comma-separated list of
// names or codes. Returns province codes in code order; throws NotFound for an unknown name.
// Over the session the national check then runs on (one connection, one catalog cache).
std::vector<std::string> check_provinces(Session& session, const std::string& spec, int year);
// Whether `spec` (of --province) names the whole country: "all" or "cả nước".
bool whole_country(const std::string& spec);

// The check of several provinces in one process: each province as run_check (findings with
// the province), then a national block summing communes, communes with data, the standard, the
// bands and the communes per criterion (when every province used a set of the same size), and
// the average over the communes with data. `progress(i, n, province)` is called before each.
// Returns {"national": {...}, "provinces": [review, ...]}; findings of all in `all.findings`.
// `session`: the connection and cache to run on (nullptr: one opened for this check).
// With options.jobs other than 1, the provinces are reviewed by threads, each with a
// session of its own (Session::sibling); what the scripts print is kept per province and
// written to `log` in province order, and the result, the findings and a failure are those
// of one province after another: the first province that fails (in the list's order) is
// the error, after the log of the provinces before it and its own.
// With `province_json`, each province's review is also written as JSON text, as national_json
// lays it out, by the thread that made it (list order); the returned reviews then lack their
// "results" (the communes' results: written, and freed in that thread).
nlohmann::ordered_json run_national(const CheckOptions& options, const std::vector<std::string>& provinces,
                                    std::ostream& log, CheckResult& all,
                                    const std::function<void(std::size_t, std::size_t, const std::string&)>& progress = {},
                                    Session* session = nullptr, std::vector<std::string>* province_json = nullptr);

// `value` as value.dump(2) writes it `depth` levels deep in a document: every line after the
// first indented by 2 × depth more spaces.
std::string nested_json(const nlohmann::ordered_json& value, int depth);
// The national check's JSON document {"national", "provinces", "findings"}, byte for byte as
// dump(2) of the whole tree would write it, from run_national's result (its "national" block)
// and the provinces' texts that run_national wrote (no trailing line break).
std::string national_json(const nlohmann::ordered_json& national, const std::vector<std::string>& province_json,
                          const nlohmann::ordered_json& findings);
// The same document written to `out` piece by piece: the country's 5 MB are not gathered
// into one string first.
void write_national_json(std::ostream& out, const nlohmann::ordered_json& national,
                         const std::vector<std::string>& province_json, const nlohmann::ordered_json& findings);

// The change from review (or national block) `a` to `b`: communes meeting the standard, the
// average, communes with data and, when both counted the same number of criteria, each band
// and each criterion. Each as {start, end, change}.
nlohmann::ordered_json review_change(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);

// A span of years over several provinces (`ntm check --province all --from Y1 --to Y2`): the
// national check at the start (31/12 of Y1-1 when any of the provinces has data that year,
// else Y1) and at the end (Y2), each year on its own map, with its own provinces; the rules
// run on the end year. Returns {"period", "change" (national), "provinces": [{province_code,
// province, change}] (change only for a province that is the same unit in both years),
// "same_provinces" (false when the two ends do not cover the same provinces), "start":
// national, "end": national}; the end's findings and every script run in `end`.
// `progress(year, i, n, province)` before each province. Throws NotFound when the spec names
// an unknown province or no province has data in Y2.
nlohmann::ordered_json run_national_period(const CheckOptions& options, const std::string& spec, int from, int to,
                                           std::ostream& log, CheckResult& end,
                                           const std::function<void(int, std::size_t, std::size_t, const std::string&)>& progress = {},
                                           Session* session = nullptr);

// The findings as JSON objects {rule, level, code, name, district, message, script}.
nlohmann::ordered_json findings_json(const std::vector<lua::Finding>& findings);

}  // namespace ntm::app
