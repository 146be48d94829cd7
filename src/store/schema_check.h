// Refusing a database file whose schema is not ntm's.
//
// A database file comes from outside (e-mail, USB stick) and is input like any other: a view
// or trigger that calls an SQL function, or a virtual table (FTS, R-tree...), runs code when
// ntm or a script reads it. So before ntm uses a file, its schema is compared with the
// schema ntm itself would have built at that file's version: db/schema.sql plus the
// db/migrations/NNN_*.sql up to its user_version, applied to an empty in-memory database.
// The list of expected objects is therefore the schema files themselves; a new migration
// needs no change here.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/database.h"

namespace ntm::store {

// The file is not an ntm database, or holds objects ntm did not make. `objects` lists them
// ("view 'x'", "virtual table 'y'", ...).
class SchemaError : public std::runtime_error {
 public:
  SchemaError(const std::string& message, std::vector<std::string> objects)
      : std::runtime_error(message), objects(std::move(objects)) {}
  std::vector<std::string> objects;
};

// Throws SchemaError (message in Vietnamese, naming the file and the objects) unless every
// table, view, trigger and virtual table of `db` is one that db/schema.sql and the
// migrations up to its version create (views and triggers with the same SQL text). Extra
// plain indexes are accepted; an empty file (version 0, no objects) is too.
// A file whose objects are exactly those of its version is recognised by their digest
// (db/schema-digests.txt) without building the reference.
void check_schema(const Database& db, const std::filesystem::path& db_dir);

// The digest check_schema compares: of the objects of `db`, and of those ntm builds at
// `version` from the schema files in `db_dir` (what db/schema-digests.txt must list).
std::string schema_digest(const Database& db);
std::string reference_digest(const std::filesystem::path& db_dir, int version);

}  // namespace ntm::store
