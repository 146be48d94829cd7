#include "store/database.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <utility>

namespace ntm::store {

namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  // A file that is no database, or a damaged one: said of the file, whatever statement met it.
  const int code = db ? sqlite3_extended_errcode(db) : rc;
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  if (file && *file && ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT))
    throw DbError(code, std::string("tệp ") + file +
                            ((code & 0xff) == SQLITE_NOTADB ? " không phải là cơ sở dữ liệu SQLite (một loại tệp khác, hoặc đã hỏng)"
                                                            : " bị hỏng (SQLite: " + std::string(sqlite3_errmsg(db)) +
                                                                  "); hãy dùng bản sao lưu gần nhất"));
  std::string message(what);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw DbError(db ? sqlite3_extended_errcode(db) : rc, message);
}

}  // namespace

Database::Database(const std::filesystem::path& path, OpenMode mode) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::ReadOnly: flags |= SQLITE_OPEN_READONLY; read_only_ = true; break;
    case OpenMode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case OpenMode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  open(path.c_str(), flags);
  if (mode == OpenMode::ReadOnly && !readable()) {
    // A WAL database that this user may not write (a read-only file in a folder of someone
    // else, a write-protected USB stick) cannot set up its shared-memory index. Nobody can
    // be writing it from here, so read it as an immutable file.
    sqlite3_close_v2(db_);
    db_ = nullptr;
    open(immutable_uri(path).c_str(), flags | SQLITE_OPEN_URI);
  }
  configure();
}

void Database::open(const char* name, int flags) {
  int rc = sqlite3_open_v2(name, &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw DbError(rc, "không mở được cơ sở dữ liệu " + path_.string() + ": " + message);
  }
}

bool Database::readable() const {
  int rc = sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  int primary = rc & 0xff;
  return !(primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN);
}

