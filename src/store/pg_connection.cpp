#include "store/pg_connection.h"

#include "store/libpq.h"   // libpq-fe.h, and its functions loaded on first use

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <new>
#include <random>
#include <thread>

namespace ntm::store {

namespace {

// Type OIDs from pg_type.h (stable across server versions; the header is server-side).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// libpq's text with newlines folded, so that it fits the one-line rule of our messages.
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// With PQERRORS_VERBOSE, a server's error reads "FATAL:  3D000: database ..." whatever the
// server's language; the code is the only reliable way to tell why a connection was refused.
std::string sqlstate_in(const std::string& text) {
  for (std::size_t at = text.find(":  "); at != std::string::npos; at = text.find(":  ", at + 1)) {
    std::size_t code = at + 3;
    if (code + 6 > text.size() || text[code + 5] != ':') continue;
    bool ok = true;
    for (std::size_t i = code; i < code + 5; ++i)
      ok = ok && ((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'A' && text[i] <= 'Z'));
    if (ok) return text.substr(code, 5);
  }
  return {};
}

std::string server_label(PGconn* conn) {
  std::string host = libpq().PQhost(conn) ? libpq().PQhost(conn) : "";
  std::string port = libpq().PQport(conn) ? libpq().PQport(conn) : "";
  if (port.empty()) port = "5432";
  if (!host.empty() && (host[0] == '/' || host[0] == '@')) return "socket " + host + "/.s.PGSQL." + port;
  return host + ":" + port;
}

// Why the server refused us, from its SQLSTATE, in the words of an office user.
std::string refusal_reason(const std::string& state, const std::string& user, bool needs_password) {
  if (state.empty() && needs_password)
    return "người dùng \"" + user + "\" cần mật khẩu mà chưa có (đặt trong chuỗi kết nối, ~/.pgpass hoặc PGPASSWORD)";
  if (state.empty()) return "máy chủ không trả lời (chưa chạy, sai địa chỉ, sai cổng hoặc bị chặn)";
  if (state == "3D000") return "không có cơ sở dữ liệu này trên máy chủ";
  if (state == "28P01") return "sai mật khẩu của người dùng \"" + user + "\"";
  if (state == "28000")
    return "người dùng \"" + user + "\" không tồn tại hoặc không được phép đăng nhập từ đây (pg_hba.conf)";
  if (state == "42501") return "người dùng \"" + user + "\" không có quyền kết nối vào cơ sở dữ liệu này";
  if (state == "57P03") return "máy chủ đang khởi động, đang tắt hoặc đang phục hồi";
  if (state == "53300") return "máy chủ đã đủ số kết nối tối đa";
  return "máy chủ từ chối kết nối (SQLSTATE " + state + ")";
}

// Why a statement failed. Codes that an office user can act on get our own words; the rest
// keep the server's message (in the server's language).
std::string statement_reason(const std::string& state, const std::string& server_message, const std::string& user) {
  // The server's own refusal (in its language, usually English); ntm's guard triggers say it in
  // Vietnamese already.
  const std::string denied = "permission denied for ";
  if (state == "42501" && server_message.rfind(denied, 0) == 0) {
    std::string what = server_message.substr(denied.size());
    if (what.rfind("table ", 0) == 0) what = "bảng " + what.substr(6);
    return "người dùng \"" + user + "\" không có quyền này với " + what + " (SQLSTATE 42501)";
  }
  if (state == "57014") return "câu lệnh chạy quá thời gian cho phép (statement_timeout) hoặc bị huỷ";
  if (state == "40001") return "xung đột với một giao dịch đồng thời, cần chạy lại giao dịch";
  if (state == "40P01") return "bế tắc (deadlock) giữa các giao dịch, cần chạy lại giao dịch";
  if (state == "25006") return "giao dịch chỉ đọc không được ghi";
  return server_message + (state.empty() ? "" : " (SQLSTATE " + state + ")");
}

Value parse_value(const char* text, int length, Oid type) {
  std::string_view s(text, static_cast<std::size_t>(length));
  if (type == kBool) return std::int64_t{s == "t" ? 1 : 0};
  if (type == kInt8 || type == kInt2 || type == kInt4 || type == kOid || type == kNumeric) {
    std::int64_t i = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec == std::errc() && end == s.data() + s.size()) return i;
    if (type != kNumeric) return std::string(s);   // cannot happen for integer types
    // A numeric with a fraction or beyond int64: the nearest double, as SQLite would store it.
  } else if (type != kFloat4 && type != kFloat8) {
    return std::string(s);
  }
  if (s == "NaN") return std::nan("");
  if (s == "Infinity") return HUGE_VAL;
  if (s == "-Infinity") return -HUGE_VAL;
  double d = 0;
  std::from_chars(s.data(), s.data() + s.size(), d);
  return d;
}

// A parameter as text in the server's input syntax, and the type it is sent as.
std::pair<std::string, Oid> parameter_text(const Value& value) {
  if (auto* i = std::get_if<std::int64_t>(&value)) return {std::to_string(*i), kInt8};
  if (auto* d = std::get_if<double>(&value)) {
    if (std::isnan(*d)) return {"NaN", kFloat8};
    if (std::isinf(*d)) return {*d > 0 ? "Infinity" : "-Infinity", kFloat8};
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);   // shortest exact form
    return {std::string(buffer, end), kFloat8};
  }
  if (auto* s = std::get_if<std::string>(&value)) return {*s, 0};
  return {{}, 0};
}

