// SQLite connection, prepared statements and transactions, RAII all the way.
// Only src/store includes sqlite3.h; this header forward-declares what it needs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ntm::store {

// Any SQLite failure. `code` is SQLite's extended result code.
class DbError : public std::runtime_error {
 public:
  DbError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }
 private:
  int code_;
};

// A value read from or bound to SQL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

enum class OpenMode {
  ReadOnly,    // the file must exist; PRAGMA query_only also set
  ReadWrite,   // the file must exist
  Create,      // created when missing
};

class Statement;
struct StatementCache;   // database.cpp

// One connection. Not copyable; movable. The destructor closes it (never throws).
// Every connection has foreign keys on, a busy timeout of 5 s and, when writable, WAL.
struct WorkMeter;

class Database {
 public:
  Database(const std::filesystem::path& path, OpenMode mode);
  static Database memory();  // a private in-memory database, for tests and samples
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements with no results (schema files, pragmas).
  void exec(std::string_view sql);
  // One statement. A statement of a short text is kept when its Statement is destroyed (reset,
  // bindings cleared) and handed out again by the next prepare() of the same text: a national
  // check prepares the same few queries for each of 63 provinces.
  Statement prepare(std::string_view sql) const;

  // Convenience: the first column of the first row, or nullopt.
  std::optional<Value> scalar(std::string_view sql) const;

  // From now on the connection runs only reads: SELECT over tables and views, the SQL
  // functions of an allow-list (sql_functions.cpp) and a few pragmas that read the schema;
  // no ATTACH, writes or other PRAGMA (an authorizer refuses them). Temporary storage
  // (sorting, temporary tables) stays in memory, where the heap limit of a script query
  // (set_heap_limit) bounds it. For connections handed to scripts.
  void restrict_to_reads();

  // Calls `check(arg)` every few thousand SQLite VM steps; a non-zero return interrupts the
  // running statement (it fails with SQLITE_INTERRUPT). For deadlines on script queries.
  void set_progress_check(int (*check)(void*), void* arg) const;
  // Replaces the SQL functions whose work grows with the product of their arguments' sizes
  // (instr, replace, like, glob, trim with a character set) by versions that report their
  // work to `meter(arg, steps)` every few thousand steps; a non-zero return stops the
  // statement with SQLITE_INTERRUPT. For script connections (sql_functions.cpp).
  void set_work_meter(int (*meter)(void*, std::int64_t), void* arg) const;
  // Caps the size of any string or blob a statement may build.
  void limit_value_length(int bytes) const;

  int user_version() const;
  void set_user_version(int version);
  std::int64_t changes() const;
  // True inside BEGIN ... COMMIT. SQLite rolls a transaction back by itself after some
  // errors (disk full, I/O error, out of memory): then this turns false.
  bool in_transaction() const;
  bool read_only() const { return read_only_; }
  const std::filesystem::path& path() const { return path_; }
  // How long a statement waits for another connection's lock before failing with
  // SQLITE_BUSY (5 s unless set): 0 for writers that would rather skip than wait.
  void set_busy_timeout(int milliseconds);
  sqlite3* handle() const { return db_; }

  // SQLite's heap held by the calling thread: the bytes in use now, and a hard cap on them
  // (0: none). A statement that needs more fails with SQLITE_NOMEM. Scripts' queries run
  // under a cap set from the memory their run has left; the other threads' queries (another
  // province of a national check) neither count nor are capped.
  static std::int64_t memory_used();
  static void set_heap_limit(std::int64_t bytes);

 private:
  Database() = default;
  void open(const char* name, int flags);   // sqlite3_open_v2; throws DbError naming path_
  bool readable() const;                    // the schema can be read (false: WAL index cannot be set up)
  static std::string immutable_uri(const std::filesystem::path& path);
  void configure();
  void forget_statements() const;   // finalizes the kept statements (closing, new authorizer)
  sqlite3* db_ = nullptr;
  bool read_only_ = false;
  std::filesystem::path path_;
  std::shared_ptr<StatementCache> statements_;
  mutable WorkMeter* meter_ = nullptr;   // set_work_meter's, owned by the connection
};

// A prepared statement, finalized by its destructor (or, when its connection keeps it, reset
// and handed back). Bind with 1-based indexes.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<StatementCache> home = nullptr);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const Value& value);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  // Bytes bound as a BLOB (copied by SQLite).
  Statement& bind_blob(int index, std::string_view bytes);
  int parameter_count() const;

  // Steps once: true when a row is ready, false when done. Throws DbError on failure.
  bool step();
  // Steps to completion, discarding rows. Resets afterwards so the statement can be reused.
  void run();
  void reset();

  int column_count() const;
  std::string column_name(int index) const;
  bool is_null(int index) const;
  std::int64_t get_int(int index) const;
  double get_double(int index) const;
  std::string get_text(int index) const;   // copied: safe after the next step
  // The column's text or blob bytes without a copy: valid until the next step, reset or
  // another get of the same column.
  std::string_view get_text_view(int index) const;
  std::string_view get_blob_view(int index) const;
  Value get(int index) const;
  // True when the statement cannot write (SELECT, read-only PRAGMA...).
  bool read_only() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::shared_ptr<StatementCache> home_;   // where it goes back to; nullptr: finalized
  std::uint64_t generation_ = 0;           // home_'s generation when it was prepared
};

// A transaction that rolls back unless commit() was called. The destructor never throws.
// Opened inside another transaction it is a savepoint: commit() keeps its changes for the
// outer transaction to commit, and rolling back undoes only its own (several files imported
// as one: all of them or none).
class Transaction {
 public:
  explicit Transaction(Database& db, bool immediate = true);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();
 private:
  Database& db_;
  bool nested_ = false;
  bool done_ = false;
};

}  // namespace ntm::store
