// The project file ntm.toml: working defaults so that everyday commands are short.
//
//   db = "out/dien-bien-2020.db"      # the database (relative to this file's folder)
//   province = "Điện Biên"
//   year = 2020
//   set = "318/QĐ-TTg"                # criteria set
//   profile = "dien-bien.toml"        # the province profile of reports (relative to this file)
//
// The file is ntm.toml in the current folder, else ntm.toml beside the database. Flags on the
// command line always win; $NTM_DB wins over `db`. `ntm config set/get/list` edits it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ntm::app {

struct Project {
  std::filesystem::path file;                    // the ntm.toml read; empty when there is none
  std::map<std::string, std::string> values;     // key → value as text (paths already resolved)
  std::map<std::string, std::string> raw;        // key → value as written in the file

  std::optional<std::string> get(const std::string& key) const;
};

// The keys a project file may hold, in the order `ntm config list` prints them.
const std::vector<std::string>& project_keys();

// Reads `file` (a missing file gives an empty Project with `file` set). Paths (db, profile)
// are resolved against the file's folder. Throws std::runtime_error naming the file, line and
// column of a syntax error, or the key of a value of the wrong kind.
Project read_project(const std::filesystem::path& file);

// ./ntm.toml when it exists.
std::optional<std::filesystem::path> local_project_file();

// The project that applies to a database: ./ntm.toml, else ntm.toml beside `db`; an empty
// Project (no file) when there is neither.
Project project_for(const std::filesystem::path& db);

// Checks `value` for `key` (a known key; year an integer from 1990 to 2100) and writes it,
// keeping the other keys. Throws std::invalid_argument on an unknown key or a bad value.
void set_project_value(const std::filesystem::path& file, const std::string& key, const std::string& value);
// Removes `key`; false when it was not set.
bool unset_project_value(const std::filesystem::path& file, const std::string& key);

}  // namespace ntm::app
