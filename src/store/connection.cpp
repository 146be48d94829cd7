#include "store/connection.h"

#include <optional>
#include <utility>
#include <variant>

namespace ntm::store {

std::string Connection::same(std::string_view column) const {
  std::string c(column);
  return engine() == Engine::Sqlite ? c + " IS ?" : c + " IS NOT DISTINCT FROM ?";
}

namespace {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(Database& db) : db_(db) {}
  explicit SqliteConnection(Database&& db) : owned_(std::move(db)), db_(*owned_) {}

  Rows query(std::string_view sql, const std::vector<Value>& params) override {
    Statement st = db_.prepare(sql);
    for (std::size_t i = 0; i < params.size(); ++i) st.bind(static_cast<int>(i) + 1, params[i]);
    Rows rows;
    const int columns = st.column_count();
    for (int c = 0; c < columns; ++c) rows.columns.push_back(st.column_name(c));
    while (st.step()) {
      auto& row = rows.rows.emplace_back();
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) row.push_back(st.get(c));
    }
    if (!st.read_only()) rows.affected = db_.changes();
    return rows;
  }

  Engine engine() const override { return Engine::Sqlite; }

  std::string location() const override { return db_.path().string(); }
  std::string database() const override { return ""; }

  void write(const std::function<void()>& body) override {
    Transaction tx(db_, true);
    body();
    tx.commit();
  }

  void read(const std::function<void()>& body) override {
    if (db_.in_transaction()) return body();
    Transaction tx(db_, false);
    body();
    tx.commit();
  }

 private:
  std::optional<Database> owned_;
  Database& db_;
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PgConnection& conn) : conn_(conn) {}
  explicit PostgresConnection(PgConnection&& conn) : owned_(std::move(conn)), conn_(*owned_) {}

  Rows query(std::string_view sql, const std::vector<Value>& params) override { return conn_.query(sql, params); }

  Engine engine() const override { return Engine::Postgres; }

  std::string location() const override { return conn_.server(); }
  std::string database() const override { return conn_.database(); }

  void write(const std::function<void()>& body) override {
    run_transaction(conn_, {Isolation::Serializable, false}, [&](PgConnection&) { body(); });
  }

  void read(const std::function<void()>& body) override {
    if (conn_.in_transaction()) return body();
    run_transaction(conn_, {Isolation::RepeatableRead, true}, [&](PgConnection&) { body(); });
  }

 private:
  std::optional<PgConnection> owned_;
  PgConnection& conn_;
};

}  // namespace

std::int64_t province_identity(Connection& conn, const std::string& code) {
  Rows rows = conn.query(
      "SELECT u.id, EXISTS (SELECT 1 FROM unit_period p WHERE p.unit_id = u.id AND p.valid_to IS NULL) "
      "FROM unit u WHERE u.kind = 'province' AND u.code = ? ORDER BY u.id",
      {code});
  std::vector<std::int64_t> open;
  for (const auto& row : rows.rows)
    if (std::get<std::int64_t>(row[1]) != 0) open.push_back(std::get<std::int64_t>(row[0]));
  if (open.size() == 1) return open.front();
  if (open.empty() && rows.rows.size() == 1) return std::get<std::int64_t>(rows.rows.front()[0]);
  return rows.rows.empty() ? 0 : -1;
}

std::unique_ptr<Connection> sqlite_connection(Database&& db) { return std::make_unique<SqliteConnection>(std::move(db)); }
std::unique_ptr<Connection> sqlite_connection(Database& db) { return std::make_unique<SqliteConnection>(db); }

std::unique_ptr<Connection> postgres_connection(PgConnection&& conn) {
  return std::make_unique<PostgresConnection>(std::move(conn));
}
std::unique_ptr<Connection> postgres_connection(PgConnection& conn) { return std::make_unique<PostgresConnection>(conn); }

}  // namespace ntm::store
