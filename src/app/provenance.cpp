#include "app/provenance.h"

#include <chrono>
#include <ctime>
#include <sstream>

#include <sqlite3.h>

#include "app/paths.h"
#include "app/upgrade.h"
#include <iostream>
#include "model/i18n.h"
#include "store/schema.h"
#include "store/schema_check.h"

namespace ntm::app {

namespace fs = std::filesystem;

std::string script_label(const fs::path& script, const std::vector<fs::path>& dirs) {
  std::error_code ec;
  fs::path file = fs::weakly_canonical(script, ec);
  if (ec) return script.string();
  for (const auto& dir : dirs) {
    fs::path root = fs::weakly_canonical(dir, ec);
    if (ec) continue;
    fs::path rel = file.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  }
  return script.string();
}

void print_script_hashes(const ScriptHashes& scripts, std::ostream& out) {
  for (const auto& [path, sha] : scripts) out << "[ntm] sha256 " << sha << "  " << path << "\n";
}

std::string hashes_text(const ScriptHashes& scripts) {
  std::string text;
  for (const auto& [path, sha] : scripts) text += sha + "  " + path + "\n";
  return text;
}

store::Database open_for_writing(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw std::runtime_error(tr("chưa có cơ sở dữ liệu ", "no database at ") + path.string() +
                             tr(" (tạo bằng: ntm init)", " (create one with: ntm init)"));
  store::Database db(path, store::OpenMode::ReadWrite);
  // A file or folder this user may not write: say so now, before any work is done. (A
  // database busy with another writer waits here, up to the busy timeout.)
  bool writable = sqlite3_db_readonly(db.handle(), "main") == 0;
  if (writable) {
    try {
      db.exec("BEGIN IMMEDIATE; ROLLBACK");
    } catch (const store::DbError& e) {
      int primary = e.code() & 0xff;
      if (primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN) throw;
      writable = false;
    }
  }
  if (!writable)
    throw std::runtime_error(tr("không ghi được vào ", "cannot write to ") + path.string() +
                             tr(": tệp cơ sở dữ liệu (hoặc thư mục chứa nó) chỉ cho phép đọc; chép tệp vào một thư mục "
                                "ghi được rồi chỉ ra bằng --db",
                                ": the database file (or its folder) is read-only; copy it to a folder you can write "
                                "and name it with --db"));
  store::check_schema(db, data_dir() / "db");
  if (needs_upgrade(db)) {
    std::string what = upgrade_database(db);
    std::cerr << what << "\n";
  }
  return db;
}

std::int64_t record_saved_run(store::Database& db, const std::string& command, UnitId province,
                              std::optional<int> year, const ScriptHashes& scripts) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char created[32];
  std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
  auto run = db.prepare("INSERT INTO saved_run (command, province_id, year, created) VALUES (?, ?, ?, ?)");
  run.bind(1, command);
  if (!province) run.bind_null(2); else run.bind(2, province);
  if (year) run.bind(3, *year); else run.bind_null(3);
  run.bind(4, std::string(created));
  run.run();
  std::int64_t id = std::get<std::int64_t>(*db.scalar("SELECT last_insert_rowid()"));
  auto script = db.prepare("INSERT INTO saved_run_script (run_id, path, sha256) VALUES (?, ?, ?)");
  for (const auto& [path, sha] : scripts) {
    script.bind(1, id).bind(2, path).bind(3, sha);
    script.run();
  }
  return id;
}

ScriptHashes saved_run_scripts(const store::Database& db, std::int64_t run_id) {
  ScriptHashes out;
  if (db.user_version() < 2) return out;
  auto st = db.prepare("SELECT path, sha256 FROM saved_run_script WHERE run_id = ? ORDER BY path");
  st.bind(1, run_id);
  while (st.step()) out[st.get_text(0)] = st.get_text(1);
  return out;
}

}  // namespace ntm::app
