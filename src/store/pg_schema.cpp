#include "store/pg_schema.h"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <variant>

#include "store/connection.h"
#include "store/schema.h"   // kSchemaVersion, read_file

namespace ntm::store {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> sql_files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".sql") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// "cơ sở dữ liệu "ntm" trên máy chủ PostgreSQL socket …": where, for messages.
std::string where(const PgConnection& conn) {
  return "cơ sở dữ liệu \"" + conn.database() + "\" trên máy chủ PostgreSQL " + conn.server();
}

// Runs a whole SQL file; a failure names the file.
void exec_file(PgConnection& conn, const fs::path& file) {
  std::string sql = read_file(file);
  try {
    conn.exec(sql);
  } catch (const PgError& e) {
    throw PgError(e.sqlstate(), file.string() + ": " + e.what(), e.detail());
  }
}

std::int64_t as_integer(const std::optional<Value>& v) {
  if (v && std::holds_alternative<std::int64_t>(*v)) return std::get<std::int64_t>(*v);
  return 0;
}

// Role names are spliced into CREATE ROLE, GRANT and DROP ROLE (PostgreSQL takes no parameter
// there), so only a plain lower-case identifier is accepted, and it is double-quoted anyway.
void check_user_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 63 && (name[0] == '_' || (name[0] >= 'a' && name[0] <= 'z'));
  for (char c : name) ok = ok && (c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
  if (!ok)
    throw PgError("42602", "tên người dùng PostgreSQL \"" + name +
                               "\" không hợp lệ: chỉ dùng chữ thường không dấu a–z, chữ số và dấu _, bắt đầu bằng chữ "
                               "hoặc _, tối đa 63 ký tự");
  static const std::vector<std::string> reserved = {"ntm_viewer", "ntm_editor", "ntm_admin", "ntm_script",
                                                    "public", "none", "current_user", "session_user", "current_role"};
  if (name.rfind("pg_", 0) == 0 || std::find(reserved.begin(), reserved.end(), name) != reserved.end())
    throw PgError("42939", "tên người dùng PostgreSQL \"" + name + "\" là tên dành riêng (của PostgreSQL hoặc nhóm quyền của ntm)");
}

std::string quoted(const std::string& checked_name) { return "\"" + checked_name + "\""; }

// The province identity carrying `code`: the one whose period is open, else the only one.
std::int64_t province_id_of(PgConnection& conn, const std::string& code) {
  std::int64_t id = province_identity(*postgres_connection(conn), code);
  if (id == 0) throw PgError("", where(conn) + " không có tỉnh nào mang mã " + code);
  if (id < 0) throw PgError("", "mã tỉnh " + code + " ứng với nhiều tỉnh trong " + where(conn) + ", không chọn được tỉnh nào");
  return id;
}

}  // namespace

int pg_schema_version(PgConnection& conn) {
  if (as_integer(conn.scalar("SELECT to_regclass('meta') IS NOT NULL")) == 0) return 0;
  auto value = conn.scalar("SELECT value FROM meta WHERE key = 'schema_version'");
  std::string text = value && std::holds_alternative<std::string>(*value) ? std::get<std::string>(*value) : "";
  int version = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || version <= 0)
    throw DbError(0, where(conn) + " có bảng meta nhưng không ghi phiên bản lược đồ hợp lệ (khoá 'schema_version'): "
                                   "không phải cơ sở dữ liệu của ntm?");
  return version;
}

