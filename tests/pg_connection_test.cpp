// The PostgreSQL engine's connection (store/pg_connection.h) against a real server: the
// throwaway cluster of tests/pg_cluster.h. No test waits for a given time to pass: ordering
// between connections is made by the test itself, so that a slow machine changes nothing.
#include <doctest/doctest.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "pg_cluster.h"
#include "store/pg_connection.h"
#include "support.h"

using ntm::store::Isolation;
using ntm::store::PgConnection;
using ntm::store::PgError;
using ntm::store::PgTransaction;
using ntm::store::TxOptions;
using ntm::store::Value;
using ntm::test::PgCluster;
namespace fs = std::filesystem;

namespace {

PgCluster& cluster() { return PgCluster::get(); }

std::string socket_of(const std::string& dir) { return "socket " + dir + "/.s.PGSQL.5432"; }

// What connecting with `conninfo` throws; fails the test when it connects.
PgError connect_error(const std::string& conninfo) {
  try {
    PgConnection c(conninfo);
  } catch (const PgError& e) {
    CHECK(std::string(e.what()).find('\n') == std::string::npos);   // one line
    return e;
  }
  FAIL("connected with " << conninfo);
  return PgError("", "");
}

// Roles and a database for the refusals, made once per process.
void make_refusal_fixtures() {
  static const bool made = [] {
    PgConnection admin(cluster().conninfo("postgres"));
    admin.exec("CREATE ROLE ntm_pw LOGIN PASSWORD 'dung-roi' IN ROLE ntm_password_users");
    admin.exec("CREATE ROLE ntm_plain LOGIN");
    admin.exec("CREATE DATABASE ntm_locked");
    admin.exec("REVOKE CONNECT ON DATABASE ntm_locked FROM PUBLIC");
    return true;
  }();
  (void)made;
}

std::int64_t integer(const std::optional<Value>& v) {
  REQUIRE(v.has_value());
  REQUIRE(std::holds_alternative<std::int64_t>(*v));
  return std::get<std::int64_t>(*v);
}

std::string text(const std::optional<Value>& v) {
  REQUIRE(v.has_value());
  REQUIRE(std::holds_alternative<std::string>(*v));
  return std::get<std::string>(*v);
}

}  // namespace

TEST_CASE("pg: connects to the throwaway server, by conninfo, URI and service file") {
  const std::string dir = cluster().socket_dir().string();
  PgConnection c(cluster().conninfo());
  CHECK(text(c.scalar("SELECT current_database()")) == "ntm_test");
  CHECK(text(c.scalar("SHOW client_encoding")) == "UTF8");
  CHECK(c.server() == socket_of(dir));
  CHECK(c.database() == "ntm_test");
  CHECK_FALSE(c.in_transaction());

  PgConnection uri("postgresql://ntm@/ntm_test?host=" + dir + "&port=5432");
  CHECK(text(uri.scalar("SELECT current_user")) == "ntm");

  fs::path services = ntm::test::temp_dir() / "pg_service.conf";
  std::ofstream(services) << "[ntm_thu]\nhost=" << dir << "\nport=5432\ndbname=ntm_test\nuser=ntm\n";
  ::setenv("PGSERVICEFILE", services.c_str(), 1);
  PgConnection by_service("service=ntm_thu");
  ::unsetenv("PGSERVICEFILE");
  CHECK(text(by_service.scalar("SELECT current_database()")) == "ntm_test");
}

