// The ntm schema on PostgreSQL (store/pg_schema.h, db/pg/): made on the throwaway cluster of
// tests/pg_cluster.h and compared with a fresh SQLite database. Each test case has its own
// database.
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
        integer(c.scalar("SELECT count(*) FROM meta")), integer(c.scalar("SELECT count(*) FROM threshold")));
  };
  auto before = snapshot();
  CHECK(std::get<2>(before) > 200);
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
  for (const auto& row : pg.rows) pg_columns.emplace(text(row[0]), text(row[1]), std::get<std::int64_t>(row[2]));
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

