// A PostgreSQL server for a province office (issue 17): creating the ntm schema on an empty
// database and managing its users, for `ntm server init` and `ntm user`. Each function opens
// its own connection from a libpq address (postgresql://…, host=… dbname=…, service=…); a
// failure to connect or a refusal by the server is a store::PgError, one Vietnamese line that
// names the server and the database, and leaves nothing half done (one transaction each).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ntm::app {

// What init_server did.
struct ServerInit {
  std::string server;                     // "socket /run/postgresql/.s.PGSQL.5432" or "host:port"
  std::string database;
  bool created = false;                   // the schema was made now (false: it was there)
  int version = 0;                        // the schema version the database is at now
  int tables = 0;                         // tables of the schema
  std::vector<std::string> reference;     // reference files run now (db/reference/*.sql)
  std::int64_t rows_added = 0;            // rows those files wrote (counted when created only)
  std::int64_t map_rows = 0;              // rows of the map sent now (units and their history;
                                          // 0 when the server had units already)
};

// Brings the database to this program's schema version with the data folder's db/
// (store::create_pg_schema): the whole schema and reference data on an empty database; on a
// database already made, only reference files added since (usually none: nothing changes).
// A server without units gets the map, as `ntm init` builds it, with the same unit ids.
// Throws when the database is of a newer version, or is not empty and not ntm's, or the role
// is no superuser (access.sql revokes functions that the bootstrap superuser owns).
ServerInit init_server(const std::string& address);

// The province code that `province` names on this server: "" for "all" or ""; a code as given
// when a province carries it; else the province whose name (accents and "Tỉnh"/"Thành phố"
// optional) folds to the same text, its current name preferred. Throws std::invalid_argument
// naming --province when there is none (with suggestions) or the name is ambiguous.
std::string server_province_code(const std::string& address, const std::string& province);

struct ServerUser {
  std::string name;
  std::string role;             // viewer, editor, admin
  std::string province_code;    // "" for a national user
  std::string province_name;    // the province's current (else latest) name; "" for national
};

// Adds the login role `name` with `role` (viewer, editor, admin) for `province` (as
// server_province_code takes it) and `password` ("" = none: pg_hba.conf decides); returns the
// user as list_server_users shows it. The connection's role needs CREATEROLE and the right to
// write ntm_user: in practice the superuser role that ran init_server.
ServerUser add_server_user(const std::string& address, const std::string& name, const std::string& province,
                           const std::string& role, const std::string& password);

// Removes the user `name` (its row and its login role).
void remove_server_user(const std::string& address, const std::string& name);

// The users of the database, by name.
std::vector<ServerUser> list_server_users(const std::string& address);

}  // namespace ntm::app
