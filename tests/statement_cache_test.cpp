// The statements a connection keeps for reuse (store::Database::prepare): a reused statement
// starts clean, two uses of one text at once do not share a statement, and nothing prepared
// before a connection was restricted to reads is reused after.
#include <doctest/doctest.h>

#include "store/database.h"

using ntm::store::Database;

TEST_CASE("a statement kept for reuse starts without rows or bindings") {
  Database db = Database::memory();
  db.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'một'), (2, 'hai'), (3, 'ba')");
  const char* sql = "SELECT b FROM t WHERE a >= ?1 ORDER BY a";
  {
    auto s = db.prepare(sql);
    s.bind(1, 2);
    REQUIRE(s.step());
    CHECK(s.get_text(0) == "hai");   // left in the middle of its rows
  }
  {
    auto s = db.prepare(sql);   // the same statement, reset, its binding cleared
    REQUIRE(s.step() == false);    // ?1 is NULL: no row
  }
  {
    auto s = db.prepare(sql);
    s.bind(1, 1);
    int rows = 0;
    while (s.step()) ++rows;
    CHECK(rows == 3);
  }
}

TEST_CASE("two uses of one text at once each have their own statement") {
  Database db = Database::memory();
  db.exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)");
  const char* sql = "SELECT a FROM t ORDER BY a";
  auto outer = db.prepare(sql);
  REQUIRE(outer.step());
  {
    auto inner = db.prepare(sql);
    REQUIRE(inner.step());
    CHECK(inner.get_int(0) == 1);
    REQUIRE(inner.step());
    CHECK(inner.get_int(0) == 2);
  }
  CHECK(outer.get_int(0) == 1);   // not moved by the inner use
  REQUIRE(outer.step());
  CHECK(outer.get_int(0) == 2);
}

TEST_CASE("a write prepared before restrict_to_reads is not handed out after it") {
  Database db = Database::memory();
  db.exec("CREATE TABLE t (a INTEGER)");
  const char* insert = "INSERT INTO t VALUES (7)";
  db.prepare(insert).run();   // kept for reuse
  db.restrict_to_reads();
  CHECK_THROWS_AS(db.prepare(insert), ntm::store::DbError);   // the authorizer sees it again
  auto count = db.prepare("SELECT count(*) FROM t");
  REQUIRE(count.step());
  CHECK(count.get_int(0) == 1);
}

TEST_CASE("a statement outlives its connection safely") {
  std::optional<ntm::store::Statement> kept;
  {
    Database db = Database::memory();
    db.exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (5)");
    kept.emplace(db.prepare("SELECT a FROM t"));
  }
  // The connection is closed once its last statement is finalized; the statement still runs.
  REQUIRE(kept->step());
  CHECK(kept->get_int(0) == 5);
  kept.reset();
}