std::vector<std::string> create_pg_schema(PgConnection& conn, const fs::path& db_dir) {
  PgTransaction tx(conn);
  // Two programs creating the same database at once: the second waits here, then finds the
  // schema made. Released at the end of the transaction.
  conn.query("SELECT pg_advisory_xact_lock(hashtext('ntm: create_pg_schema'))");
  int version = pg_schema_version(conn);
  if (version > kSchemaVersion)
    throw DbError(0, where(conn) + " có phiên bản lược đồ " + std::to_string(version) +
                         ", mới hơn phiên bản chương trình hiểu (" + std::to_string(kSchemaVersion) + "): hãy cập nhật ntm");
  if (version != 0 && version < kSchemaVersion)
    throw DbError(0, where(conn) + " có phiên bản lược đồ " + std::to_string(version) +
                         ": chưa có bước nâng cấp lược đồ PostgreSQL lên phiên bản " + std::to_string(kSchemaVersion));
  const bool fresh = version == 0;
  if (fresh) {
    exec_file(conn, db_dir / "pg" / "schema.sql");
    conn.query("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", {std::to_string(kSchemaVersion)});
  }

  // The reference data before access.sql: its loading is the schema's making, not a write to
  // audit. A file added later runs on an existing database, audited as the connection's role.
  std::vector<std::string> ran;
  for (const auto& file : sql_files_in(db_dir / "reference")) {
    std::string key = "reference:" + file.filename().string();
    if (conn.scalar("SELECT 1 FROM meta WHERE key = ?", {key})) continue;
    exec_file(conn, file);
    conn.query("INSERT INTO meta (key, value) VALUES (?, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
               {key});
    ran.push_back(file.filename().string());
  }

  if (fresh) exec_file(conn, db_dir / "pg" / "access.sql");
  tx.commit();
  return ran;
}

void add_pg_user(PgConnection& conn, const std::string& name, const std::string& province_code,
                 const std::string& role, const std::string& password) {
  check_user_name(name);
  if (role != "viewer" && role != "editor" && role != "admin")
    throw PgError("22023", "quyền của người dùng \"" + name + "\" phải là viewer, editor hoặc admin (được cho \"" + role + "\")");
  if (password.find('\0') != std::string::npos)
    throw PgError("22023", "mật khẩu của người dùng \"" + name + "\" chứa ký tự NUL");

  PgTransaction tx(conn);
  if (conn.scalar("SELECT 1 FROM pg_roles WHERE rolname = ?", {name}))
    throw PgError("42710", "vai trò \"" + name + "\" đã có trên máy chủ PostgreSQL " + conn.server() +
                               ": chọn tên khác (hoặc xoá vai trò đó trước)");
  Value province = std::monostate{};
  if (!province_code.empty()) province = province_id_of(conn, province_code);

  // The server quotes the password (format %L): no escaping of our own to get wrong.
  std::string create = password.empty()
      ? "CREATE ROLE " + quoted(name) + " LOGIN"
      : std::get<std::string>(*conn.scalar("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', ?::text, ?::text)",
                                           {name, password}));
  try {
    conn.exec(create);
    conn.exec("GRANT ntm_" + role + " TO " + quoted(name));
    conn.query("INSERT INTO ntm_user (role_name, province_id, role) VALUES (?, ?, ?)", {name, province, role});
  } catch (const PgError& e) {
    throw PgError(e.sqlstate(), "không tạo được người dùng \"" + name + "\": " + e.what(), e.detail());
  }
  tx.commit();
}

void remove_pg_user(PgConnection& conn, const std::string& name) {
  check_user_name(name);
  PgTransaction tx(conn);
  PgRows gone = conn.query("DELETE FROM ntm_user WHERE role_name = ?", {name});
  if (gone.affected == 0) throw PgError("42704", "\"" + name + "\" không phải người dùng của " + where(conn));
  try {
    conn.exec("DROP ROLE " + quoted(name));
  } catch (const PgError& e) {
    throw PgError(e.sqlstate(), "không xoá được vai trò \"" + name + "\": " + e.what(), e.detail());
  }
  tx.commit();
}

std::vector<PgUser> list_pg_users(PgConnection& conn) {
  PgRows rows = conn.query(
      "SELECT n.role_name, coalesce(u.code, ''), n.role FROM ntm_user n LEFT JOIN unit u ON u.id = n.province_id "
      "ORDER BY n.role_name");
  std::vector<PgUser> users;
  for (auto& row : rows.rows)
    users.push_back({std::get<std::string>(row[0]), std::get<std::string>(row[1]), std::get<std::string>(row[2])});
  return users;
}

}  // namespace ntm::store
