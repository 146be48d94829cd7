// Pieces shared by the subcommands: the options every command spells the same way, working
// defaults from ntm.toml, the error report and exit statuses, script parameters given as
// --name value.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/project.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "lua/host.h"

namespace ntm::cli {

// Exit statuses (the command-line contract).
constexpr int kOk = 0;
constexpr int kDataError = 1;    // an error in a script or in data
constexpr int kUsage = 2;        // a bad command line
constexpr int kLimit = 3;        // a resource limit stopped the script

// Set by -v/--verbose: script hashes, schema versions, table counts and whole Lua tracebacks
// on standard error. Off by default: results on standard output, one summary line on error.
bool& verbose();

struct LimitFlags {
  double seconds = 60;
  double memory_mib = 512;
  long long instructions = 2'000'000'000;
  lua::Limits limits() const;
};

// What the command does once the whole command line is parsed: the subcommand's callback
// only records it, so main() can first refuse words nobody took and then run it. Words the
// command's options did not take are refused with a suggestion (reject_extras), unless
// `script_parameters`: then they are the script's --name value parameters.
void on_run(CLI::App* cmd, Global& global, std::function<int()> body, bool script_parameters = false);

// Adds --db FILE to a subcommand (the same option as before the subcommand).
void add_db_option(CLI::App* app, std::string& db);
// --db, --lang and -v/--verbose, accepted after the command name as well as before it.
void add_global_options(CLI::App* cmd, Global& global);
// --province TỈNH / --year NĂM / --set BỘ / --profile TỆP, spelled and checked alike
// everywhere. `needed` marks the option as required unless ntm.toml gives it.
CLI::Option* add_province_option(CLI::App* app, std::string& province, bool needed = true);
CLI::Option* add_year_option(CLI::App* app, int& year, const std::string& description, bool needed = true);
CLI::Option* add_set_option(CLI::App* app, std::string& set);
CLI::Option* add_profile_option(CLI::App* app, std::string& profile);
// --format with its choices, checked with a message in the user's language.
CLI::Option* add_format_option(CLI::App* app, std::string& format, const std::vector<std::string>& choices,
                               const std::string& description);

// The project file that applies to this command line's database (ntm.toml).
app::Project project(const Global& global);
// The flag's value, else the project's `key`, else a command-line error naming the flag and
// the ntm.toml key that would give it.
std::string need(const std::string& flag_value, const Global& global, const std::string& key, const std::string& flag);
int need_year(int flag_value, const Global& global);
// The flag's value, else the project's `key`, else "".
std::string project_or(const std::string& flag_value, const Global& global, const std::string& key);
// --profile's value, else ntm.toml's profile, else ""; a command-line error when the file
// does not exist.
std::string profile_path(const std::string& flag_value, const Global& global);
// Values of ntm.toml that scripts receive for the parameters they declare but the command
// line did not give (province, year, set, profile).
std::map<std::string, std::string> script_defaults(const Global& global);

// Throws std::invalid_argument (exit 2) naming --province, with suggestions, when the
// database has no such province on the map of `date` (ISO); so a typo, or a province that no
// longer exists, is a command-line error, not a script error.
void check_province(const std::filesystem::path& db, const std::string& province, const std::string& date);

// --as-of DD/MM/YYYY (the map of the reviewed year; default 31/12 of --year) and --set (the
// criteria set; default: the one the province recorded for the year, else the year's).
void add_map_flags(CLI::App* app, std::string& as_of, std::string* set = nullptr);
// --from Y1 --to Y2: a span of years (a programme phase), instead of --year.
void add_span_flags(CLI::App* app, int& from, int& to);
// The year a command runs on: --year, else the end of the span. Throws invalid_argument
// (exit 2) naming the flags when neither is given, the span is half given or reversed, or
// both --year and a span are given.
int span_year(int year, int from, int to);
// The map date of a command: --as-of (checked: exit 2 on a bad date), else 31/12 of `year`,
// else today. ISO text.
std::string map_date(const std::string& as_of, int year);

// Adds --time-limit, --memory-limit, --instruction-limit to a subcommand.
void add_limit_flags(CLI::App* app, LimitFlags& flags);

// Parses "--name value", "--name=value" and bare "--flag" words left over by CLI11.
// Throws std::invalid_argument on a word that is not an option.
std::map<std::string, std::string> parse_script_args(const std::vector<std::string>& words);

// The SHA-256 of every script a run loaded, once each, with --verbose only.
void print_provenance(const std::map<std::string, std::string>& scripts, std::ostream& err);

// Runs `body`, turning every failure into a message on stderr and an exit status.
int guarded(const std::function<int()>& body);

// A command that writes, on a PostgreSQL server (the database setting of `global`): writes a
// working copy of the server (app::ServerWork) that global.db names from now on, and when `body`
// has run (whatever its status: a write that did not complete changed nothing) sends the server
// what it changed, saying so on standard error. On a file: just `body`. Returns body's status,
// or that of the failure to send.
int writing(Global& global, const std::function<int()>& body);

// Prints a script error the way every command does: the message, then (for an error in a
// script's own code) the script lines that led to it; the whole Lua traceback with --verbose.
int report_script_error(const lua::ScriptError& e);

// Lua's traceback as the frames of script files only, in the user's language:
// "  /path/x.lua:12 (trong hàm tong_hop)". The whole traceback with --verbose.
std::string script_frames(const std::string& traceback);

}  // namespace ntm::cli
