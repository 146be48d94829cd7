// Creating and upgrading the database: db/schema.sql, db/migrations/, reference data.
#pragma once

#include <filesystem>

#include "store/database.h"

namespace ntm::store {

// The schema version this build knows; a database with a newer user_version is refused.
constexpr int kSchemaVersion = 2;   // schema.sql is 1; db/migrations/NNN_*.sql the rest

// Applies db/schema.sql to an empty database (user_version 0) and then every
// db/migrations/NNN_*.sql whose NNN is above the database's user_version, each in its
// own transaction. Returns the resulting version. Throws DbError on failure, leaving the
// database at the last version that applied completely.
int migrate(Database& db, const std::filesystem::path& db_dir);

// Loads the reference data into a freshly migrated database, in one transaction:
// the administrative units (db/units-2020.csv) and db/reference/*.sql in name order.
void load_reference(Database& db, const std::filesystem::path& db_dir);

// Reads a whole file; throws std::runtime_error naming it when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace ntm::store