std::string Database::immutable_uri(const std::filesystem::path& path) {
  std::string uri = "file:";
  for (char c : std::filesystem::absolute(path).string()) {
    if (c == '%' || c == '?' || c == '#') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
      uri += hex;
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

Database Database::memory() {
  Database db;
  int rc = sqlite3_open_v2(":memory:", &db.db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) fail(db.db_, rc, "sqlite3_open_v2(:memory:)");
  db.path_ = ":memory:";
  db.configure();
  return db;
}

void Database::set_busy_timeout(int milliseconds) { sqlite3_busy_timeout(db_, milliseconds); }

void Database::configure() {
  statements_ = std::make_shared<StatementCache>();
  sqlite3_extended_result_codes(db_, 1);
  // A database file is input too: its schema must not be able to make ntm run anything.
  // Defensive mode (no writable_schema, no direct writes to shadow tables), functions in
  // views, triggers and CHECK constraints limited to harmless ones, the FTS3 tokenizer
  // pointer function and extension loading off.
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA foreign_keys = ON");
  if (read_only_) {
    exec("PRAGMA query_only = ON");
  } else if (path_ != ":memory:") {
    // WAL fails on a read-only file system or file; the caller then sees a clear error
    // at its first write, so ignore failure here.
    // Temporary files in memory: every insert into indicator_value runs a trigger (value_pack),
    // so SQLite keeps a statement journal per row; once that journal had spilled to a file, a
    // national import wrote it page by page (1.8 million writes, 10.0 s instead of 6.5 s).
    sqlite3_exec(db_, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY", nullptr, nullptr, nullptr);
  }
}

// The statements a connection keeps for reuse, by SQL text. A statement in use is not in
// `idle`; the generation changes when the kept statements must not be reused (the connection
// closes, or gets an authorizer that every later statement must pass at prepare time), so a
// statement prepared before that is finalized when its Statement ends.
struct StatementCache {
  static constexpr std::size_t kMaxStatements = 64;
  static constexpr std::size_t kMaxText = 4096;   // scripts' long ad-hoc queries are not kept
  std::unordered_map<std::string, sqlite3_stmt*> idle;
  std::uint64_t generation = 0;
  bool open = true;
};

void Database::forget_statements() const {
  if (!statements_) return;
  for (auto& [sql, stmt] : statements_->idle) sqlite3_finalize(stmt);
  statements_->idle.clear();
  ++statements_->generation;
}

Database::~Database() {
  if (statements_) {
    forget_statements();
    statements_->open = false;
  }
  if (db_) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), read_only_(other.read_only_), path_(std::move(other.path_)),
      statements_(std::move(other.statements_)), meter_(std::exchange(other.meter_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (statements_) {
      forget_statements();
      statements_->open = false;
    }
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    read_only_ = other.read_only_;
    path_ = std::move(other.path_);
    statements_ = std::move(other.statements_);
    meter_ = std::exchange(other.meter_, nullptr);
  }
  return *this;
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw DbError(sqlite3_extended_errcode(db_), message);
  }
}

Statement Database::prepare(std::string_view sql) const {
  if (statements_ && sql.size() <= StatementCache::kMaxText) {
    auto it = statements_->idle.find(std::string(sql));
    if (it != statements_->idle.end()) {
      sqlite3_stmt* kept = it->second;
      statements_->idle.erase(it);
      return Statement(db_, kept, statements_);
    }
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
  if (rc != SQLITE_OK) fail(db_, rc, "SQL");
  if (!stmt) throw DbError(SQLITE_MISUSE, "câu lệnh SQL rỗng");
  // Kept after use only when the text is exactly this one statement: sqlite3_sql() then
  // gives back the text the next prepare() looks up.
  bool keep = sql.size() <= StatementCache::kMaxText && tail == sql.data() + sql.size();
  Statement result(db_, stmt, keep ? statements_ : nullptr);
  // Reject a second statement after the first: one query per call.
  if (tail) {
    std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos)
      throw DbError(SQLITE_MISUSE, "chỉ được một câu lệnh SQL mỗi lần");
  }
  return result;
}

std::optional<Value> Database::scalar(std::string_view sql) const {
  Statement stmt = prepare(sql);
  if (!stmt.step()) return std::nullopt;
  return stmt.get(0);
}

void Database::set_progress_check(int (*check)(void*), void* arg) const { sqlite3_progress_handler(db_, 4000, check, arg); }

namespace {

// SQLite's heap counted per thread: the provinces of a national check run in threads, each
// with its own connection, and a script's query may grow only the heap of its own thread
// (a cap on the whole process would fail the other thread's queries and count its bytes).
// SQLite's own allocator does the work; these wrappers count what each thread holds.
// Installed before SQLite initialises (a static object of this file); where that was too
// late, the process-wide count and hard limit of SQLite stand in.
thread_local std::int64_t t_heap_used = 0;
thread_local std::int64_t t_heap_cap = 0;   // 0: none
sqlite3_mem_methods g_system{};

void* counted_malloc(int n) {
  if (t_heap_cap > 0 && t_heap_used + n > t_heap_cap) return nullptr;
  void* p = g_system.xMalloc(n);
  if (p) t_heap_used += g_system.xSize(p);
  return p;
}

void counted_free(void* p) {
  if (!p) return;
  t_heap_used -= g_system.xSize(p);
  g_system.xFree(p);
}

void* counted_realloc(void* p, int n) {
  const int old = g_system.xSize(p);
  if (t_heap_cap > 0 && n > old && t_heap_used + (n - old) > t_heap_cap) return nullptr;
  void* q = g_system.xRealloc(p, n);
  if (q) t_heap_used += g_system.xSize(q) - old;
  return q;
}

int counted_size(void* p) { return g_system.xSize(p); }
int counted_roundup(int n) { return g_system.xRoundup(n); }
int counted_init(void* data) { return g_system.xInit(data); }
void counted_shutdown(void* data) { g_system.xShutdown(data); }

const bool g_counted_heap = [] {
  if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_system) != SQLITE_OK) return false;
  sqlite3_mem_methods counted{counted_malloc, counted_free,    counted_realloc,  counted_size,
                              counted_roundup, counted_init, counted_shutdown, g_system.pAppData};
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &counted) != SQLITE_OK) return false;
  // SQLite's own count of its heap, process-wide, is not read when this one stands: it took
  // a lock around every allocation, for which the threads of a national check waited.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return true;
}();

}  // namespace