void ignore_notice(void*, const char*) {}

}  // namespace

std::string to_dollar_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int largest = 0;
  std::size_t i = 0;
  const std::size_t n = sql.size();
  // Copies sql[i, end) unchanged.
  auto copy_to = [&](std::size_t end) {
    end = std::min(end, n);
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    char c = sql[i];
    char next = i + 1 < n ? sql[i + 1] : '\0';
    if (c == '\'') {
      // E'...' strings take backslash escapes, so E'\'' does not end at the second quote.
      bool escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !is_ident_char(sql[i - 2]));
      std::size_t j = i + 1;
      while (j < n) {
        if (escapes && sql[j] == '\\') { j += 2; continue; }
        if (sql[j] == '\'') {
          if (j + 1 < n && sql[j + 1] == '\'') { j += 2; continue; }   // '' inside a string
          break;
        }
        ++j;
      }
      copy_to(j + 1);
    } else if (c == '"') {
      std::size_t j = sql.find('"', i + 1);   // "" inside an identifier: closes and reopens
      copy_to(j == std::string_view::npos ? n : j + 1);
    } else if (c == '-' && next == '-') {
      std::size_t j = sql.find('\n', i);
      copy_to(j == std::string_view::npos ? n : j);
    } else if (c == '/' && next == '*') {
      int depth = 0;   // PostgreSQL's block comments nest
      std::size_t j = i;
      while (j < n) {
        if (sql.compare(j, 2, "/*") == 0) { ++depth; j += 2; }
        else if (sql.compare(j, 2, "*/") == 0) { j += 2; if (--depth == 0) break; }
        else ++j;
      }
      copy_to(j);
    } else if (c == '$' && (i == 0 || !is_ident_char(sql[i - 1])) && !(next >= '0' && next <= '9')) {
      // A dollar-quoted string $tag$...$tag$ (tag possibly empty); `$` inside an identifier
      // or `$1` is not one.
      std::size_t j = i + 1;
      while (j < n && is_ident_char(sql[j])) ++j;
      if (j < n && sql[j] == '$') {
        std::string_view tag = sql.substr(i, j - i + 1);
        std::size_t close = sql.find(tag, j + 1);
        copy_to(close == std::string_view::npos ? n : close + tag.size());
      } else {
        copy_to(i + 1);
      }
    } else if (c == '?') {
      std::size_t j = i + 1;
      int number = 0;
      while (j < n && sql[j] >= '0' && sql[j] <= '9' && number <= 65535) number = number * 10 + (sql[j++] - '0');
      if (j == i + 1) number = largest + 1;
      if (number < 1 || number > 65535)   // PostgreSQL's limit on parameters
        throw PgError("07001", "số thứ tự tham số SQL không hợp lệ: " + std::string(sql.substr(i, j - i)));
      largest = std::max(largest, number);
      out += '$';
      out += std::to_string(number);
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  count = largest;
  return out;
}

