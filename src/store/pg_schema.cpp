#include "store/pg_schema.h"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <variant>

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

  // A file added later runs on an existing database.
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

  tx.commit();
  return ran;
}

}  // namespace ntm::store