TEST_CASE("pg: a failed connection says in one Vietnamese line which server and what failed") {
  const std::string dir = cluster().socket_dir().string();

  SUBCASE("database missing") {
    PgError e = connect_error(cluster().conninfo("khong_co_csdl"));
    CHECK(e.sqlstate() == "3D000");
    CHECK(std::string(e.what()) == "không kết nối được máy chủ PostgreSQL " + socket_of(dir) +
                                       " (cơ sở dữ liệu \"khong_co_csdl\"): không có cơ sở dữ liệu này trên máy chủ");
  }
  SUBCASE("server unreachable: no socket there; the password in the URI is never shown") {
    PgError e = connect_error("host=" + dir + "/khong-co-may-chu dbname=ntm_test user=ntm password=bi-mat-123");
    CHECK(e.sqlstate() == "08001");
    CHECK(std::string(e.what()) == "không kết nối được máy chủ PostgreSQL " + socket_of(dir + "/khong-co-may-chu") +
                                       " (cơ sở dữ liệu \"ntm_test\"): máy chủ không trả lời (chưa chạy, sai địa chỉ, "
                                       "sai cổng hoặc bị chặn)");
    // TCP: nothing listens on port 1 of the loopback, so the refusal is immediate.
    PgError tcp = connect_error("host=127.0.0.1 port=1 dbname=ntm_test user=ntm");
    CHECK(tcp.sqlstate() == "08001");
    CHECK(std::string(tcp.what()) == "không kết nối được máy chủ PostgreSQL 127.0.0.1:1 (cơ sở dữ liệu \"ntm_test\"): "
                                     "máy chủ không trả lời (chưa chạy, sai địa chỉ, sai cổng hoặc bị chặn)");
    PgError uri = connect_error("postgresql://ntm:bi-mat-123@/ntm_test?host=" + dir + "/khong-co-may-chu");
    CHECK(std::string(uri.what()).find("bi-mat-123") == std::string::npos);
    CHECK(uri.detail().find("bi-mat-123") == std::string::npos);
  }
  SUBCASE("wrong password") {
    make_refusal_fixtures();
    PgError e = connect_error(cluster().conninfo("ntm_test", "ntm_pw") + " password=sai-roi");
    CHECK(e.sqlstate() == "28P01");
    CHECK(std::string(e.what()) == "không kết nối được máy chủ PostgreSQL " + socket_of(dir) +
                                       " (cơ sở dữ liệu \"ntm_test\"): sai mật khẩu của người dùng \"ntm_pw\"");
    CHECK(std::string(e.what()).find("sai-roi") == std::string::npos);
    PgConnection right(cluster().conninfo("ntm_test", "ntm_pw") + " password=dung-roi");
    CHECK(text(right.scalar("SELECT current_user")) == "ntm_pw");
  }
  SUBCASE("password missing") {
    make_refusal_fixtures();
    if (std::getenv("PGPASSWORD")) return;   // libpq would send that one
    PgError e = connect_error(cluster().conninfo("ntm_test", "ntm_pw") + " passfile=" + dir + "/khong-co-pgpass");
    CHECK(std::string(e.what()) ==
          "không kết nối được máy chủ PostgreSQL " + socket_of(dir) +
              " (cơ sở dữ liệu \"ntm_test\"): người dùng \"ntm_pw\" cần mật khẩu mà chưa có (đặt trong chuỗi kết nối, "
              "~/.pgpass hoặc PGPASSWORD)");
  }
  SUBCASE("no permission to connect to the database") {
    make_refusal_fixtures();
    PgError e = connect_error(cluster().conninfo("ntm_locked", "ntm_plain"));
    CHECK(e.sqlstate() == "42501");
    CHECK(std::string(e.what()) == "không kết nối được máy chủ PostgreSQL " + socket_of(dir) +
                                       " (cơ sở dữ liệu \"ntm_locked\"): người dùng \"ntm_plain\" không có quyền kết "
                                       "nối vào cơ sở dữ liệu này");
  }
  SUBCASE("role missing") {
    PgError e = connect_error(cluster().conninfo("ntm_test", "khong_ai"));
    CHECK(e.sqlstate() == "28000");
    CHECK(std::string(e.what()).find("người dùng \"khong_ai\" không tồn tại") != std::string::npos);
  }
  SUBCASE("malformed connection string: the message quotes none of it") {
    PgError e = connect_error("host=" + dir + " password bi-mat-123");
    CHECK(std::string(e.what()) == "chuỗi kết nối PostgreSQL không hợp lệ (dạng host=… dbname=… hoặc postgresql://…)");
  }
}

