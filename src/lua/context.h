// What a script run can reach, handed to every binding through the Lua registry.
// Scripts never see these C++ objects, only values and light handles made from them.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "lua/script_files.h"
#include "model/catalog.h"
#include "report/profile.h"

namespace ntm::lua {

// A parameter declared by a script with ntm.params{...}.
struct ParamSpec {
  std::string name;
  std::string type = "string";   // string | integer | number | boolean
  std::string help;
  std::string default_value;     // as text; empty when none
  bool has_default = false;
  bool required = false;
  std::vector<std::string> choices;
};

// A finding registered by a check with ntm.finding{...}.
struct Finding {
  std::string unit_code, unit_name, district;
  std::string rule;
  std::string level;             // error | warning | info
  std::string message;
  std::string script;            // file:line where it was registered
};

// The last lookup a binding could not answer (a year without data, an unknown district, tag,
// set or province): raised to the script as an ordinary error message; when the script does
// not catch it and the value came from one of its parameters, the host reports a wrong
// command-line argument (exit 2) instead of a script error.
struct LookupFailure {
  std::string value;             // what was asked for, as given
  std::string message;           // the sentence, naming what exists
  std::string raised;            // the exact error message the script received
  bool uncaught = false;         // set by the host's message handler
};

// Where a parameter's value came from, for the messages that name it.
enum class ParamSource { CommandLine, Project, ScriptDefault };

struct ParamValue {
  std::string text;
  ParamSource source = ParamSource::CommandLine;
};

struct Context {
  // `cache`: what earlier scripts of the same command loaded over the same connection.
  Context(const store::Database& db, std::ostream& out, std::ostream& err, std::shared_ptr<CatalogCache> cache = nullptr)
      : catalog(db, std::move(cache)), out(out), err(err) {}

  Catalog catalog;               // over the read-only connection
  std::ostream& out;             // print()
  std::ostream& err;             // ntm.log()
  std::map<std::string, std::string> args;      // --name value from the command line
  // Values of the project file (ntm.toml: province, year, set, profile) for the parameters a
  // script declares and the command line did not give; ignored when not declared.
  std::map<std::string, std::string> defaults;
  bool describe = false;         // collect ntm.params declarations only, then stop
  bool lenient_args = false;     // ignore command-line parameters the script does not declare
  std::vector<ParamSpec> params;
  std::map<std::string, ParamValue> param_values;   // what ntm.params handed the script
  LookupFailure lookup;
  std::string script_description;
  std::vector<std::filesystem::path> script_dirs;   // where ntm.use finds lib/NAME.lua
  // The command's script files, each read once (nullptr: read from the disk at each load).
  std::shared_ptr<ScriptFiles> files;
  std::vector<Finding> findings;
  std::map<std::string, std::string> scripts_run;   // path → SHA-256 of its text
  std::size_t max_print_bytes = 64u << 20;          // output flood cap
  std::size_t printed_bytes = 0;
  std::string usage_error;       // set when the command line's script parameters are wrong (exit 2)
  // Report layouts: the province profile (ntm report --profile FILE; nullptr without one)
  // and its prose, and where doc:map finds the boundaries of the 2025 map.
  std::shared_ptr<const report::Profile> profile;
  std::filesystem::path boundaries_dir;
};

}  // namespace ntm::lua
