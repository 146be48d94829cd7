// The ntm schema on PostgreSQL (store/pg_schema.h, db/pg/): made on the throwaway cluster of
// tests/pg_cluster.h, compared with a fresh SQLite database, and the per-province access rules
// checked by connecting as the users they apply to. Each test case has its own database.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "pg_cluster.h"
#include "store/database.h"
#include "store/pg_connection.h"
#include "store/pg_schema.h"
#include "store/schema.h"

using ntm::store::DbError;
using ntm::store::PgConnection;
using ntm::store::PgError;
using ntm::store::PgRows;
using ntm::store::Value;
using ntm::test::PgCluster;
namespace fs = std::filesystem;
namespace store = ntm::store;

namespace {

const fs::path kDbDir = fs::path(NTM_SOURCE_DIR) / "db";

// Tables of db/pg/access.sql, which the SQLite side has not.
const std::set<std::string> kAccessTables = {"ntm_user", "audit"};

// A new, empty database on the cluster; its conninfo as the cluster's superuser. Roles belong
// to the cluster and outlive the database: `roles` made by an earlier run of the test case (each
// SUBCASE runs it again) are dropped with it.
std::string fresh_database(const std::string& name, const std::vector<std::string>& roles = {}) {
  PgConnection admin(PgCluster::get().conninfo("postgres"));
  admin.exec("DROP DATABASE IF EXISTS " + name);
  for (const auto& role : roles) admin.exec("DROP ROLE IF EXISTS " + role);
  admin.exec("CREATE DATABASE " + name);
  return PgCluster::get().conninfo(name);
}

std::int64_t integer(const std::optional<Value>& v) {
  REQUIRE(v.has_value());
  REQUIRE(std::holds_alternative<std::int64_t>(*v));
  return std::get<std::int64_t>(*v);
}

std::string text(const Value& v) {
  REQUIRE(std::holds_alternative<std::string>(v));
  return std::get<std::string>(v);
}

// A fresh SQLite database as `ntm init` makes it, before the units: schema, migrations,
// reference data.
store::Database fresh_sqlite(bool with_reference) {
  store::Database db = store::Database::memory();
  store::migrate(db, kDbDir);
  if (with_reference) {
    store::Transaction tx(db);
    store::load_reference_sql(db, kDbDir);
    tx.commit();
  }
  return db;
}

// What a statement that the server must refuse throws; fails the test when it succeeds.
PgError refused(PgConnection& c, const std::string& sql, const std::vector<Value>& params = {}) {
  try {
    c.query(sql, params);
  } catch (const PgError& e) {
    return e;
  }
  FAIL("the server accepted: " << sql);
  return PgError("", "");
}

// Whether the message is one line, in Vietnamese (ntm's prefix), naming the server.
void check_refusal_message(const PgError& e, const PgConnection& c) {
  std::string message = e.what();
  CHECK(message.find('\n') == std::string::npos);
  CHECK(message.rfind("SQL trên máy chủ PostgreSQL " + c.server() + ": ", 0) == 0);
  CHECK(message.find("không có quyền") != std::string::npos);
}

}  // namespace

