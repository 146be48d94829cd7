// Creating an ntm database on PostgreSQL, and its users (issue 17: PostgreSQL as a second
// store, each office allowed only its own province). The SQL lives in db/pg/: schema.sql (the
// SQLite schema at kSchemaVersion in PostgreSQL's dialect) and access.sql (group roles, the
// table of users, row level security by province, the audit); the reference data is the
// SQLite side's own db/reference/*.sql, written to run on both engines.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "store/pg_connection.h"

namespace ntm::store {

// Brings the database to kSchemaVersion, in one transaction: on an empty database applies
// db_dir/pg/schema.sql, records meta('schema_version'), runs db_dir/reference/*.sql (each
// recorded in meta as 'reference:FILE', as on SQLite), then db_dir/pg/access.sql. On a
// database already at kSchemaVersion only runs the reference files it has not run yet (none:
// nothing changes). Refuses, with a Vietnamese message and nothing changed, a database made by a
// newer version or one at an older version (no PostgreSQL migration exists yet).
// The connection's role must be allowed to create tables and roles (CREATEROLE): it owns every
// table, and owners are not subject to the per-province rules. Returns the reference files run.
std::vector<std::string> create_pg_schema(PgConnection& conn, const std::filesystem::path& db_dir);

// The schema version recorded in the database; 0 when it has no table meta (empty).
int pg_schema_version(PgConnection& conn);

struct PgUser {
  std::string name;            // the login role
  std::string province_code;   // '' for a national user
  std::string role;            // "viewer", "editor" or "admin"
};

// Makes the login role `name` (lower-case letters, digits and '_', starting with a letter or
// '_', at most 63 bytes; not a name of PostgreSQL's or one of ntm's group roles), a member of
// ntm_<role>, with `password` (none when empty: then pg_hba.conf decides), and records it in
// ntm_user with the province whose code is `province_code` ('' = national). The province is the
// province identity carrying that code whose period is open (the current one), else the only
// one carrying it. One transaction: on failure nothing is made. Throws PgError/DbError in
// Vietnamese naming what failed (the name, the role, the province, a role that exists already).
// The password is sent to the server inside CREATE ROLE: keep log_statement below 'ddl'.
void add_pg_user(PgConnection& conn, const std::string& name, const std::string& province_code,
                 const std::string& role, const std::string& password);

// Removes the user `name` from ntm_user and drops its login role. Throws when it is not a user
// of this database or the role cannot be dropped (it owns objects, or is used elsewhere).
void remove_pg_user(PgConnection& conn, const std::string& name);

// The users of this database, by name.
std::vector<PgUser> list_pg_users(PgConnection& conn);

}  // namespace ntm::store
