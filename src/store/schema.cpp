#include "store/schema.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/csv.h"

namespace ntm::store {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("không đọc được tệp " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

namespace {

std::vector<fs::path> sorted_files(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

namespace {

// Runs `body` as one migration step: foreign keys off (a rebuilt table must not cascade
// into the tables that reference it) and table renames that leave references by name alone,
// then a foreign-key check before the commit, then both settings restored.
template <typename F>
void migration_step(Database& db, F&& body) {
  db.exec("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON");
  try {
    Transaction tx(db);
    body();
    auto broken = db.prepare("SELECT \"table\", parent FROM pragma_foreign_key_check LIMIT 1");
    if (broken.step())
      throw DbError(0, "nâng cấp lược đồ để lại tham chiếu hỏng: bảng " + broken.get_text(0) + " → " + broken.get_text(1));
    tx.commit();
  } catch (...) {
    db.exec("PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON");
    throw;
  }
  db.exec("PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON");
}

}  // namespace

int migrate(Database& db, const fs::path& db_dir) {
  int version = db.user_version();
  if (version > kSchemaVersion)
    throw DbError(0, "cơ sở dữ liệu có phiên bản lược đồ " + std::to_string(version) +
                         ", mới hơn phiên bản chương trình hiểu (" + std::to_string(kSchemaVersion) +
                         "): hãy cập nhật ntm");
  if (version == 0) {
    Transaction tx(db);
    db.exec(read_file(db_dir / "schema.sql"));
    db.set_user_version(1);
    tx.commit();
    version = 1;
  }
  for (const auto& file : sorted_files(db_dir / "migrations", ".sql")) {
    int target = std::atoi(file.filename().string().c_str());
    if (target <= version) continue;
    migration_step(db, [&] {
      try {
        db.exec(read_file(file));
      } catch (const DbError& e) {
        throw DbError(e.code(), file.filename().string() + ": " + e.what());
      }
      db.set_user_version(target);
    });
    version = target;
  }
  return version;
}

void load_base_units(Database& db, const fs::path& csv_path) {
  auto rows = parse_csv(read_file(csv_path));
  if (rows.empty()) throw std::runtime_error(csv_path.string() + ": tệp rỗng");
  const std::vector<std::string> expected = {"code", "level", "type", "name", "name_with_type", "parent_code"};
  if (rows[0].fields != expected)
    throw std::runtime_error(csv_path.string() + ": dòng tiêu đề phải là code,level,type,name,name_with_type,parent_code");
  auto where = [&](const CsvRow& r) { return csv_path.string() + ":" + std::to_string(r.line) + ": "; };
  // Parents are named by code and the file is sorted by code (communes before their
  // district): create every identity first, then the periods.
  Statement unit = db.prepare("INSERT INTO unit(code, kind) VALUES (?, ?)");
  std::map<std::string, std::int64_t> id_of;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    if (f.size() != 6) throw std::runtime_error(where(rows[i]) + "cần 6 cột");
    if (id_of.count(f[0])) throw std::runtime_error(where(rows[i]) + "mã " + f[0] + " lặp lại");
    try {
      unit.bind(1, f[0]).bind(2, f[1]).run();
    } catch (const DbError& e) {
      throw DbError(e.code(), where(rows[i]) + e.what());
    }
    id_of[f[0]] = std::get<std::int64_t>(*db.scalar("SELECT last_insert_rowid()"));
  }
  Statement period = db.prepare(
      "INSERT INTO unit_period(unit_id, type, name, name_with_type, parent_id) VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    period.bind(1, id_of[f[0]]).bind(2, f[2]).bind(3, f[3]).bind(4, f[4]);
    if (f[5].empty()) {
      period.bind_null(5);
    } else {
      auto parent = id_of.find(f[5]);
      if (parent == id_of.end()) throw std::runtime_error(where(rows[i]) + "không có đơn vị cấp trên mã " + f[5]);
      period.bind(5, parent->second);
    }
    try {
      period.run();
    } catch (const DbError& e) {
      throw DbError(e.code(), where(rows[i]) + e.what());
    }
  }
}

std::vector<std::string> load_reference_sql(Database& db, const fs::path& db_dir) {
  std::vector<std::string> ran;
  auto done = db.prepare("SELECT 1 FROM meta WHERE key = ?");
  auto record = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, datetime('now'))");
  for (const auto& file : sorted_files(db_dir / "reference", ".sql")) {
    std::string key = "reference:" + file.filename().string();
    done.bind(1, key);
    bool already = done.step();
    done.reset();
    if (already) continue;
    try {
      db.exec(read_file(file));
    } catch (const DbError& e) {
      throw DbError(e.code(), file.string() + ": " + e.what());
    }
    record.bind(1, key).run();
    ran.push_back(file.filename().string());
  }
  return ran;
}

}  // namespace ntm::store
