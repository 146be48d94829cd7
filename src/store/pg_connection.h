// PostgreSQL connection, statements and transactions over plain libpq, RAII all the way.
// The second engine of the store (DESIGN.md, "store"): a shared server for an office or the
// country. Only src/store includes libpq-fe.h; this header forward-declares what it needs.
//
// Groundwork for issue 17: the store's interface does not use this yet.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.h"   // DbError, Value: one vocabulary for both engines

struct pg_conn;

namespace ntm::store {

// Any PostgreSQL failure. The message is one line in Vietnamese that names the server (socket
// or host:port) and the database, never a password. `sqlstate()` is PostgreSQL's five-character
// code ("3D000", "40001", ...); failures on the client side use the standard client codes:
// "08001" the server could not be reached, "08006" the connection was lost. `detail()` is
// libpq's own text (English, may span lines), for logs. DbError::code() is 0.
class PgError : public DbError {
 public:
  PgError(std::string sqlstate, const std::string& message, std::string detail = {})
      : DbError(0, message), sqlstate_(std::move(sqlstate)), detail_(std::move(detail)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& detail() const { return detail_; }
  // A serialization failure (40001) or a deadlock (40P01): running the transaction again from
  // the start may succeed.
  bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }
 private:
  std::string sqlstate_;
  std::string detail_;
};

// Rows of a query, every value copied out of libpq. Integer columns (smallint, integer,
// bigint, and numeric written without a fraction that fits) come back as int64, real and double
// precision as double, boolean as 0/1, NULL as monostate, everything else as text, as the
// SQLite side gives them.
struct PgRows {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  std::int64_t affected = 0;   // rows changed by INSERT/UPDATE/DELETE, else 0
};

// SQL written for SQLite with `?` and `?NNN` placeholders, rewritten with PostgreSQL's `$n`.
// A `?` inside a quoted string ('...', E'...', $tag$...$tag$), a quoted identifier or a
// comment is left alone. A plain `?` takes the number after the largest used so far, as in
// SQLite. `count` receives the number of parameters the statement expects. PostgreSQL's jsonb
// operators `?`, `?|`, `?&` cannot be written this way: use jsonb_exists() and friends.
std::string to_dollar_placeholders(std::string_view sql, int& count);

// One connection. Not copyable; movable. The destructor closes it (never throws).
class PgConnection {
 public:
  // `conninfo`: "host=/run/postgresql dbname=ntm", a URI "postgresql://user@host/db", or
  // "service=NAME" (pg_service.conf): libpq reads them all, with its PG* environment
  // variables and ~/.pgpass. Waits at most `connect_timeout` from the conninfo, else 30 s.
  // Throws PgError saying what failed: server unreachable, database missing, wrong or
  // missing password, no permission.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(PgConnection&& other) noexcept;
  PgConnection& operator=(PgConnection&& other) noexcept;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more statements without parameters or results (schema files, SET ...).
  void exec(std::string_view sql);
  // Runs one statement with `?` placeholders bound to `params` in order; int64 is sent as
  // bigint, double as double precision, text with its type left for the server to infer
  // (so a text parameter can fill a date or numeric column), monostate as NULL.
  PgRows query(std::string_view sql, const std::vector<Value>& params = {});
  // The first column of the first row, or nullopt when there is no row.
  std::optional<Value> scalar(std::string_view sql, const std::vector<Value>& params = {});

  // Runs `COPY (query) TO STDOUT` and calls `row` for each row with its columns as text in the
  // server's output syntax (numbers as PostgreSQL prints them, shortest exact for doubles), nullopt
  // for NULL. The views are valid during the call only. For moving many rows: no per-value
  // allocation, one round trip.
  std::int64_t copy_out(std::string_view query,
                        const std::function<void(const std::vector<std::optional<std::string_view>>&)>& row);

  // Statements running longer than this are cancelled by the server (SQLSTATE 57014); 0 or
  // less: no limit. Holds for the session (inside a transaction that rolls back, the server
  // undoes the SET too).
  void set_statement_timeout(double seconds);

  bool in_transaction() const;
  // "socket /tmp/x/.s.PGSQL.5432" or "host:port", and the database: for messages.
  const std::string& server() const { return server_; }
  const std::string& database() const { return database_; }

 private:
  friend class PgTransaction;
  // Throws the PgError for a failed result (or a lost connection when `result` is null).
  [[noreturn]] void fail(const void* result) const;
  // For rollbacks in destructors: runs `sql`, ignores any failure.
  void exec_quietly(const char* sql) noexcept;
  pg_conn* conn_ = nullptr;
  std::string server_;
  std::string database_;
};

enum class Isolation { ReadCommitted, RepeatableRead, Serializable };

struct TxOptions {
  Isolation isolation = Isolation::ReadCommitted;
  bool read_only = false;
};

// A transaction that rolls back unless commit() was called. The destructor never throws.
// Opened inside another transaction it is a savepoint (options ignored: the outer
// transaction's isolation holds), as on the SQLite side.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& conn, TxOptions options = {});
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  // Under REPEATABLE READ or SERIALIZABLE a commit can fail with 40001: run the whole body
  // again (run_transaction does).
  void commit();
 private:
  PgConnection& conn_;
  bool nested_ = false;
  bool done_ = false;
};

// Runs `body` in a transaction with `options` and commits it. When the body or the commit
// fails with a serialization failure or a deadlock, rolls back and runs the body again, at
// most `max_attempts` times in all; then (or on any other error) the error is thrown. The
// body must therefore be safe to run again: no side effects outside this connection.
// Returns the number of attempts used.
int run_transaction(PgConnection& conn, TxOptions options, const std::function<void(PgConnection&)>& body,
                    int max_attempts = 5);

}  // namespace ntm::store
