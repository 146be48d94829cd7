#include "app/server.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <variant>

#include "app/paths.h"
#include "model/i18n.h"
#include "model/text.h"
#include "store/pg_connection.h"
#include "store/pg_schema.h"

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

// A province's codes and names on the server, the current name first for each code.
struct ProvinceName {
  std::string code, name, name_with_type;
  bool current = false;
};

std::vector<ProvinceName> province_names(PgConnection& conn) {
  std::vector<ProvinceName> out;
  for (const auto& row : conn.query("SELECT u.code, p.name, p.name_with_type, p.valid_to IS NULL FROM unit u "
                                    "JOIN unit_period p ON p.unit_id = u.id WHERE u.kind = 'province' "
                                    "ORDER BY p.valid_to IS NULL DESC, coalesce(p.valid_from, '') DESC")
                                .rows)
    out.push_back({text_of(row[0]), text_of(row[1]), text_of(row[2]), std::get<std::int64_t>(row[3]) != 0});
  return out;
}

// The name of the province carrying `code`: its current name, else its latest.
std::string current_name(PgConnection& conn, const std::string& code) {
  for (const auto& p : province_names(conn))
    if (p.code == code) return p.name;
  return "";
}

std::string province_code(PgConnection& conn, const std::string& given) {
  if (given.empty() || fold(given) == "all") return "";
  auto provinces = province_names(conn);
  const std::string where = tr(" trên máy chủ PostgreSQL ", " on the PostgreSQL server ") + conn.server() +
                            tr(" (cơ sở dữ liệu \"", " (database \"") + conn.database() + "\")";
  bool digits = std::all_of(given.begin(), given.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    for (const auto& p : provinces)
      if (p.code == given) return given;
    throw std::invalid_argument("--province " + given + tr(": không có tỉnh nào mang mã này", ": no province has this code") + where);
  }
  const std::string wanted = fold(given);
  // Current names first: a code whose current name matches wins over one whose old name does.
  std::map<std::string, bool> codes;   // code → matched by a current name
  for (const auto& p : provinces)
    if (fold(p.name) == wanted || fold(p.name_with_type) == wanted) codes[p.code] = codes[p.code] || p.current;
  std::vector<std::string> current;
  for (const auto& [code, now] : codes)
    if (now) current.push_back(code);
  if (current.size() == 1) return current.front();
  if (current.empty() && codes.size() == 1) return codes.begin()->first;
  if (codes.empty()) {
    std::vector<std::string> names;
    for (const auto& p : provinces)
      if (p.current) names.push_back(p.name);
    auto near = closest(given, names);
    std::string hint;
    for (const auto& n : near) hint += (hint.empty() ? "" : ", ") + n;
    throw std::invalid_argument("--province " + clip(given) + tr(": không có tỉnh này", ": no such province") + where +
                                (hint.empty() ? (provinces.empty() ? tr("; máy chủ chưa có đơn vị hành chính nào",
                                                                        "; the server has no units yet")
                                                                   : "")
                                              : tr("; có phải: ", "; did you mean: ") + hint + "?"));
  }
  std::string list;
  for (const auto& [code, now] : codes) list += (list.empty() ? "" : ", ") + code;
  throw std::invalid_argument("--province " + clip(given) + tr(": tên này ứng với nhiều tỉnh (mã ", ": this name fits several provinces (codes ") +
                              list + tr("), hãy cho mã tỉnh", "); give the province code"));
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
  return done;
}

std::string server_province_code(const std::string& address, const std::string& province) {
  PgConnection conn(address);
  return province_code(conn, province);
}

ServerUser add_server_user(const std::string& address, const std::string& name, const std::string& province,
                           const std::string& role, const std::string& password) {
  PgConnection conn(address);
  std::string code = province_code(conn, province);
  store::add_pg_user(conn, name, code, role, password);
  return {name, role, code, code.empty() ? "" : current_name(conn, code)};
}

void remove_server_user(const std::string& address, const std::string& name) {
  PgConnection conn(address);
  store::remove_pg_user(conn, name);
}

std::vector<ServerUser> list_server_users(const std::string& address) {
  PgConnection conn(address);
  std::vector<ServerUser> users;
  for (auto& u : store::list_pg_users(conn))
    users.push_back({u.name, u.role, u.province_code, u.province_code.empty() ? "" : current_name(conn, u.province_code)});
  return users;
}

}  // namespace ntm::app
