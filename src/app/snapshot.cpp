#include "app/snapshot.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string_view>
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
  ~Snapshots() { remove(); }
  void remove() {
    if (::getpid() != owner) return;
    std::vector<fs::path> files = work;
    for (const auto& [address, info] : by_address) files.push_back(info.path);
    for (const auto& file : files)
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ec;
        fs::remove(file.string() + suffix, ec);
      }
    work.clear();
    by_address.clear();
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

// A value of COPY's text output bound as the column's type: integers and doubles parsed here
// (std::from_chars is exact, and PostgreSQL prints doubles in their shortest exact form), so the
// file holds the very numbers the server does.
void bind_text(store::Statement& st, int index, const std::optional<std::string_view>& text, char kind) {
  if (!text) {
    st.bind_null(index);
    return;
  }
  const char* first = text->data();
  const char* last = first + text->size();
  if (kind == 'i') {
    std::int64_t i = 0;
    if (auto [end, ec] = std::from_chars(first, last, i); ec == std::errc() && end == last) {
      st.bind(index, i);
      return;
    }
  } else if (kind == 'r') {
    double d = 0;
    if (auto [end, ec] = std::from_chars(first, last, d); ec == std::errc() && end == last) {
      st.bind(index, d);
      return;
    }
  }
  st.bind(index, *text);
}

}  // namespace

void remove_snapshot_files() { snapshots().remove(); }

namespace {

SnapshotInfo take(const std::string& address) {
  store::PgConnection server(address);
  SnapshotInfo info{new_snapshot_path(), server.server(), server.database()};
  require_current_schema(server);
  // Registered before it exists: whatever happens next, the file goes when the process ends.
  snapshots().by_address[address] = info;
  store::Database copy(info.path, store::OpenMode::Create);
  // A file of this process only, rebuilt from the server if lost: no reason to wait for the disk.
  copy.exec("PRAGMA synchronous = OFF");
  store::migrate(copy, data_dir() / "db");
  copy.exec("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536");
  // The triggers that keep value_pack in step have nothing to do in a new file, and would run a
  // DELETE per value loaded: set aside while loading, put back as they were.
  std::vector<std::string> triggers;
  {
    std::vector<std::string> names;
    auto st = copy.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'value_pack_stale_%' ORDER BY name");
    while (st.step()) {
      names.push_back(st.get_text(0));
      triggers.push_back(st.get_text(1));
    }
    for (const auto& name : names) copy.exec("DROP TRIGGER \"" + name + "\"");
  }
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
    std::vector<char> kinds;   // 'i' integer, 'r' real, 't' anything else: how a column's text is bound
    std::vector<std::pair<std::int64_t, std::string>> key;   // primary key columns, by position in the key
    auto st = copy.prepare("SELECT name, upper(type), pk FROM pragma_table_info(?) ORDER BY cid");
    st.bind(1, table);
    while (st.step()) {
      columns.push_back(st.get_text(0));
      std::string type = st.get_text(1);
      kinds.push_back(type.find("INT") != std::string::npos ? 'i' : type == "REAL" ? 'r' : 't');
      if (st.get_int(2) > 0) key.emplace_back(st.get_int(2), "\"" + columns.back() + "\"");
    }
    std::sort(key.begin(), key.end());
    std::string order;
    for (const auto& [position, name] : key) order += (order.empty() ? " ORDER BY " : ", ") + name;
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) marks += i ? ", ?" : "?";
    auto insert = copy.prepare("INSERT INTO \"" + table + "\" (" + quoted_columns(columns) + ") VALUES (" + marks + ")");
    // One COPY per table: no value is allocated on the way. The schema version is the file's
    // user_version, not a row of meta.
    info.rows += server.copy_out("SELECT " + quoted_columns(columns) + " FROM \"" + table + "\"" +
                                     (table == "meta" ? " WHERE key <> 'schema_version'" : "") + order,
                                 [&](const std::vector<std::optional<std::string_view>>& row) {
                                   for (std::size_t i = 0; i < row.size(); ++i) bind_text(insert, static_cast<int>(i) + 1, row[i], kinds[i]);
                                   insert.run();
                                 });
    ++info.tables;
  }
  for (const auto& sql : triggers) copy.exec(sql);
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