PgConnection::PgConnection(const std::string& conninfo) {
  try {
    libpq();
  } catch (const MissingLibrary& e) {
    throw PgError("08001", e.what());   // no server can be reached without it
  }
  // Parse first: a malformed string is the caller's mistake, and libpq's message about it can
  // quote pieces of the string (a password among them), so only detail() carries it.
  char* parse_error = nullptr;
  PQconninfoOption* parsed = libpq().PQconninfoParse(conninfo.c_str(), &parse_error);
  if (!parsed) {
    std::string detail = parse_error ? one_line(parse_error) : "";
    libpq().PQfreemem(parse_error);
    throw PgError("08001", "chuỗi kết nối PostgreSQL không hợp lệ (dạng host=… dbname=… hoặc postgresql://…)", detail);
  }
  libpq().PQconninfoFree(parsed);

  conn_ = libpq().PQconnectStart(conninfo.c_str());
  if (!conn_) throw std::bad_alloc();
  libpq().PQsetErrorVerbosity(conn_, PQERRORS_VERBOSE);   // the SQLSTATE in the message, see sqlstate_in
  server_ = server_label(conn_);
  database_ = libpq().PQdb(conn_) ? libpq().PQdb(conn_) : "";

  // libpq's connect_timeout is not applied to a PQconnectPoll loop: apply it ourselves, over
  // all hosts. Without one, 30 s rather than the TCP stack's minutes.
  int timeout_s = 30;
  if (PQconninfoOption* options = libpq().PQconninfo(conn_)) {
    for (PQconninfoOption* o = options; o->keyword; ++o)
      if (std::string_view(o->keyword) == "connect_timeout" && o->val && std::atoi(o->val) > 0)
        timeout_s = std::atoi(o->val);
    libpq().PQconninfoFree(options);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  bool timed_out = false;
  PostgresPollingStatusType state = PGRES_POLLING_WRITING;   // as libpq's documentation says to start
  while (libpq().PQstatus(conn_) != CONNECTION_BAD && state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) { timed_out = true; break; }
    pollfd fd{libpq().PQsocket(conn_), static_cast<short>(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    int ready = ::poll(&fd, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0) state = libpq().PQconnectPoll(conn_);
  }
  if (!timed_out && libpq().PQstatus(conn_) == CONNECTION_OK) {
    server_ = server_label(conn_);   // with several hosts: the one that answered
    libpq().PQsetErrorVerbosity(conn_, PQERRORS_DEFAULT);
    // Values cross as UTF-8 whatever PGCLIENTENCODING or the locale say (DESIGN: UTF-8 everywhere).
    libpq().PQsetClientEncoding(conn_, "UTF8");
    // Notices (a ROLLBACK outside a transaction...) would go to standard error in the
    // middle of the program's own output.
    libpq().PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
    return;
  }
  std::string detail = one_line(libpq().PQerrorMessage(conn_));
  std::string sqlstate = timed_out ? "" : sqlstate_in(detail);
  std::string user = libpq().PQuser(conn_) ? libpq().PQuser(conn_) : "";
  std::string reason = timed_out ? "máy chủ không trả lời sau " + std::to_string(timeout_s) + " giây"
                                 : refusal_reason(sqlstate, user, libpq().PQconnectionNeedsPassword(conn_) != 0);
  std::string where = server_label(conn_);
  libpq().PQfinish(conn_);
  conn_ = nullptr;
  throw PgError(sqlstate.empty() ? "08001" : sqlstate,
                "không kết nối được máy chủ PostgreSQL " + where + " (cơ sở dữ liệu \"" + database_ + "\"): " + reason,
                detail);
}

PgConnection::~PgConnection() {
  if (conn_) libpq().PQfinish(conn_);
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)), server_(std::move(other.server_)), database_(std::move(other.database_)) {}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
  if (this != &other) {
    if (conn_) libpq().PQfinish(conn_);
    conn_ = std::exchange(other.conn_, nullptr);
    server_ = std::move(other.server_);
    database_ = std::move(other.database_);
  }
  return *this;
}

void PgConnection::fail(const void* result) const {
  auto* res = static_cast<const PGresult*>(result);
  if (!conn_ || libpq().PQstatus(conn_) == CONNECTION_BAD) {
    throw PgError("08006", "mất kết nối tới máy chủ PostgreSQL " + server_ + " (cơ sở dữ liệu \"" + database_ + "\")",
                  conn_ ? one_line(libpq().PQerrorMessage(conn_)) : "");
  }
  const char* state = res ? libpq().PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? libpq().PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string detail = one_line(res ? libpq().PQresultErrorMessage(res) : libpq().PQerrorMessage(conn_));
  std::string sqlstate = state ? state : "";
  throw PgError(sqlstate, "SQL trên máy chủ PostgreSQL " + server_ + ": " + statement_reason(sqlstate, primary ? one_line(primary) : detail, libpq().PQuser(conn_)),
                detail);
}