std::int64_t Database::memory_used() { return g_counted_heap ? t_heap_used : sqlite3_memory_used(); }

void Database::set_heap_limit(std::int64_t bytes) {
  if (g_counted_heap) t_heap_cap = bytes;
  else sqlite3_hard_heap_limit64(bytes);
}

void Database::limit_value_length(int bytes) const { sqlite3_limit(db_, SQLITE_LIMIT_LENGTH, bytes); }

int Database::user_version() const {
  auto v = scalar("PRAGMA user_version");
  return v ? static_cast<int>(std::get<std::int64_t>(*v)) : 0;
}

void Database::set_user_version(int version) {
  exec("PRAGMA user_version = " + std::to_string(version));
}

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<StatementCache> home)
    : db_(db), stmt_(stmt), home_(std::move(home)), generation_(home_ ? home_->generation : 0) {}

Statement::~Statement() {
  if (!stmt_) return;
  // Kept for the next prepare() of the same text when its connection is open and keeps
  // fewer than its cap, and the statement was prepared in the cache's current generation.
  if (home_ && home_->open && home_->idle.size() < StatementCache::kMaxStatements && generation_ == home_->generation) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    const char* text = sqlite3_sql(stmt_);
    if (text && home_->idle.emplace(text, stmt_).second) return;
  }
  sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), home_(std::move(other.home_)),
      generation_(other.generation_) {}

Statement& Statement::bind(int index, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) return bind_null(index);
  if (auto* i = std::get_if<std::int64_t>(&value)) return bind(index, *i);
  if (auto* d = std::get_if<double>(&value)) return bind(index, *d);
  return bind(index, std::string_view(std::get<std::string>(value)));
}

Statement& Statement::bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

int Statement::parameter_count() const { return sqlite3_bind_parameter_count(stmt_); }

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  fail(db_, rc, "SQL");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

std::string Statement::column_name(int index) const {
  const char* name = sqlite3_column_name(stmt_, index);
  return name ? name : "";
}

bool Statement::is_null(int index) const { return sqlite3_column_type(stmt_, index) == SQLITE_NULL; }

std::int64_t Statement::get_int(int index) const { return sqlite3_column_int64(stmt_, index); }

double Statement::get_double(int index) const { return sqlite3_column_double(stmt_, index); }

std::string Statement::get_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
}

std::string_view Statement::get_text_view(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  if (!text) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

std::string_view Statement::get_blob_view(int index) const {
  const void* bytes = sqlite3_column_blob(stmt_, index);
  if (!bytes) return {};
  return {static_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

Value Statement::get(int index) const {
  switch (sqlite3_column_type(stmt_, index)) {
    case SQLITE_INTEGER: return get_int(index);
    case SQLITE_FLOAT: return get_double(index);
    case SQLITE_NULL: return std::monostate{};
    default: return get_text(index);
  }
}

bool Statement::read_only() const { return sqlite3_stmt_readonly(stmt_) != 0; }

Transaction::Transaction(Database& db, bool immediate) : db_(db), nested_(db.in_transaction()) {
  db_.exec(nested_ ? "SAVEPOINT ntm_nested" : immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (done_) return;
  if (!nested_) {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  } else if (db_.in_transaction()) {
    // SQLite may have rolled the whole transaction back already (a storage error).
    sqlite3_exec(db_.handle(), "ROLLBACK TO ntm_nested; RELEASE ntm_nested", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE ntm_nested" : "COMMIT");
  done_ = true;
}

}  // namespace ntm::store
