// `ntm server init` and `ntm user` on the throwaway PostgreSQL cluster (tests/pg_cluster.h),
// through the built binary; and every other command refusing a PostgreSQL --db without making
// a file of it. Each test case has its own database.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "pg_cluster.h"
#include "store/pg_connection.h"
#include "support.h"

using ntm::store::PgConnection;
using ntm::store::PgError;
using ntm::test::PgCluster;
namespace fs = std::filesystem;

namespace {

// A new, empty database and its conninfo; `roles` left by an earlier run are dropped (roles
// belong to the cluster, not the database). With an `owner`, the database belongs to that new
// role, which may create roles but is no superuser; else to the cluster's superuser.
std::string fresh_database(const std::string& name, const std::vector<std::string>& roles = {},
                           const std::string& owner = {}) {
  PgConnection admin(PgCluster::get().conninfo("postgres"));
  admin.exec("DROP DATABASE IF EXISTS " + name);
  for (const auto& role : roles) admin.exec("DROP ROLE IF EXISTS " + role);
  if (owner.empty()) {
    admin.exec("CREATE DATABASE " + name);
    return PgCluster::get().conninfo(name);
  }
  admin.exec("DROP ROLE IF EXISTS " + owner);
  admin.exec("CREATE ROLE " + owner + " LOGIN CREATEROLE");
  admin.exec("CREATE DATABASE " + name + " OWNER " + owner);
  return PgCluster::get().conninfo(name, owner);
}

std::string db_flag(const std::string& conninfo) { return "--db '" + conninfo + "' "; }

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Two provinces, as the program's loading of the map would make them (the owner writes them).
void add_provinces(const std::string& conninfo) {
  PgConnection owner(conninfo);
  owner.exec(
      "WITH u AS (INSERT INTO unit (code, kind) VALUES ('11', 'province') RETURNING id) "
      "INSERT INTO unit_period (unit_id, type, name, name_with_type) SELECT id, 'tinh', 'Điện Biên', 'Tỉnh Điện Biên' FROM u;"
      "WITH u AS (INSERT INTO unit (code, kind) VALUES ('24', 'province') RETURNING id) "
      "INSERT INTO unit_period (unit_id, type, name, name_with_type) SELECT id, 'tinh', 'Bắc Giang', 'Tỉnh Bắc Giang' FROM u;");
}

}  // namespace

TEST_CASE("pg cli: ntm server init makes the schema once, then changes nothing; a newer database is refused") {
  const std::string conninfo = fresh_database("ntm_cli_init");
  auto first = ntm::test::ntm(db_flag(conninfo) + "server init");
  CHECK(first.status == 0);
  CHECK(first.out.empty());
  CHECK(lines(first.err) == 1);
  CHECK(has(first.err, "Đã tạo lược đồ ntm phiên bản "));
  CHECK(has(first.err, "cơ sở dữ liệu \"ntm_cli_init\" trên máy chủ PostgreSQL socket " + PgCluster::get().socket_dir().string()));
  CHECK(has(first.err, " dòng dữ liệu tham chiếu từ "));

  {
    PgConnection c(conninfo);
    CHECK(c.scalar("SELECT 1 FROM pg_tables WHERE tablename = 'ntm_user'"));
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM criteria_set")) > 0);
  }

  // Again, as a URI: nothing to do.
  const std::string uri = "postgresql:///ntm_cli_init?host=" + PgCluster::get().socket_dir().string() + "&user=ntm";
  auto again = ntm::test::ntm(db_flag(uri) + "server init");
  CHECK(again.status == 0);
  CHECK(lines(again.err) == 1);
  CHECK(has(again.err, "đã có lược đồ ntm phiên bản "));
  CHECK(has(again.err, "không thay đổi gì"));

  {
    PgConnection c(conninfo);
    c.exec("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
  }
  auto newer = ntm::test::ntm(db_flag(conninfo) + "server init");
  CHECK(newer.status == 1);
  CHECK(lines(newer.err) == 1);
  CHECK(has(newer.err, "phiên bản lược đồ 999"));
  CHECK(has(newer.err, "hãy cập nhật ntm"));

  // An owner who is no superuser cannot make the rules (access.sql revokes functions that
  // the bootstrap superuser owns): one line, and nothing half made.
  const std::string owned = fresh_database("ntm_cli_owned", {}, "cli_owner");
  auto owner = ntm::test::ntm(db_flag(owned) + "server init");
  CHECK(owner.status == 1);
  CHECK(lines(owner.err) == 1);
  CHECK(has(owner.err, "máy chủ PostgreSQL socket "));
  CHECK(has(owner.err, "cần một vai trò superuser"));
  {
    PgConnection c(owned);
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) == 0);
  }

  // server init wants a server, not a file.
  auto file = ntm::test::ntm("--db x.db server init", ntm::test::temp_dir());
  CHECK(file.status == 2);
  CHECK(has(file.err, "ntm server init chạy trên máy chủ PostgreSQL"));
}

