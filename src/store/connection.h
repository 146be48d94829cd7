// One interface over both engines of the store (issue 17), for the work that moves rows between
// them: `ntm copy` and the map a PostgreSQL server is given. Statements use `?` placeholders and
// the SQL both engines read (coalesce, recursive CTEs, no engine-specific functions); values are
// store::Value on both sides, as PgConnection already converts them.
//
// The model still reads SQLite through store::Database directly: this interface does not carry
// the model's queries yet.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/pg_connection.h"

namespace ntm::store {

using Rows = PgRows;

enum class Engine { Sqlite, Postgres };

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement with `?` placeholders bound to `params` in order; the rows it returns
  // and, for a write, the rows it changed.
  virtual Rows query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  virtual Engine engine() const = 0;
  // Where the data is, for messages: the file's path (empty for an in-memory database), or the
  // server ("socket /run/postgresql/.s.PGSQL.5432", "host:port") and the database's name.
  virtual std::string location() const = 0;
  virtual std::string database() const = 0;   // "" for SQLite
  // Runs `body` in one transaction that writes, committed when it returns; anything it threw
  // rolls everything back. SQLite: BEGIN IMMEDIATE. PostgreSQL: SERIALIZABLE, and the body run
  // again (at most 5 times in all) when the server reports a serialization failure or a deadlock,
  // so the body must not act outside this connection.
  virtual void write(const std::function<void()>& body) = 0;
  // Runs `body` reading one consistent snapshot: SQLite a read transaction, PostgreSQL
  // REPEATABLE READ READ ONLY.
  virtual void read(const std::function<void()>& body) = 0;

  // `column = ?` that also holds when both are NULL.
  std::string same(std::string_view column) const;
};

// The province identity (unit id) carrying `code`: the one whose period is open, else the only
// one; 0 when no province carries it, -1 when several do and none is open. The rule by which a
// server's users get their province and `ntm copy` its scope.
std::int64_t province_identity(Connection& conn, const std::string& code);

// A SQLite database (a file or in memory) behind the interface: owning it, or borrowing one
// that must outlive the result.
std::unique_ptr<Connection> sqlite_connection(Database&& db);
std::unique_ptr<Connection> sqlite_connection(Database& db);
// A PostgreSQL connection behind the interface: owning it, or borrowing one.
std::unique_ptr<Connection> postgres_connection(PgConnection&& conn);
std::unique_ptr<Connection> postgres_connection(PgConnection& conn);

}  // namespace ntm::store
