// Where ntm finds its data (db/) and scripts, and which database a command uses.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
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
// The same, in the script folders `dirs` (script_dirs(), looked up once by the caller).
std::optional<std::filesystem::path> find_script(const std::string& name, const std::string& kind,
                                                 const std::vector<std::filesystem::path>& dirs);

// Whether a database setting names a PostgreSQL server rather than a SQLite file: a libpq URI
// (postgresql://…, postgres://…) or a conninfo string starting with one of libpq's keywords
// (host=…, dbname=…, service=…).
bool is_postgres_address(const std::string& setting);

// The database setting as given: the --db value, else $NTM_DB, else `db` of ./ntm.toml
// (app/project.h), else ntm.db. A file path or a PostgreSQL address.
std::string database_setting(const std::string& flag);

// Thrown by database_path when the setting is a PostgreSQL address, so that a command that runs
// on SQLite files only never takes one for a file name. A command-line error (exit 2);
// cli::guarded names the command that refused it.
struct SqliteOnly : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

enum class Access { Write, Read };

// The database file a command works on: database_setting(flag). A PostgreSQL address gives, to a
// command that only reads, the snapshot of the server (app/snapshot.h), and to one that writes,
// SqliteOnly.
std::filesystem::path database_path(const std::string& flag, Access access = Access::Write);

}  // namespace ntm::app