void PgConnection::exec(std::string_view sql) {
  ResultPtr res(libpq().PQexec(conn_, std::string(sql).c_str()), libpq().PQclear);
  ExecStatusType status = res ? libpq().PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(res.get());
}

std::int64_t PgConnection::copy_out(std::string_view query,
                                    const std::function<void(const std::vector<std::optional<std::string_view>>&)>& row) {
  const std::string sql = "COPY (" + std::string(query) + ") TO STDOUT";
  ResultPtr start(libpq().PQexec(conn_, sql.c_str()), libpq().PQclear);
  if (!start || libpq().PQresultStatus(start.get()) != PGRES_COPY_OUT) fail(start.get());
  std::vector<std::optional<std::string_view>> columns;
  std::string unescaped;
  std::vector<std::pair<std::size_t, std::size_t>> spans;   // within `unescaped`
  std::int64_t rows = 0;
  for (;;) {
    char* buffer = nullptr;
    int length = libpq().PQgetCopyData(conn_, &buffer, 0);
    if (length == -1) break;   // done
    if (length < 0) fail(nullptr);
    std::unique_ptr<char, decltype(&PQfreemem)> line(buffer, libpq().PQfreemem);
    // Text format: columns separated by tabs, the line ends with a newline, \N is NULL, and
    // backslash escapes (\t, \n, \\, \r, \b, \f, \v, octal \NNN) inside values.
    std::string_view text(buffer, static_cast<std::size_t>(length));
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    unescaped.clear();
    spans.clear();
    std::vector<bool> null;
    std::size_t start_at = 0;
    bool is_null = false;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || text[i] == '\t') {
        spans.emplace_back(start_at, unescaped.size() - start_at);
        null.push_back(is_null);
        start_at = unescaped.size();
        is_null = false;
        continue;
      }
      char c = text[i];
      if (c != '\\' || i + 1 >= text.size()) {
        unescaped += c;
        continue;
      }
      char e = text[++i];
      switch (e) {
        case 'N': is_null = true; break;
        case 't': unescaped += '\t'; break;
        case 'n': unescaped += '\n'; break;
        case 'r': unescaped += '\r'; break;
        case 'b': unescaped += '\b'; break;
        case 'f': unescaped += '\f'; break;
        case 'v': unescaped += '\v'; break;
        default:
          if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int k = 0; k < 2 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7'; ++k) value = value * 8 + (text[++i] - '0');
            unescaped += static_cast<char>(value);
          } else {
            unescaped += e;   // \\ and any other escaped character stand for themselves
          }
      }
    }
    columns.clear();
    for (std::size_t c = 0; c < spans.size(); ++c)
      columns.push_back(null[c] ? std::nullopt : std::optional<std::string_view>(std::string_view(unescaped).substr(spans[c].first, spans[c].second)));
    row(columns);
    ++rows;
  }
  ResultPtr end(libpq().PQgetResult(conn_), libpq().PQclear);
  if (!end || libpq().PQresultStatus(end.get()) != PGRES_COMMAND_OK) fail(end.get());
  while (PGresult* extra = libpq().PQgetResult(conn_)) libpq().PQclear(extra);
  return rows;
}

void PgConnection::exec_quietly(const char* sql) noexcept {
  if (conn_ && libpq().PQstatus(conn_) == CONNECTION_OK) libpq().PQclear(libpq().PQexec(conn_, sql));
}

