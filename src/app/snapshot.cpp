#include "app/snapshot.h"

#include <unistd.h>

#include <map>
#include <random>
#include <stdexcept>
#include <vector>

#include "app/paths.h"
#include "app/store_province.h"
#include "model/i18n.h"
#include "store/connection.h"
#include "store/database.h"
#include "store/pg_connection.h"
#include "store/pg_schema.h"
#include "store/schema.h"

namespace ntm::app {

namespace {

namespace fs = std::filesystem;

// The snapshot files of this process, removed when it ends (not by a forked child).
struct Snapshots {
  std::map<std::string, SnapshotInfo> by_address;
  std::vector<fs::path> work;   // working copies (ServerWork)
  pid_t owner = ::getpid();
  ~Snapshots() {
    if (::getpid() != owner) return;
    std::vector<fs::path> files = work;
    for (const auto& [address, info] : by_address) files.push_back(info.path);
    for (const auto& file : files)
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ec;
        fs::remove(file.string() + suffix, ec);
      }
  }
};

Snapshots& snapshots() {
  static Snapshots all;
  return all;
}

fs::path new_snapshot_path(const char* kind = "snapshot") {
  std::random_device random;
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  return dir / ("ntm-" + std::string(kind) + "-" + std::to_string(::getpid()) + "-" + std::to_string(random()) + ".db");
}

std::string quoted_columns(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "\"" : ", \"") + c + "\"";
  return out;
}

SnapshotInfo take(const std::string& address) {
  store::PgConnection server(address);
  SnapshotInfo info{new_snapshot_path(), server.server(), server.database()};
  require_current_schema(server);
  // Registered before it exists: whatever happens next, the file goes when the process ends.
  snapshots().by_address[address] = info;
  store::Database copy(info.path, store::OpenMode::Create);
  store::migrate(copy, data_dir() / "db");
  copy.exec("PRAGMA foreign_keys = OFF");
  std::vector<std::string> tables;
  {
    auto st = copy.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
                           "AND name <> 'value_pack' ORDER BY name");
    while (st.step()) tables.push_back(st.get_text(0));
  }
  store::Transaction write(copy);
  store::PgTransaction read(server, {store::Isolation::RepeatableRead, true});
  for (const auto& table : tables) {
    std::vector<std::string> columns;
    auto st = copy.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
    st.bind(1, table);
    while (st.step()) columns.push_back(st.get_text(0));
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) marks += i ? ", ?" : "?";
    // The schema version is the file's user_version, not a row of meta. Read through a cursor, a
    // slice at a time: a national table does not have to fit in memory twice.
    server.exec("DECLARE ntm_snapshot NO SCROLL CURSOR FOR SELECT " + quoted_columns(columns) + " FROM \"" + table + "\"" +
                (table == "meta" ? " WHERE key <> 'schema_version'" : ""));
    auto insert = copy.prepare("INSERT INTO \"" + table + "\" (" + quoted_columns(columns) + ") VALUES (" + marks + ")");
    for (;;) {
      auto rows = server.query("FETCH 20000 FROM ntm_snapshot");
      for (const auto& row : rows.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) insert.bind(static_cast<int>(i) + 1, row[i]);
        insert.run();
      }
      info.rows += static_cast<std::int64_t>(rows.rows.size());
      if (rows.rows.size() < 20000) break;
    }
    server.exec("CLOSE ntm_snapshot");
    ++info.tables;
  }
  read.commit();
  write.commit();
  copy.exec("PRAGMA foreign_keys = ON");
  if (copy.scalar("SELECT 1 FROM pragma_foreign_key_check LIMIT 1"))
    throw std::runtime_error(tr("bản chụp của máy chủ PostgreSQL ", "the snapshot of the PostgreSQL server ") + info.server +
                             tr(" có dòng tham chiếu tới đơn vị hoặc bộ tiêu chí không có", " has rows referring to missing units or sets"));
  snapshots().by_address[address] = info;
  return info;
}

}  // namespace

const SnapshotInfo& postgres_snapshot(const std::string& address) {
  auto& all = snapshots().by_address;
  if (auto it = all.find(address); it != all.end() && it->second.tables > 0) return it->second;
  take(address);
  return all.at(address);
}

ServerWork::ServerWork(std::string address) : address_(std::move(address)) {
  const SnapshotInfo& base = postgres_snapshot(address_);
  work_ = new_snapshot_path("work");
  snapshots().work.push_back(work_);
  fs::copy_file(base.path, work_);
}

std::vector<TableChange> ServerWork::push() const { return push_changes(snapshot().path, work_, address_); }

}  // namespace ntm::app