TEST_CASE("pg: SQLite-style ? placeholders become $n, except inside quotes and comments") {
  int count = -1;
  CHECK(ntm::store::to_dollar_placeholders("SELECT ?, ?", count) == "SELECT $1, $2");
  CHECK(count == 2);
  CHECK(ntm::store::to_dollar_placeholders("SELECT '?', \"a?\", 'it''s ?', ? -- ?\n, ?", count) ==
        "SELECT '?', \"a?\", 'it''s ?', $1 -- ?\n, $2");
  CHECK(count == 2);
  CHECK(ntm::store::to_dollar_placeholders("SELECT E'\\'?', $$?$$, $t$ ? $t$, /* ? /* ? */ ? */ ?", count) ==
        "SELECT E'\\'?', $$?$$, $t$ ? $t$, /* ? /* ? */ ? */ $1");
  CHECK(count == 1);
  // ?NNN as in SQLite; a plain ? after it takes the next number.
  CHECK(ntm::store::to_dollar_placeholders("WHERE a = ?2 AND b = ?1 AND c = ?", count) ==
        "WHERE a = $2 AND b = $1 AND c = $3");
  CHECK(count == 3);
  CHECK(ntm::store::to_dollar_placeholders("SELECT 1", count) == "SELECT 1");
  CHECK(count == 0);

  PgConnection c(cluster().conninfo());
  auto rows = c.query("SELECT '?' AS q, ? AS v, ?2 + 1 AS w", {Value{std::string("x")}, Value{std::int64_t{41}}});
  REQUIRE(rows.rows.size() == 1);
  CHECK(rows.columns == std::vector<std::string>{"q", "v", "w"});
  CHECK(std::get<std::string>(rows.rows[0][0]) == "?");
  CHECK(std::get<std::string>(rows.rows[0][1]) == "x");
  CHECK(std::get<std::int64_t>(rows.rows[0][2]) == 42);
  CHECK_THROWS_AS(c.query("SELECT ?, ?", {Value{std::int64_t{1}}}), ntm::store::DbError);
}

TEST_CASE("pg: money in integers round-trips exactly, Vietnamese text too") {
  PgConnection c(cluster().conninfo());
  c.exec("DROP TABLE IF EXISTS pg_funding; CREATE TABLE pg_funding(unit text, amount bigint, share double precision)");
  const std::int64_t big = 9007199254740993;   // 2^53 + 1: a double would make it ...992
  const std::string name = "Điện Biên Phủ";
  auto inserted = c.query("INSERT INTO pg_funding VALUES (?, ?, ?), (?, ?, NULL)",
                          {Value{name}, Value{big}, Value{0.1}, Value{std::string("Mường Nhé")}, Value{std::int64_t{1}}});
  CHECK(inserted.affected == 2);

  CHECK(integer(c.scalar("SELECT amount FROM pg_funding WHERE unit = ?", {Value{name}})) == big);
  // SUM(bigint) is numeric in PostgreSQL: still an exact integer here.
  CHECK(integer(c.scalar("SELECT sum(amount) FROM pg_funding")) == 9007199254740994);
  CHECK(integer(c.scalar("SELECT ?", {Value{INT64_MAX}})) == INT64_MAX);
  CHECK(integer(c.scalar("SELECT 9007199254740993")) == big);

  CHECK(text(c.scalar("SELECT unit FROM pg_funding WHERE amount = ?", {Value{big}})) == name);
  CHECK(integer(c.scalar("SELECT length(unit) FROM pg_funding WHERE amount = ?", {Value{big}})) == 13);   // characters
  CHECK(text(c.scalar("SELECT upper(?)", {Value{std::string("xã")}})) == "XÃ");

  auto share = c.scalar("SELECT share FROM pg_funding WHERE amount = ?", {Value{big}});
  REQUIRE(std::holds_alternative<double>(*share));
  CHECK(std::get<double>(*share) == 0.1);
  CHECK(std::holds_alternative<std::monostate>(*c.scalar("SELECT share FROM pg_funding WHERE amount = 1")));
  CHECK_FALSE(c.scalar("SELECT share FROM pg_funding WHERE amount = 2").has_value());
}

TEST_CASE("pg: copy_out gives every value as the server holds it: escapes, NULL, empty text, doubles exact") {
  PgConnection c(cluster().conninfo());
  c.exec("DROP TABLE IF EXISTS pg_copy; CREATE TABLE pg_copy(n int, note text, share double precision)");
  const std::vector<std::string> notes = {"Xã Thanh Minh", "tab\there", "two\nlines", "back\\slash \\N", "\r\b\f\v", ""};
  for (std::size_t i = 0; i < notes.size(); ++i)
    c.query("INSERT INTO pg_copy VALUES (?, ?, ?)", {Value{std::int64_t(i)}, Value{notes[i]}, Value{0.1 * static_cast<double>(i) + 1e-17}});
  c.query("INSERT INTO pg_copy VALUES (?, NULL, NULL)", {Value{std::int64_t{99}}});
  std::vector<std::vector<std::optional<std::string>>> rows;
  auto n = c.copy_out("SELECT n, note, share FROM pg_copy ORDER BY n", [&](const std::vector<std::optional<std::string_view>>& row) {
    auto& out = rows.emplace_back();
    for (const auto& v : row) out.push_back(v ? std::optional<std::string>(std::string(*v)) : std::nullopt);
  });
  CHECK(n == static_cast<std::int64_t>(notes.size()) + 1);
  REQUIRE(rows.size() == notes.size() + 1);
  for (std::size_t i = 0; i < notes.size(); ++i) {
    CAPTURE(i);
    REQUIRE(rows[i].size() == 3);
    CHECK(rows[i][0] == std::to_string(i));
    CHECK(rows[i][1] == notes[i]);   // the empty text is not NULL
    REQUIRE(rows[i][2].has_value());
    double parsed = 0;
    std::from_chars(rows[i][2]->data(), rows[i][2]->data() + rows[i][2]->size(), parsed);
    CHECK(parsed == 0.1 * static_cast<double>(i) + 1e-17);
  }
  CHECK(rows.back()[0] == "99");
  CHECK_FALSE(rows.back()[1].has_value());
  CHECK_FALSE(rows.back()[2].has_value());
  CHECK_THROWS_AS(c.copy_out("SELECT no_such_column FROM pg_copy", [](const auto&) {}), PgError);
  CHECK(integer(c.scalar("SELECT count(*) FROM pg_copy")) == 7);   // the connection still works
}