PgRows PgConnection::query(std::string_view sql, const std::vector<Value>& params) {
  int expected = 0;
  std::string text = to_dollar_placeholders(sql, expected);
  if (static_cast<std::size_t>(expected) != params.size())
    throw PgError("07001", "câu lệnh SQL cần " + std::to_string(expected) + " tham số, được cho " + std::to_string(params.size()));

  std::vector<std::pair<std::string, Oid>> converted;
  std::vector<const char*> values;
  std::vector<Oid> types;
  converted.reserve(params.size());
  for (const Value& p : params) {
    converted.push_back(parameter_text(p));
    values.push_back(std::holds_alternative<std::monostate>(p) ? nullptr : converted.back().first.c_str());
    types.push_back(converted.back().second);
  }
  ResultPtr res(libpq().PQexecParams(conn_, text.c_str(), expected, types.data(), values.data(), nullptr, nullptr, 0), libpq().PQclear);
  ExecStatusType status = res ? libpq().PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(res.get());

  PgRows rows;
  const PGresult* r = res.get();
  int columns = libpq().PQnfields(r);
  for (int c = 0; c < columns; ++c) rows.columns.emplace_back(libpq().PQfname(r, c));
  for (int row = 0, count = libpq().PQntuples(r); row < count; ++row) {
    std::vector<Value>& out = rows.rows.emplace_back();
    out.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (libpq().PQgetisnull(r, row, c)) out.emplace_back(std::monostate{});
      else out.push_back(parse_value(libpq().PQgetvalue(r, row, c), libpq().PQgetlength(r, row, c), libpq().PQftype(r, c)));
    }
  }
  const char* tuples = libpq().PQcmdTuples(res.get());
  if (tuples && *tuples) rows.affected = std::strtoll(tuples, nullptr, 10);
  return rows;
}

std::optional<Value> PgConnection::scalar(std::string_view sql, const std::vector<Value>& params) {
  PgRows rows = query(sql, params);
  if (rows.rows.empty() || rows.rows.front().empty()) return std::nullopt;
  return rows.rows.front().front();
}

void PgConnection::set_statement_timeout(double seconds) {
  // 0 means "no limit" to the server: a tiny positive limit must stay a limit.
  long long ms = seconds > 0 ? std::max(1LL, std::llround(seconds * 1000.0)) : 0;
  exec("SET statement_timeout = " + std::to_string(ms));
}

bool PgConnection::in_transaction() const {
  PGTransactionStatusType status = conn_ ? libpq().PQtransactionStatus(conn_) : PQTRANS_UNKNOWN;
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

PgTransaction::PgTransaction(PgConnection& conn, TxOptions options) : conn_(conn), nested_(conn.in_transaction()) {
  if (nested_) {
    conn_.exec("SAVEPOINT ntm_nested");
    return;
  }
  std::string begin = "BEGIN ISOLATION LEVEL ";
  switch (options.isolation) {
    case Isolation::ReadCommitted: begin += "READ COMMITTED"; break;
    case Isolation::RepeatableRead: begin += "REPEATABLE READ"; break;
    case Isolation::Serializable: begin += "SERIALIZABLE"; break;
  }
  begin += options.read_only ? " READ ONLY" : " READ WRITE";
  conn_.exec(begin);
}

PgTransaction::~PgTransaction() {
  if (done_ || !conn_.in_transaction()) return;   // a failed COMMIT has already ended it
  conn_.exec_quietly(nested_ ? "ROLLBACK TO SAVEPOINT ntm_nested; RELEASE SAVEPOINT ntm_nested" : "ROLLBACK");
}

void PgTransaction::commit() {
  // PostgreSQL answers COMMIT of a transaction that an error has aborted with a silent
  // ROLLBACK: a caller that caught the error and went on must not believe its writes landed.
  if (!nested_ && libpq().PQtransactionStatus(conn_.conn_) == PQTRANS_INERROR) {
    conn_.exec_quietly("ROLLBACK");
    done_ = true;
    throw PgError("25P02", "giao dịch trên máy chủ PostgreSQL " + conn_.server() +
                               " đã bị huỷ vì một lỗi trước đó: không thay đổi nào được ghi");
  }
  conn_.exec(nested_ ? "RELEASE SAVEPOINT ntm_nested" : "COMMIT");
  done_ = true;
}

int run_transaction(PgConnection& conn, TxOptions options, const std::function<void(PgConnection&)>& body,
                    int max_attempts) {
  thread_local std::minstd_rand jitter{std::random_device{}()};
  for (int attempt = 1;; ++attempt) {
    try {
      PgTransaction tx(conn, options);
      body(conn);
      tx.commit();
      return attempt;
    } catch (const PgError& e) {
      if (!e.retryable() || attempt >= max_attempts) throw;
    }
    // The transaction has rolled back. Wait a little, randomly and longer each time, so that
    // two writers that just collided do not start again in step and collide again.
    int cap_ms = std::min(2 << std::min(attempt, 5), 50);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, cap_ms)(jitter)));
  }
}

}  // namespace ntm::store
