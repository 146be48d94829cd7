// `ntm check`: the criteria review script plus the rule scripts, and saving computed statuses.
#pragma once

#include <filesystem>
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
  bool rules = true;                          // also run scripts/checks/rules/*.lua
  lua::Limits limits;
};

struct CheckResult {
  nlohmann::ordered_json review;              // the review script's result, keys in the documented order
  std::vector<lua::Finding> findings;         // from every script, in run order
  std::map<std::string, std::string> scripts_run;   // script_label() → SHA-256
};

// Runs the review script (which must return the review table) and then each rule script.
// Throws lua::ScriptError / std::runtime_error as run_script does.
CheckResult run_check(const CheckOptions& options, std::ostream& log);

// The rule scripts that `ntm check` runs, in name order.
std::vector<std::filesystem::path> rule_scripts();

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

// The findings as JSON objects {rule, level, code, name, district, message, script}.
nlohmann::ordered_json findings_json(const std::vector<lua::Finding>& findings);

}  // namespace ntm::app
