#include "app/server.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <variant>

#include "app/paths.h"
#include "app/store_province.h"
#include "app/upgrade.h"
#include "model/i18n.h"
#include "model/text.h"
#include "store/connection.h"
#include "store/pg_connection.h"
#include "store/pg_schema.h"
#include "store/schema.h"

namespace ntm::app {

namespace {

using store::PgConnection;
using store::Value;

std::string text_of(const Value& v) { return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : ""; }

// The tables of the schema the connection works in.
std::vector<std::string> schema_tables(PgConnection& conn) {
  std::vector<std::string> names;
  for (const auto& row : conn.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1").rows)
    names.push_back(text_of(row[0]));
  return names;
}

// Rows of the data tables (not meta, the audit or the users): what reference files wrote.
std::int64_t data_rows(PgConnection& conn, const std::vector<std::string>& tables) {
  std::int64_t total = 0;
  for (const auto& t : tables) {
    if (t == "meta" || t == "audit" || t == "ntm_user") continue;
    std::string sql = text_of(*conn.scalar("SELECT format('SELECT count(*) FROM %I', ?::text)", {t}));
    total += std::get<std::int64_t>(*conn.scalar(sql));
  }
  return total;
}

// Sends every row of `table` in `from` to the same table on the server, ids included, a few
// hundred rows per statement.
std::int64_t send_table(store::Database& from, PgConnection& to, const std::string& table) {
  store::Statement st = from.prepare("SELECT * FROM " + table);
  const int columns = st.column_count();
  std::string head = "INSERT INTO " + table + " (";
  for (int c = 0; c < columns; ++c) head += (c ? ", " : "") + st.column_name(c);
  head += ") VALUES ";
  std::string row_marks = "(";
  for (int c = 0; c < columns; ++c) row_marks += c ? ", ?" : "?";
  row_marks += ")";
  const int per_statement = std::max(1, 30000 / columns);
  std::int64_t sent = 0;
  std::vector<Value> params;
  std::string sql = head;
  int rows = 0;
  auto flush = [&] {
    if (rows == 0) return;
    to.query(sql, params);
    sent += rows;
    rows = 0;
    params.clear();
    sql = head;
  };
  while (st.step()) {
    sql += (rows ? ", " : "") + row_marks;
    for (int c = 0; c < columns; ++c) params.push_back(st.get(c));
    if (++rows == per_statement) flush();
  }
  flush();
  return sent;
}

// The map: the units of 02/02/2020 and their history to today, built as `ntm init` builds them
// (in a private in-memory database) and sent to the server with the same ids, so that a server
// and a file made by the same version number their units alike. Only on a server without units.
std::int64_t load_map(PgConnection& conn) {
  if (std::get<std::int64_t>(*conn.scalar("SELECT count(*) FROM unit")) != 0) return 0;
  store::Database built = store::Database::memory();
  store::migrate(built, data_dir() / "db");
  {
    store::Transaction tx(built);
    load_reference_data(built);
    tx.commit();
  }
  std::int64_t rows = 0;
  store::PgTransaction tx(conn);
  for (const char* table : {"unit", "unit_period", "succession", "succession_unresolved", "unit_class", "unit_tag"})
    rows += send_table(built, conn, table);
  for (const char* table : {"unit", "unit_period"})
    conn.query(std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
  // Where the map comes from: the datasets' attribution travels with it.
  store::Statement meta = built.prepare("SELECT key, value FROM meta WHERE key IN ('map_history', 'units_source', 'units_attribution')");
  while (meta.step())
    conn.query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", {meta.get_text(0), meta.get_text(1)});
  tx.commit();
  return rows;
}

}  // namespace

ServerInit init_server(const std::string& address) {
  PgConnection conn(address);
  ServerInit done;
  done.server = conn.server();
  done.database = conn.database();
  int before = store::pg_schema_version(conn);
  try {
    done.reference = store::create_pg_schema(conn, data_dir() / "db");
  } catch (const store::PgError& e) {
    // access.sql makes roles and revokes functions from PUBLIC that only a superuser owns.
    if (e.sqlstate() != "42501") throw;
    throw store::PgError(e.sqlstate(), std::string(e.what()) +
                                           tr("; ntm server init cần một vai trò superuser của máy chủ (ví dụ: sudo -u postgres ntm server init …); "
                                              "không có gì được tạo",
                                              "; ntm server init needs a superuser role of the server (e.g. sudo -u postgres ntm server init …); "
                                              "nothing was made"),
                         e.detail());
  }
  done.created = before == 0;
  done.version = store::pg_schema_version(conn);
  auto tables = schema_tables(conn);
  done.tables = static_cast<int>(tables.size());
  // Counted on a new database only: on a database in use it would read every table.
  if (done.created) done.rows_added = data_rows(conn, tables);
  done.map_rows = load_map(conn);
  return done;
}

std::string server_province_code(const std::string& address, const std::string& province) {
  return province_code(*store::postgres_connection(PgConnection(address)), province);
}

ServerUser add_server_user(const std::string& address, const std::string& name, const std::string& province,
                           const std::string& role, const std::string& password) {
  PgConnection conn(address);
  auto generic = store::postgres_connection(conn);
  std::string code = province_code(*generic, province);
  store::add_pg_user(conn, name, code, role, password);
  return {name, role, code, code.empty() ? "" : province_name(*generic, code)};
}

void remove_server_user(const std::string& address, const std::string& name) {
  PgConnection conn(address);
  store::remove_pg_user(conn, name);
}

std::vector<ServerUser> list_server_users(const std::string& address) {
  PgConnection conn(address);
  auto generic = store::postgres_connection(conn);
  std::vector<ServerUser> users;
  for (auto& u : store::list_pg_users(conn))
    users.push_back({u.name, u.role, u.province_code, u.province_code.empty() ? "" : province_name(*generic, u.province_code)});
  return users;
}

}  // namespace ntm::app
