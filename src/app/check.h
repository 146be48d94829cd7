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
  std::map<std::string, std::string> defaults; // for parameters a script declares and args lack (ntm.toml, --profile)
  bool rules = true;                          // also run scripts/checks/rules/*.lua
  lua::Limits limits;
};

struct CheckResult {
  nlohmann::ordered_json review;              // the review script's result, keys in the documented order
  std::vector<lua::Finding> findings;         // from every script, in run order
  std::map<std::string, std::string> scripts_run;   // script_label() → SHA-256
  std::vector<std::filesystem::path> disabled_rules;   // rules not run: marked "-- @disabled" (app/run.h)
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
std::size_t save_statuses(store::Database& db, const nlohmann::ordered_json& review,
                          const std::map<std::string, std::string>& scripts);

// The findings as JSON objects {rule, level, code, name, district, message, script}.
nlohmann::ordered_json findings_json(const std::vector<lua::Finding>& findings);

}  // namespace ntm::app