TEST_CASE("pg: a transaction not committed leaves the table as it was") {
  PgConnection c(cluster().conninfo());
  c.exec("DROP TABLE IF EXISTS pg_tx; CREATE TABLE pg_tx(id integer PRIMARY KEY, v bigint)");
  c.query("INSERT INTO pg_tx VALUES (1, 10)");
  {
    PgTransaction tx(c, {Isolation::RepeatableRead});
    CHECK(c.in_transaction());
    c.query("UPDATE pg_tx SET v = 99 WHERE id = 1");
    c.query("INSERT INTO pg_tx VALUES (2, 20)");
  }
  CHECK_FALSE(c.in_transaction());
  CHECK(integer(c.scalar("SELECT count(*) FROM pg_tx")) == 1);
  CHECK(integer(c.scalar("SELECT v FROM pg_tx WHERE id = 1")) == 10);

  SUBCASE("committed: it stays; a savepoint not committed undoes only its own part") {
    {
      PgTransaction tx(c);
      c.query("INSERT INTO pg_tx VALUES (2, 20)");
      {
        PgTransaction inner(c);
        c.query("INSERT INTO pg_tx VALUES (3, 30)");
      }
      tx.commit();
    }
    CHECK(integer(c.scalar("SELECT count(*) FROM pg_tx")) == 2);
    CHECK(integer(c.scalar("SELECT sum(v) FROM pg_tx")) == 30);
  }
  SUBCASE("read only: writes are refused") {
    PgTransaction tx(c, {Isolation::Serializable, true});
    CHECK(integer(c.scalar("SELECT v FROM pg_tx WHERE id = 1")) == 10);
    try {
      c.query("UPDATE pg_tx SET v = 0");
      FAIL("a read-only transaction wrote");
    } catch (const PgError& e) {
      CHECK(e.sqlstate() == "25006");
      CHECK(std::string(e.what()) == "SQL trên máy chủ PostgreSQL " + c.server() + ": giao dịch chỉ đọc không được ghi");
    }
  }
  SUBCASE("commit after a failed statement throws instead of rolling back in silence") {
    PgTransaction tx(c);
    c.query("INSERT INTO pg_tx VALUES (2, 20)");
    CHECK_THROWS_AS(c.query("INSERT INTO pg_tx VALUES (1, 1)"), PgError);   // duplicate key
    try {
      tx.commit();
      FAIL("commit of an aborted transaction succeeded");
    } catch (const PgError& e) {
      CHECK(e.sqlstate() == "25P02");
    }
    CHECK(integer(c.scalar("SELECT count(*) FROM pg_tx")) == 1);
  }
}