TEST_CASE("pg cli: ntm user add, list and remove; names, codes and national users; refusals") {
  const std::vector<std::string> roles = {"cli_nhap", "cli_xem", "cli_qt", "cli_khac"};
  const std::string conninfo = fresh_database("ntm_cli_users", roles);
  REQUIRE(ntm::test::ntm(db_flag(conninfo) + "server init").status == 0);
  add_provinces(conninfo);
  const std::string db = db_flag(conninfo);

  auto editor = ntm::test::ntm(db + "user add cli_nhap --province 'dien bien' --role editor");
  CHECK(editor.status == 0);
  CHECK(editor.err == "Đã thêm người dùng \"cli_nhap\": editor (nhập liệu), tỉnh Điện Biên (11), không mật khẩu.\n");
  CHECK(ntm::test::ntm(db + "user add cli_qt --province 24 --role admin").status == 0);
  auto viewer = ntm::test::ntm(db + "user add cli_xem --role viewer");   // no --province: national
  CHECK(viewer.status == 0);
  CHECK(has(viewer.err, "viewer (xem), toàn quốc"));
  CHECK(ntm::test::ntm(db + "user add cli_khac --province 'Tỉnh Bắc Giang' --role viewer").status == 0);

  auto csv = ntm::test::ntm(db + "user list --format csv");
  CHECK(csv.status == 0);
  CHECK(csv.out ==
        "name,role,province_code,province\n"
        "cli_khac,viewer,24,Bắc Giang\n"
        "cli_nhap,editor,11,Điện Biên\n"
        "cli_qt,admin,24,Bắc Giang\n"
        "cli_xem,viewer,,\n");
  auto json = ntm::test::ntm(db + "user list --format json");
  CHECK(json.status == 0);
  CHECK(has(json.out, "{\n    \"name\": \"cli_nhap\",\n    \"role\": \"editor\",\n    \"province_code\": \"11\",\n"
                      "    \"province\": \"Điện Biên\"\n  }"));
  CHECK(has(json.out, "\"name\": \"cli_xem\",\n    \"role\": \"viewer\",\n    \"province_code\": \"\",\n    \"province\": \"\"\n"));
  auto text = ntm::test::ntm(db + "user list");
  CHECK(text.status == 0);
  CHECK(text.out.rfind("Người dùng  Quyền", 0) == 0);
  CHECK(has(text.out, "cli_nhap    editor (nhập liệu)  11       Điện Biên\n"));
  CHECK(has(text.out, "(toàn quốc)"));
  CHECK(has(text.out, "(4 dòng)\n"));

  // Refusals: a bad role and an unknown province are command-line errors; a duplicate is the
  // server's refusal. Nothing is made by any of them.
  auto role = ntm::test::ntm(db + "user add cli_moi --province 11 --role owner");
  CHECK(role.status == 2);
  CHECK(has(role.err, "Lỗi dòng lệnh"));
  CHECK(has(role.err, "owner"));
  auto province = ntm::test::ntm(db + "user add cli_moi --province 'dien bienn' --role editor");
  CHECK(province.status == 2);
  CHECK(lines(province.err) == 1);
  CHECK(has(province.err, "--province dien bienn: không có tỉnh này trên máy chủ PostgreSQL"));
  CHECK(has(province.err, "; có phải: Điện Biên"));   // the closest first
  auto code = ntm::test::ntm(db + "user add cli_moi --province 99 --role editor");
  CHECK(code.status == 2);
  CHECK(has(code.err, "--province 99: không có tỉnh nào mang mã này"));
  auto twice = ntm::test::ntm(db + "user add cli_nhap --province 11 --role viewer");
  CHECK(twice.status == 1);
  CHECK(lines(twice.err) == 1);
  CHECK(has(twice.err, "vai trò \"cli_nhap\" đã có trên máy chủ PostgreSQL"));
  auto name = ntm::test::ntm(db + "user add 'Cli Moi' --role viewer");
  CHECK(name.status == 1);
  CHECK(has(name.err, "không hợp lệ"));
  {
    PgConnection c(conninfo);
    CHECK_FALSE(c.scalar("SELECT 1 FROM pg_roles WHERE rolname = 'cli_moi'"));
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM ntm_user")) == 4);
  }

  // A user without the right to make roles: the server's refusal, one line naming it.
  auto denied = ntm::test::ntm(db_flag(PgCluster::get().conninfo("ntm_cli_users", "cli_qt")) +
                               "user add cli_moi --province 24 --role viewer");
  CHECK(denied.status == 1);
  CHECK(lines(denied.err) == 1);
  CHECK(has(denied.err, "không tạo được người dùng \"cli_moi\""));
  CHECK(has(denied.err, "máy chủ PostgreSQL socket "));
  CHECK(has(denied.err, "42501"));

  // The server as db in ntm.toml: kept as written (not a path relative to the file's folder).
  fs::path project = ntm::test::temp_dir() / "pg-cli-project";
  fs::create_directories(project);
  CHECK(ntm::test::ntm("config set db '" + conninfo + "'", project).status == 0);
  CHECK(ntm::test::ntm("config get db", project).out == conninfo + "\n");
  CHECK(ntm::test::ntm("user list --format csv", project).out == csv.out);
  auto check = ntm::test::ntm("check --province 11 --year 2020", project);
  CHECK(check.status == 2);
  CHECK(has(check.err, "ntm check hiện chỉ chạy trên tệp SQLite"));

  auto removed = ntm::test::ntm(db + "user remove cli_khac");
  CHECK(removed.status == 0);
  CHECK(removed.err == "Đã xoá người dùng \"cli_khac\".\n");
  auto gone = ntm::test::ntm(db + "user remove cli_khac");
  CHECK(gone.status == 1);
  CHECK(has(gone.err, "\"cli_khac\" không phải người dùng của cơ sở dữ liệu \"ntm_cli_users\""));
  CHECK(lines(ntm::test::ntm(db + "user list --format csv").out) == 4);
  auto missing = ntm::test::ntm(db + "user");
  CHECK(missing.status == 2);
}

