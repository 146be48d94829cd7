// Creating an ntm database on PostgreSQL (issue 17: PostgreSQL as a second store). The SQL
// lives in db/pg/schema.sql (the SQLite schema at kSchemaVersion in PostgreSQL's dialect); the
// reference data is the SQLite side's own db/reference/*.sql, written to run on both engines.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "store/pg_connection.h"

namespace ntm::store {

// Brings the database to kSchemaVersion, in one transaction: on an empty database applies
// db_dir/pg/schema.sql, records meta('schema_version'), runs db_dir/reference/*.sql (each
// recorded in meta as 'reference:FILE', as on SQLite). On a
// database already at kSchemaVersion only runs the reference files it has not run yet (none:
// nothing changes). Refuses, with a Vietnamese message and nothing changed, a database made by a
// newer version or one at an older version (no PostgreSQL migration exists yet).
// The connection's role must be allowed to create tables: it owns every table. Returns the
// reference files run.
std::vector<std::string> create_pg_schema(PgConnection& conn, const std::filesystem::path& db_dir);

// The schema version recorded in the database; 0 when it has no table meta (empty).
int pg_schema_version(PgConnection& conn);

}  // namespace ntm::store