TEST_CASE("pg: conflicting SERIALIZABLE updates from two connections both land with run_transaction") {
  PgConnection setup(cluster().conninfo());
  setup.exec("DROP TABLE IF EXISTS pg_counter; CREATE TABLE pg_counter(id integer PRIMARY KEY, v bigint NOT NULL)");
  setup.query("INSERT INTO pg_counter VALUES (1, 0)");
  const TxOptions serializable{Isolation::Serializable};

  SUBCASE("one conflict, ordered by the test: the first body reads, the other commits, the first writes") {
    PgConnection a(cluster().conninfo());
    PgConnection b(cluster().conninfo());
    int b_attempts = 0;
    int bodies = 0;
    int a_attempts = ntm::store::run_transaction(a, serializable, [&](PgConnection& c) {
      std::int64_t v = integer(c.scalar("SELECT v FROM pg_counter WHERE id = 1"));   // a's snapshot
      if (++bodies == 1) {
        b_attempts = ntm::store::run_transaction(b, serializable, [](PgConnection& other) {
          other.query("UPDATE pg_counter SET v = v + 1 WHERE id = 1");
        });
      }
      c.query("UPDATE pg_counter SET v = ? WHERE id = 1", {Value{v + 1}});   // 40001 the first time
    });
    CHECK(b_attempts == 1);
    CHECK(a_attempts == 2);
    CHECK(bodies == 2);
    CHECK(integer(setup.scalar("SELECT v FROM pg_counter WHERE id = 1")) == 2);
  }
  SUBCASE("without retries, the same conflict fails with 40001") {
    PgConnection a(cluster().conninfo());
    PgConnection b(cluster().conninfo());
    try {
      ntm::store::run_transaction(a, serializable, [&](PgConnection& c) {
        std::int64_t v = integer(c.scalar("SELECT v FROM pg_counter WHERE id = 1"));
        b.query("UPDATE pg_counter SET v = v + 1 WHERE id = 1");   // autocommit
        c.query("UPDATE pg_counter SET v = ? WHERE id = 1", {Value{v + 1}});
      }, 1);
      FAIL("no serialization failure");
    } catch (const PgError& e) {
      CHECK(e.retryable());
      CHECK(e.sqlstate() == "40001");
      CHECK(std::string(e.what()) == "SQL trên máy chủ PostgreSQL " + a.server() +
                                         ": xung đột với một giao dịch đồng thời, cần chạy lại giao dịch");
    }
    CHECK_FALSE(a.in_transaction());
    CHECK(integer(setup.scalar("SELECT v FROM pg_counter WHERE id = 1")) == 1);
  }
  SUBCASE("two threads, read-then-write increments: every one lands") {
    // A body fails only when the other thread committed since its snapshot, so one increment
    // needs at most (other thread's increments + 1) attempts, whatever the timing.
    constexpr int kEach = 20;
    PgConnection a(cluster().conninfo());
    PgConnection b(cluster().conninfo());
    // No doctest assertion inside the threads: a failure is kept and checked after the join.
    auto worker = [&](PgConnection& conn, int& retries, std::string& error) {
      try {
        for (int i = 0; i < kEach; ++i) {
          retries += ntm::store::run_transaction(conn, serializable, [](PgConnection& c) {
            std::int64_t v = std::get<std::int64_t>(c.scalar("SELECT v FROM pg_counter WHERE id = 1").value());
            c.query("UPDATE pg_counter SET v = ? WHERE id = 1", {Value{v + 1}});
          }, kEach + 2) - 1;
        }
      } catch (const std::exception& e) {
        error = e.what();
      }
    };
    int retries_a = 0, retries_b = 0;
    std::string error_a, error_b;
    std::thread ta(worker, std::ref(a), std::ref(retries_a), std::ref(error_a));
    std::thread tb(worker, std::ref(b), std::ref(retries_b), std::ref(error_b));
    ta.join();
    tb.join();
    CHECK(error_a == "");
    CHECK(error_b == "");
    CHECK(integer(setup.scalar("SELECT v FROM pg_counter WHERE id = 1")) == 2 * kEach);
    MESSAGE("serialization retries: " << retries_a + retries_b);
  }
}

TEST_CASE("pg: statement_timeout from seconds") {
  PgConnection c(cluster().conninfo());
  c.set_statement_timeout(1.5);
  CHECK(text(c.scalar("SHOW statement_timeout")) == "1500ms");
  c.set_statement_timeout(0);
  CHECK(text(c.scalar("SHOW statement_timeout")) == "0");
  // The server cancels a statement that outlives its limit. pg_sleep(600) ends only by the
  // cancel, however slow the machine.
  c.set_statement_timeout(0.05);
  try {
    c.query("SELECT pg_sleep(600)");
    FAIL("pg_sleep(600) was not cancelled");
  } catch (const PgError& e) {
    CHECK(e.sqlstate() == "57014");
    CHECK(std::string(e.what()) == "SQL trên máy chủ PostgreSQL " + c.server() +
                                       ": câu lệnh chạy quá thời gian cho phép (statement_timeout) hoặc bị huỷ");
  }
  CHECK(integer(c.scalar("SELECT 1")) == 1);   // the connection is still usable
}
