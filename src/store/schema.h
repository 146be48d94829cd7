// Creating and upgrading the database: db/schema.sql, db/migrations/, reference data.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "store/database.h"

namespace ntm::store {

// The schema version this build knows; a database with a newer user_version is refused.
constexpr int kSchemaVersion = 4;   // schema.sql is 1; db/migrations/NNN_*.sql the rest

// Applies db/schema.sql to an empty database (user_version 0) and then every
// db/migrations/NNN_*.sql whose NNN is above the database's user_version, each in its
// own transaction. Migrations rebuild tables, so each runs with foreign keys off and
// legacy_alter_table on, and must leave PRAGMA foreign_key_check empty before it commits.
// Returns the resulting version. Throws DbError on failure, leaving the database at the
// last version that applied completely.
int migrate(Database& db, const std::filesystem::path& db_dir);

// Loads the base map, the units of 02/02/2020 (db/units-2020.csv: code, level, type, name,
// name_with_type, parent_code), as unit identities whose single period is open at both ends.
// Runs inside the caller's transaction. Throws naming the file and line on a bad row.
void load_base_units(Database& db, const std::filesystem::path& csv_path);

// Runs db/reference/*.sql in name order that have not run on this database yet (each one is
// recorded in meta as 'reference:FILE'), inside the caller's transaction. Returns the names
// of the files it ran.
std::vector<std::string> load_reference_sql(Database& db, const std::filesystem::path& db_dir);

// Reads a whole file; throws std::runtime_error naming it when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace ntm::store
