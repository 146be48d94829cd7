// Where ntm finds its data (db/) and scripts, and which database a command uses.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ntm::app {

// The folder holding db/schema.sql and scripts/: $NTM_HOME when set, else share/ntm beside
// the installed binary (PREFIX/bin/ntm → PREFIX/share/ntm), else the source tree the program
// was built from, else the configured install folder. Throws when none has db/schema.sql.
std::filesystem::path data_dir();

// Folders searched for scripts, in order: ./scripts (and . itself), ~/.local/share/ntm/scripts,
// then the shipped scripts of data_dir().
std::vector<std::filesystem::path> script_dirs();

// Resolves a script given by path or by name ("annual", "reports/annual", "tieu-chi-xa"):
// an existing file as given; else NAME(.lua) under each script folder and its checks/,
// reports/, allocations/, examples/ subfolders. `kind` ("checks", ...) is tried first.
// nullopt when nothing matches.
std::optional<std::filesystem::path> find_script(const std::string& name, const std::string& kind = {});

// The database path: the --db value, else $NTM_DB, else `db` of ./ntm.toml (app/project.h),
// else ntm.db.
std::filesystem::path database_path(const std::string& flag);

}  // namespace ntm::app