TEST_CASE("pg schema: applies on an empty database; again changes nothing; a newer version is refused") {
  PgConnection c(fresh_database("ntm_schema_apply"));
  CHECK(store::pg_schema_version(c) == 0);

  auto ran = store::create_pg_schema(c, kDbDir);
  CHECK(ran == std::vector<std::string>{"10_regions.sql", "20_funding_sources.sql", "21_funding_aliases.sql",
                                        "29_criteria_491.sql", "30_criteria_1980.sql", "31_criteria_318.sql",
                                        "32_criteria_51_2025.sql"});
  CHECK(store::pg_schema_version(c) == store::kSchemaVersion);
  CHECK_FALSE(c.in_transaction());

  auto snapshot = [&] {
    return std::make_tuple(
        integer(c.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")),
        integer(c.scalar("SELECT count(*) FROM pg_policies")), integer(c.scalar("SELECT count(*) FROM meta")),
        integer(c.scalar("SELECT count(*) FROM threshold")), integer(c.scalar("SELECT count(*) FROM audit")),
        integer(c.scalar("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")));
  };
  auto before = snapshot();
  CHECK(std::get<1>(before) > 0);
  CHECK(std::get<4>(before) == 0);   // the making of the schema is not audited
  CHECK(store::create_pg_schema(c, kDbDir).empty());
  CHECK(snapshot() == before);

  c.exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  try {
    store::create_pg_schema(c, kDbDir);
    FAIL("a database of schema 99 was accepted");
  } catch (const DbError& e) {
    CHECK(std::string(e.what()) == "cơ sở dữ liệu \"ntm_schema_apply\" trên máy chủ PostgreSQL " + c.server() +
                                       " có phiên bản lược đồ 99, mới hơn phiên bản chương trình hiểu (" +
                                       std::to_string(store::kSchemaVersion) + "): hãy cập nhật ntm");
  }
  CHECK_FALSE(c.in_transaction());
  CHECK(store::pg_schema_version(c) == 99);
}

TEST_CASE("pg schema: the same tables, columns and primary keys as a fresh SQLite database") {
  store::Database lite = fresh_sqlite(false);
  using Column = std::tuple<std::string, std::string, std::int64_t>;   // table, column, position in the key
  std::set<Column> sqlite_columns;
  auto rows = lite.prepare(
      "SELECT m.name, p.name, p.pk FROM sqlite_schema m JOIN pragma_table_info(m.name) p "
      "WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'");
  while (rows.step()) sqlite_columns.emplace(rows.get_text(0), rows.get_text(1), rows.get_int(2));
  REQUIRE(sqlite_columns.size() > 100);

  PgConnection c(fresh_database("ntm_schema_columns"));
  store::create_pg_schema(c, kDbDir);
  PgRows pg = c.query(
      "SELECT c.table_name::text, c.column_name::text, coalesce(k.ordinal_position, 0)::bigint "
      "FROM information_schema.columns c "
      "LEFT JOIN information_schema.table_constraints t ON t.table_schema = c.table_schema "
      "  AND t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY' "
      "LEFT JOIN information_schema.key_column_usage k ON k.constraint_schema = t.constraint_schema "
      "  AND k.constraint_name = t.constraint_name AND k.column_name = c.column_name "
      "WHERE c.table_schema = current_schema()");
  std::set<Column> pg_columns;
  std::set<std::string> access_tables_seen;
  for (const auto& row : pg.rows) {
    std::string table = text(row[0]);
    if (kAccessTables.count(table)) {
      access_tables_seen.insert(table);
      continue;
    }
    pg_columns.emplace(table, text(row[1]), std::get<std::int64_t>(row[2]));
  }
  CHECK(access_tables_seen == kAccessTables);
  // Reported one by one, so that a failure names the column a migration added or dropped.
  for (const auto& column : sqlite_columns)
    CHECK_MESSAGE(pg_columns.count(column), "in SQLite, not in db/pg/schema.sql: " << std::get<0>(column) << "."
                                                                                 << std::get<1>(column) << " (key position "
                                                                                 << std::get<2>(column) << ")");
  for (const auto& column : pg_columns)
    CHECK_MESSAGE(sqlite_columns.count(column), "in db/pg/schema.sql, not in SQLite: " << std::get<0>(column) << "."
                                                                                      << std::get<1>(column));
}

TEST_CASE("pg schema: the reference data has as many rows, and the same thresholds, as on SQLite") {
  store::Database lite = fresh_sqlite(true);
  PgConnection c(fresh_database("ntm_schema_reference"));
  store::create_pg_schema(c, kDbDir);

  auto tables = lite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  int compared = 0;
  while (tables.step()) {
    std::string table = tables.get_text(0);
    // meta also holds the PostgreSQL side's schema version.
    std::string count = "SELECT count(*) FROM " + table + (table == "meta" ? " WHERE key LIKE 'reference:%'" : "");
    std::int64_t on_sqlite = std::get<std::int64_t>(*lite.scalar(count));
    CHECK_MESSAGE(integer(c.scalar(count)) == on_sqlite, "table " << table);
    ++compared;
  }
  CHECK(compared >= 27);
  CHECK(integer(c.scalar("SELECT count(*) FROM threshold")) > 200);
  CHECK(integer(c.scalar("SELECT count(*) FROM threshold WHERE class = 'dbkk=1'")) > 0);

  // The thresholds themselves (ids may be numbered differently: compared without them).
  const std::string sql =
      "SELECT set_id || '|' || indicator || '|' || coalesce(region, '') || '|' || coalesce(class, '') || '|' || "
      "coalesce(year, 0) || '|' || confirmed || '|' || source || '|' || coalesce(note, '') FROM threshold";
  std::multiset<std::string> on_sqlite, on_pg;
  auto lite_rows = lite.prepare(sql);
  while (lite_rows.step()) on_sqlite.insert(lite_rows.get_text(0));
  for (const auto& row : c.query(sql).rows) on_pg.insert(text(row[0]));
  CHECK(on_pg == on_sqlite);
  CHECK(integer(c.scalar("SELECT round(sum(value) * 1000)::bigint FROM threshold")) ==
        std::llround(std::get<double>(*lite.scalar("SELECT sum(value) FROM threshold")) * 1000));
}

namespace {

struct Units {
  std::int64_t dien_bien = 0, bac_giang = 0;              // provinces 11 and 24
  std::int64_t noong_bua = 0, tho_xuong = 0;              // a ward of each (03124, 07201)
};

// Two provinces of the 2020 map (db/units-2020.csv), each with a district and a ward, made by
// the owner of the database as the program's loading would.
Units make_units(PgConnection& owner) {
  auto unit = [&](const char* code, const char* kind, const char* type, const char* name, const char* with_type,
                  std::optional<std::int64_t> parent) {
    std::int64_t id = integer(owner.scalar("INSERT INTO unit (code, kind) VALUES (?, ?) RETURNING id", {code, kind}));
    Value parent_id = parent ? Value(*parent) : Value(std::monostate{});
    owner.query("INSERT INTO unit_period (unit_id, type, name, name_with_type, parent_id) VALUES (?, ?, ?, ?, ?)",
                {id, type, name, with_type, parent_id});
    return id;
  };
  Units u;
  u.dien_bien = unit("11", "province", "tinh", "Điện Biên", "Tỉnh Điện Biên", std::nullopt);
  std::int64_t dbp = unit("094", "district", "thanh-pho", "Điện Biên Phủ", "Thành phố Điện Biên Phủ", u.dien_bien);
  u.noong_bua = unit("03124", "commune", "phuong", "Noong Bua", "Phường Noong Bua", dbp);
  u.bac_giang = unit("24", "province", "tinh", "Bắc Giang", "Tỉnh Bắc Giang", std::nullopt);
  std::int64_t bg = unit("213", "district", "thanh-pho", "Bắc Giang", "Thành phố Bắc Giang", u.bac_giang);
  u.tho_xuong = unit("07201", "commune", "phuong", "Thọ Xương", "Phường Thọ Xương", bg);
  return u;
}

const char* kInsertValue =
    "INSERT INTO indicator_value (unit_id, year, set_id, indicator, value, source) VALUES (?, 2020, '1980-xa', '2.1', ?, ?)";
const char* kUpdateValue = "UPDATE indicator_value SET value = ? WHERE unit_id = ? AND year = 2020 AND indicator = '2.1'";
const char* kReadValue = "SELECT value FROM indicator_value WHERE unit_id = ? AND year = 2020 AND indicator = '2.1'";

}  // namespace

TEST_CASE("pg access: an office writes only its own province, reads every province; the audit records who") {
  const std::string db = "ntm_schema_access";
  PgConnection owner(fresh_database(db, {"dienbien_editor", "dienbien_viewer", "dienbien_admin", "script_dienbien"}));
  store::create_pg_schema(owner, kDbDir);
  Units u = make_units(owner);
  owner.query(kInsertValue, {u.tho_xuong, 62.5, std::string("Bắc Giang nhập")});

  store::add_pg_user(owner, "dienbien_editor", "11", "editor", "");
  store::add_pg_user(owner, "dienbien_viewer", "11", "viewer", "");
  store::add_pg_user(owner, "dienbien_admin", "11", "admin", "");
  auto users = store::list_pg_users(owner);
  REQUIRE(users.size() == 3);
  CHECK(users[0].name == "dienbien_admin");
  CHECK(users[1].name == "dienbien_editor");
  CHECK(users[1].province_code == "11");
  CHECK(users[1].role == "editor");
  CHECK(users[2].role == "viewer");

  PgConnection editor(PgCluster::get().conninfo(db, "dienbien_editor"));
  SUBCASE("the editor writes a commune of Điện Biên") {
    CHECK(editor.query(kInsertValue, {u.noong_bua, 80.0, std::string("Điện Biên nhập")}).affected == 1);
    CHECK(editor.query(kUpdateValue, {81.5, u.noong_bua}).affected == 1);
    CHECK(std::get<double>(*owner.scalar(kReadValue, {u.noong_bua})) == 81.5);
    // … and its own province's own figures (province-level indicators are the province's).
    CHECK(editor.query("INSERT INTO statistic (unit_id, year, key, value) VALUES (?, 2020, 'dan_so', 598856)",
                       {u.dien_bien}).affected == 1);

    // The audit: who, which table, what, which row; only the writes that happened.
    PgRows audit = owner.query(
        "SELECT who, table_name, operation, (row_key ->> 'unit_id')::bigint, row_key ->> 'indicator' FROM audit "
        "WHERE who = 'dienbien_editor' ORDER BY id");
    REQUIRE(audit.rows.size() == 3);
    CHECK(text(audit.rows[0][1]) == "indicator_value");
    CHECK(text(audit.rows[0][2]) == "INSERT");
    CHECK(std::get<std::int64_t>(audit.rows[0][3]) == u.noong_bua);
    CHECK(text(audit.rows[0][4]) == "2.1");
    CHECK(text(audit.rows[1][2]) == "UPDATE");
    CHECK(text(audit.rows[2][1]) == "statistic");
    CHECK(integer(owner.scalar("SELECT count(*) FROM audit WHERE at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$'")) ==
          integer(owner.scalar("SELECT count(*) FROM audit")));
  }
  SUBCASE("the editor cannot write a commune of Bắc Giang, and reads it") {
    // A row that does not exist yet (year 2021): only the province can make this fail.
    PgError insert = refused(editor,
                             "INSERT INTO indicator_value (unit_id, year, set_id, indicator, value) "
                             "VALUES (?, 2021, '1980-xa', '2.1', 1)",
                             {u.tho_xuong});
    CHECK(insert.sqlstate() == "42501");
    check_refusal_message(insert, editor);
    PgError update = refused(editor, kUpdateValue, {1.0, u.tho_xuong});
    CHECK(update.sqlstate() == "42501");
    check_refusal_message(update, editor);
    CHECK(refused(editor, "DELETE FROM indicator_value WHERE unit_id = ?", {u.tho_xuong}).sqlstate() == "42501");
    // Moving the row into one's own province is refused too (the old row is checked).
    CHECK(refused(editor, "UPDATE indicator_value SET unit_id = ? WHERE unit_id = ?", {u.noong_bua, u.tho_xuong})
              .sqlstate() == "42501");
    // A ward of Bắc Giang cannot be moved under a district of Điện Biên either.
    CHECK(refused(editor, "INSERT INTO unit_period (unit_id, valid_from, type, name, name_with_type, parent_id) "
                          "SELECT ?, '2021-01-01', 'phuong', 'Thọ Xương', 'Phường Thọ Xương', parent_id FROM unit_period "
                          "WHERE unit_id = ?",
                  {u.tho_xuong, u.noong_bua})
              .sqlstate() == "42501");
    // National data is the national admin's.
    CHECK(refused(editor, "INSERT INTO region (code, name, sort) VALUES ('X', 'Vùng thử', 9)").sqlstate() == "42501");
    CHECK(refused(editor, "UPDATE criteria_set SET note = 'sửa' WHERE id = '1980-xa'").sqlstate() == "42501");

    CHECK(std::get<double>(*editor.scalar(kReadValue, {u.tho_xuong})) == 62.5);
    CHECK(integer(editor.scalar("SELECT count(*) FROM unit_version WHERE parent_code = '213'")) == 1);
    CHECK(std::get<double>(*owner.scalar(kReadValue, {u.tho_xuong})) == 62.5);   // unchanged
    CHECK(integer(owner.scalar("SELECT count(*) FROM audit WHERE who = 'dienbien_editor'")) == 0);
  }
  SUBCASE("packs: an editor's value drops every province's pack of that year; it writes only its own packs") {
    const char* pack = "INSERT INTO value_pack (year, set_id, province_id, map_date, body) VALUES (2020, '1980-xa', ?, '2020-12-31', '\\x00')";
    owner.query(pack, {u.dien_bien});
    owner.query(pack, {u.bac_giang});
    owner.query("INSERT INTO value_pack (year, set_id, province_id, map_date, body) VALUES (2019, '1980-xa', ?, '2019-12-31', '\\x00')",
                {u.bac_giang});
    CHECK(editor.query(kInsertValue, {u.noong_bua, 80.0, std::string("Điện Biên nhập")}).affected == 1);
    // The stale packs of 2020 are gone, Bắc Giang's included (the trigger runs as the owner);
    // 2019's stays.
    CHECK(integer(owner.scalar("SELECT count(*) FROM value_pack WHERE year = 2020")) == 0);
    CHECK(integer(owner.scalar("SELECT count(*) FROM value_pack WHERE year = 2019")) == 1);
    CHECK(editor.query(pack, {u.dien_bien}).affected == 1);
    CHECK(refused(editor, pack, {u.bac_giang}).sqlstate() == "42501");
    // Packs are derived data: not in the audit.
    CHECK(integer(owner.scalar("SELECT count(*) FROM audit WHERE table_name = 'value_pack'")) == 0);
  }
  SUBCASE("the row level security policies refuse on their own, without the guard trigger") {
    owner.exec("ALTER TABLE indicator_value DISABLE TRIGGER ntm_guard");
    PgError insert = refused(editor,
                             "INSERT INTO indicator_value (unit_id, year, set_id, indicator, value) "
                             "VALUES (?, 2021, '1980-xa', '2.1', 1)",
                             {u.tho_xuong});
    CHECK(insert.sqlstate() == "42501");
    CHECK(insert.detail().find("row-level security") != std::string::npos);
    CHECK(refused(editor, kUpdateValue, {1.0, u.tho_xuong}).sqlstate() == "42501");
    CHECK(editor.query(kInsertValue, {u.noong_bua, 80.0, std::string("Điện Biên nhập")}).affected == 1);
  }
  SUBCASE("the viewer writes nothing, not even in Điện Biên") {
    PgConnection viewer(PgCluster::get().conninfo(db, "dienbien_viewer"));
    CHECK(refused(viewer, kInsertValue, {u.noong_bua, 80.0, std::string("x")}).sqlstate() == "42501");
    CHECK(refused(viewer, kUpdateValue, {1.0, u.tho_xuong}).sqlstate() == "42501");
    CHECK(std::get<double>(*viewer.scalar(kReadValue, {u.tho_xuong})) == 62.5);
  }
  SUBCASE("only admins read the audit") {
    editor.query(kInsertValue, {u.noong_bua, 80.0, std::string("Điện Biên nhập")});
    CHECK(refused(editor, "SELECT count(*) FROM audit").sqlstate() == "42501");
    PgConnection viewer(PgCluster::get().conninfo(db, "dienbien_viewer"));
    CHECK(refused(viewer, "SELECT count(*) FROM audit").sqlstate() == "42501");
    PgConnection admin(PgCluster::get().conninfo(db, "dienbien_admin"));
    CHECK(integer(admin.scalar("SELECT count(*) FROM audit WHERE who = 'dienbien_editor'")) == 1);
    // Nobody writes it but the trigger.
    CHECK(refused(admin, "DELETE FROM audit").sqlstate() == "42501");
    // A province's admin manages the users of that province, not the national ones.
    owner.exec("INSERT INTO ntm_user (role_name, province_id, role) VALUES ('quocgia_viewer', NULL, 'viewer')");
    CHECK(refused(admin, "DELETE FROM ntm_user WHERE role_name = 'quocgia_viewer'").sqlstate() == "42501");
    CHECK(refused(admin, "UPDATE ntm_user SET province_id = NULL WHERE role_name = 'dienbien_viewer'").sqlstate() ==
          "42501");
    CHECK(admin.query("DELETE FROM ntm_user WHERE role_name = 'dienbien_viewer'").affected == 1);
    CHECK(refused(editor, "DELETE FROM ntm_user WHERE role_name = 'dienbien_admin'").sqlstate() == "42501");
  }
  SUBCASE("scripts' role reads the data, writes nothing, cannot sleep or read files") {
    owner.exec("CREATE ROLE script_dienbien LOGIN IN ROLE ntm_script");
    PgConnection script(PgCluster::get().conninfo(db, "script_dienbien"));
    CHECK(integer(script.scalar("SELECT count(*) FROM indicator_value")) == 1);
    CHECK(refused(script, kInsertValue, {u.noong_bua, 80.0, std::string("x")}).sqlstate() == "42501");
    CHECK(refused(script, "SELECT pg_sleep(0)").sqlstate() == "42501");
    CHECK(refused(script, "SELECT pg_read_file('postgresql.conf')").sqlstate() == "42501");
    CHECK(refused(script, "SELECT count(*) FROM ntm_user").sqlstate() == "42501");
  }
}

TEST_CASE("pg access: users are added and removed in one piece, names and provinces checked") {
  const std::string db = "ntm_schema_users";
  PgConnection owner(fresh_database(db, {"quocgia_admin"}));
  store::create_pg_schema(owner, kDbDir);
  make_units(owner);

  auto failure = [&](auto&& call) -> std::string {
    try {
      call();
    } catch (const DbError& e) {
      return e.what();
    }
    FAIL("accepted");
    return "";
  };
  CHECK(failure([&] { store::add_pg_user(owner, "Bad-Name", "11", "editor", ""); }).find("không hợp lệ") !=
        std::string::npos);
  CHECK(failure([&] { store::add_pg_user(owner, "x\"; DROP TABLE unit; --", "11", "editor", ""); })
            .find("không hợp lệ") != std::string::npos);
  CHECK(failure([&] { store::add_pg_user(owner, "ntm_admin", "", "admin", ""); }).find("dành riêng") != std::string::npos);
  CHECK(failure([&] { store::add_pg_user(owner, "hagiang_editor", "02", "editor", ""); }) ==
        "cơ sở dữ liệu \"" + db + "\" trên máy chủ PostgreSQL " + owner.server() + " không có tỉnh nào mang mã 02");
  CHECK(failure([&] { store::add_pg_user(owner, "dienbien_boss", "11", "owner", ""); }).find("viewer, editor hoặc admin") !=
        std::string::npos);
  CHECK(failure([&] { store::add_pg_user(owner, "ntm", "", "admin", ""); }).find("đã có trên máy chủ") != std::string::npos);
  CHECK(store::list_pg_users(owner).empty());
  CHECK_FALSE(owner.scalar("SELECT 1 FROM pg_roles WHERE rolname = 'hagiang_editor'").has_value());

  // A password with a quote and a backslash reaches the server intact: only it opens the door.
  store::add_pg_user(owner, "quocgia_admin", "", "admin", "mật'khẩu\\1");
  owner.exec("GRANT ntm_password_users TO quocgia_admin");
  CHECK_THROWS_AS([&] { PgConnection wrong(PgCluster::get().conninfo(db, "quocgia_admin") + " password=sai"); }(), PgError);
  {
    PgConnection national(PgCluster::get().conninfo(db, "quocgia_admin") + " password='mật\\'khẩu\\\\1'");
    // The national admin writes national data.
    CHECK(national.query("UPDATE criteria_set SET note = 'ghi chú' WHERE id = '1980-xa'").affected == 1);
  }
  auto users = store::list_pg_users(owner);
  REQUIRE(users.size() == 1);
  CHECK(users[0].province_code.empty());

  store::remove_pg_user(owner, "quocgia_admin");
  CHECK(store::list_pg_users(owner).empty());
  CHECK_FALSE(owner.scalar("SELECT 1 FROM pg_roles WHERE rolname = 'quocgia_admin'").has_value());
  CHECK(failure([&] { store::remove_pg_user(owner, "quocgia_admin"); }).find("không phải người dùng") != std::string::npos);
}