TEST_CASE("pg cli: a password read from standard input is the user's password") {
  const std::string conninfo = fresh_database("ntm_cli_password", {"cli_mk"});
  REQUIRE(ntm::test::ntm(db_flag(conninfo) + "server init").status == 0);
  add_provinces(conninfo);
  auto add = ntm::test::shell("printf 'Mật khẩu 1\\n' | '" + std::string(NTM_BINARY) + "' " + db_flag(conninfo) +
                              "user add cli_mk --province 11 --role editor --password-stdin");
  CHECK(add.status == 0);
  CHECK(has(add.err, "có mật khẩu"));
  {
    // The cluster asks members of ntm_password_users for their password (tests/pg_cluster.cpp).
    PgConnection c(conninfo);
    c.exec("GRANT ntm_password_users TO cli_mk");
    CHECK(std::get<std::string>(*c.scalar("SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'cli_mk'")) ==
          "SCRAM-SHA-256$");
  }
  const std::string as_user = PgCluster::get().conninfo("ntm_cli_password", "cli_mk");
  {
    PgConnection user(as_user + " password='Mật khẩu 1'");
    CHECK(std::get<std::string>(*user.scalar("SELECT current_user")) == "cli_mk");
  }
  try {
    PgConnection wrong(as_user + " password='Mật khẩu 2'");
    FAIL("a wrong password was accepted");
  } catch (const PgError& e) {
    CHECK(e.sqlstate() == "28P01");
  }
  auto empty = ntm::test::ntm(db_flag(conninfo) + "user add cli_mk2 --role viewer --password-stdin");   // stdin: /dev/null
  CHECK(empty.status == 2);
  CHECK(has(empty.err, "--password-stdin"));
}

TEST_CASE("pg cli: other commands refuse a PostgreSQL --db and make no file; an unreachable server is one line") {
  fs::path dir = ntm::test::temp_dir() / "pg-cli-refuse";
  fs::create_directories(dir);
  const std::string uri = "postgresql://ntm@localhost/ntm";
  for (const std::string& args : std::vector<std::string>{"--db '" + uri + "' check --province 11 --year 2020",
                                  "--db 'host=/nonexistent dbname=ntm' report annual --province 11 --year 2020 -o x.docx",
                                  "--db 'service=ntm' import units x.csv",
                                  "--db " + uri + " init",
                                  "--db " + uri + " query 'SELECT 1'",
                                  "--db " + uri + " map"}) {
    CAPTURE(args);
    auto r = ntm::test::ntm(args, dir);
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
    CHECK(has(r.err, "hiện chỉ chạy trên tệp SQLite, chưa chạy trên máy chủ PostgreSQL"));
  }
  auto check = ntm::test::ntm("--db '" + uri + "' check --province 11 --year 2020", dir);
  CHECK(has(check.err, "ntm check hiện chỉ chạy trên tệp SQLite"));
  auto env = ntm::test::shell("NTM_DB='" + uri + "' '" + std::string(NTM_BINARY) + "' run danh-sach-xa --province 11", dir);
  CHECK(env.status == 2);
  CHECK(has(env.err, "ntm run hiện chỉ chạy trên tệp SQLite"));
  CHECK(fs::is_empty(dir));   // no file named after the connection string, nor anything else

  auto unreachable = ntm::test::ntm("--db 'host=/nonexistent dbname=ntm connect_timeout=5' user list", dir);
  CHECK(unreachable.status == 1);
  CHECK(lines(unreachable.err) == 1);
  CHECK(has(unreachable.err, "không kết nối được máy chủ PostgreSQL socket /nonexistent/.s.PGSQL.5432"));
  auto init = ntm::test::ntm("--db 'host=/nonexistent dbname=ntm' server init", dir);
  CHECK(init.status == 1);
  CHECK(lines(init.err) == 1);
  CHECK(fs::is_empty(dir));
}
