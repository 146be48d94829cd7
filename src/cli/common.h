// Pieces shared by the subcommands: limits flags, the error report and exit statuses,
// script parameters given as --name value.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lua/host.h"

namespace ntm::cli {

// Exit statuses (the command-line contract).
constexpr int kOk = 0;
constexpr int kDataError = 1;    // an error in a script or in data
constexpr int kUsage = 2;        // a bad command line
constexpr int kLimit = 3;        // a resource limit stopped the script

struct LimitFlags {
  double seconds = 60;
  double memory_mib = 512;
  long long instructions = 2'000'000'000;
  lua::Limits limits() const;
};

// Adds --db FILE to a subcommand (the same option as before the subcommand).
void add_db_option(CLI::App* app, std::string& db);

// Throws std::invalid_argument (exit 2) naming --province, with suggestions, when the
// database has no such province on the map of `date` (ISO); so a typo, or a province that no
// longer exists, is a command-line error, not a script error.
void check_province(const std::filesystem::path& db, const std::string& province, const std::string& date);

// --as-of DD/MM/YYYY (the map of the reviewed year; default 31/12 of --year) and --set (the
// criteria set; default: the one the province recorded for the year, else the year's).
void add_map_flags(CLI::App* app, std::string& as_of, std::string* set = nullptr);
// The map date of a command: --as-of (checked: exit 2 on a bad date), else 31/12 of `year`,
// else today. ISO text.
std::string map_date(const std::string& as_of, int year);

// Adds --time-limit, --memory-limit, --instruction-limit to a subcommand.
void add_limit_flags(CLI::App* app, LimitFlags& flags);

// Parses "--name value", "--name=value" and bare "--flag" words left over by CLI11.
// Throws std::invalid_argument on a word that is not an option.
std::map<std::string, std::string> parse_script_args(const std::vector<std::string>& words);

// Runs `body`, turning every failure into a message on stderr and an exit status.
int guarded(const std::function<int()>& body);

// Prints a script error the way every command does.
int report_script_error(const lua::ScriptError& e);

}  // namespace ntm::cli
