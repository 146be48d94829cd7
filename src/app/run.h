// Running a script against a database: the shared path of `ntm run`, `ntm check`,
// `ntm report` and `ntm allocate`.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/paths.h"
#include "lua/host.h"
#include "model/catalog.h"
#include "store/database.h"

namespace ntm::app {

// The run's choices from the command line: the map date (--as-of DD/MM/YYYY for the reviewed
// --year, else 31/12 of --year) and the criteria set (--set). Throws std::invalid_argument on
// a date that is not one.
void configure_catalog(Catalog& catalog, const std::map<std::string, std::string>& args);

// The map of a question asked without a year (ntm query -e, ntm repl): --as-of, else 31/12 of
// --year, else 31/12 of the latest year with data in the database, else today; with the
// sentence that says which, for standard error.
struct QuestionMap {
  std::string date;
  int year = 0;
  bool given = false;
  std::string note;
};
QuestionMap question_map(const store::Database& db, const std::string& as_of, int year);

// Opens an existing database read-only, upgraded first when an older ntm made it, its schema
// checked. Throws std::runtime_error with a hint to run `ntm init` when the file is missing.
store::Database open_for_reading(const std::filesystem::path& db);
// open_for_reading, then restricted to reads (store::Database::restrict_to_reads): for scripts.
store::Database open_for_scripts(const std::filesystem::path& db);

struct ScriptInfo {
  std::string description;                 // the script's leading comment, first paragraph
  bool disabled = false;                   // script_disabled()
  std::vector<lua::ParamSpec> params;      // declared with ntm.params
};

// Reads the description and runs the script in describe mode (no database needed) to
// collect its parameters. A script that fails before ntm.params has no parameters listed.
ScriptInfo describe_script(const std::filesystem::path& script);

// A parameter's declared type as help shows it: "chuỗi", "số nguyên", "số", "có/không".
std::string param_type_name(const std::string& type);

// Prints "--name  type  (default)  help" lines for `ntm run SCRIPT --help`.
void print_script_help(const std::filesystem::path& script, const ScriptInfo& info, std::ostream& out);

// Runs `script` with `args` on `db` and returns the context (findings, scripts run).
// `after` runs with the host still alive and the script's first return value (nil when it
// returned nothing) on top of the Lua stack, to read what the script produced.
// With `lenient_args`, command-line parameters the script does not declare are ignored
// (rule scripts run with the arguments of the check that runs them). `profile` is what
// ntm.report.profile() and doc:prose() see (ntm report --profile FILE).
// Throws lua::ScriptError (kind Usage when the script's parameters were wrong).
struct RunResult {
  std::vector<lua::Finding> findings;
  std::map<std::string, std::string> scripts_run;   // script_label() → SHA-256 (app/provenance.h)
};
// What the scripts of one command share: the read-only connection (opened and checked once)
// and what the model loaded over it, so that a check's rules and the provinces of a
// national check do not reopen the file and reload the same provinces and sets.
struct Session {
  explicit Session(const std::filesystem::path& db) : path(db), database(open_for_scripts(db)) {
    cache->packs = std::make_shared<PackWriter>(db);
  }
  // A session for another thread of the same command (the provinces of a national check):
  // a connection and a catalog cache of its own, since a connection serves one thread at a
  // time; shared with this one: the pack writer, the map read whole, where scripts are found
  // and the rules.
  std::unique_ptr<Session> sibling() const;
  std::filesystem::path path;
  store::Database database;
  std::shared_ptr<CatalogCache> cache = std::make_shared<CatalogCache>();
  // Where scripts are found, looked up once per command (a national check runs hundreds of
  // scripts), and the label of each script run (script_label()), by path.
  std::vector<std::filesystem::path> script_dirs = app::script_dirs();
  std::map<std::string, std::string> labels;
  // The rule scripts of `ntm check` and whether each is switched off, read once per command.
  std::optional<std::vector<std::pair<std::filesystem::path, bool>>> rules;
  // Those of them a check runs after review script PATH (all but PATH itself), by PATH.
  std::map<std::string, std::vector<std::pair<std::filesystem::path, bool>>> rules_besides;
  // The script files the command runs, each read once (shared with the siblings).
  std::shared_ptr<lua::ScriptFiles> files = std::make_shared<lua::ScriptFiles>();
};
// `defaults` (the project file's province, year, set, profile) fill the parameters the
// script declares and `args` lack; the script's own defaults come after them.
RunResult run_script(Session& session, const std::filesystem::path& script,
                     const std::map<std::string, std::string>& args, const lua::Limits& limits, std::ostream& out,
                     std::ostream& err, const std::function<void(lua::Host&)>& after = {},
                     bool lenient_args = false, const std::map<std::string, std::string>& defaults = {},
                     std::shared_ptr<const report::Profile> profile = nullptr);
// Scripts run one after another in one sandboxed state (a check's review, then its rules):
// each gets what a fresh state would give it (Host::next_script), with its own limits; the
// state, the ntm bindings and the loaded data are made once. A failure ends the sequence.
struct ScriptStep {
  std::filesystem::path script;
  bool lenient_args = false;                  // as run_script's
  std::function<void(lua::Host&)> after;      // as run_script's
};
std::vector<RunResult> run_scripts(Session& session, const std::vector<ScriptStep>& steps,
                                   const std::map<std::string, std::string>& args, const lua::Limits& limits,
                                   std::ostream& out, std::ostream& err,
                                   const std::map<std::string, std::string>& defaults = {},
                                   std::shared_ptr<const report::Profile> profile = nullptr);
RunResult run_script(const std::filesystem::path& db, const std::filesystem::path& script,
                     const std::map<std::string, std::string>& args, const lua::Limits& limits, std::ostream& out,
                     std::ostream& err, const std::function<void(lua::Host&)>& after = {},
                     bool lenient_args = false, const std::map<std::string, std::string>& defaults = {},
                     std::shared_ptr<const report::Profile> profile = nullptr);

// A rule its author has not switched on yet: a line "-- @disabled" among the script's
// leading comments (`ntm new check` writes one). `ntm check` skips it and says so; `ntm run`
// and `ntm test` still run it.
bool script_disabled(const std::filesystem::path& script);

}  // namespace ntm::app
