#include "store/schema_check.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <utility>

#include "model/hash.h"
#include "model/i18n.h"
#include "store/schema.h"

namespace ntm::store {

namespace fs = std::filesystem;

namespace {

struct Object {
  std::string type, table, sql;
};

// SQL text with runs of white space made one space, for comparing view and trigger bodies.
std::string normalized(const std::string& sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::map<std::string, Object> objects_of(const Database& db) {
  std::map<std::string, Object> out;
  auto st = db.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema");
  while (st.step()) out[st.get_text(1)] = Object{st.get_text(0), st.get_text(2), st.get_text(3)};
  return out;
}

// The migrations in db_dir/migrations, by version.
std::map<int, fs::path> migrations(const fs::path& db_dir) {
  std::map<int, fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(db_dir / "migrations", ec))
    if (e.path().extension() == ".sql") out[std::atoi(e.path().filename().string().c_str())] = e.path();
  return out;
}

// What ntm builds at `version`: schema.sql, then the migrations up to it, each applied with
// the settings store::migrate() applies it with (foreign keys off, legacy ALTER TABLE: the
// latter decides the SQL text a renamed table leaves in views and triggers).
std::map<std::string, Object> build_reference(const fs::path& db_dir, int version) {
  Database memory = Database::memory();
  memory.exec(read_file(db_dir / "schema.sql"));
  for (const auto& [target, file] : migrations(db_dir)) {
    if (target > version) continue;
    memory.exec("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON; BEGIN");
    memory.exec(read_file(file));
    memory.exec("COMMIT; PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON");
  }
  return objects_of(memory);
}

// Built once per process and version: a national check opens the database for every script
// of every province, and building the reference took 3/4 of its time.
const std::map<std::string, Object>& reference(const fs::path& db_dir, int version) {
  static std::mutex lock;
  static std::map<std::pair<std::string, int>, std::map<std::string, Object>> built;
  std::lock_guard<std::mutex> hold(lock);
  auto key = std::make_pair(db_dir.string(), version);
  auto it = built.find(key);
  if (it == built.end()) it = built.emplace(key, build_reference(db_dir, version)).first;
  return it->second;
}

bool internal(const std::string& name) {
  return name.rfind("sqlite_autoindex_", 0) == 0 || name == "sqlite_sequence" || name == "sqlite_stat1" ||
         name == "sqlite_stat4";
}

bool is_virtual(const Object& o) {
  std::string head = normalized(o.sql).substr(0, 20);
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::toupper(c); });
  return head.rfind("CREATE VIRTUAL TABLE", 0) == 0;
}

// The SHA-256 of a schema's objects (internal ones aside) in name order: name, type, table
// and SQL text with white space runs made one. Equal digests, the same objects.
std::string digest_of(const std::map<std::string, Object>& objects) {
  std::string text;
  for (const auto& [name, o] : objects) {
    if (internal(name)) continue;
    text.append(name).append(1, '\x1f').append(o.type).append(1, '\x1f').append(o.table).append(1, '\x1f');
    text.append(normalized(o.sql)).append(1, '\x1e');
  }
  return sha256_hex(text);
}

// db/schema-digests.txt: "VERSION SHA256" per line, "#" comments.
std::map<int, std::string> listed_digests(const fs::path& db_dir) {
  std::map<int, std::string> out;
  std::ifstream in(db_dir / "schema-digests.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    int version = 0;
    std::string digest;
    if (fields >> version >> digest && digest.size() == 64) out[version] = digest;
  }
  return out;
}

std::string describe(const std::string& name, const Object& o) {
  std::string kind = is_virtual(o) ? tr("bảng ảo", "virtual table")
                     : o.type == "table" ? tr("bảng", "table")
                     : o.type == "view"  ? "view"
                     : o.type == "trigger" ? "trigger"
                     : o.type == "index" ? tr("chỉ mục", "index") : o.type;
  std::string shown = name.size() > 80 ? name.substr(0, 80) + "…" : name;
  return kind + " '" + shown + "'";
}

}  // namespace

void check_schema(const Database& db, const fs::path& db_dir) {
  std::map<std::string, Object> actual = objects_of(db);
  int version = db.user_version();
  if (version == 0 && actual.empty()) return;
  const std::string file = db.path().string();
  auto all = migrations(db_dir);
  int newest = all.empty() ? 1 : std::max(1, all.rbegin()->first);
  if (version > newest)
    throw SchemaError(tr("cơ sở dữ liệu ", "the database ") + file + tr(" có phiên bản lược đồ ", " has schema version ") +
                          std::to_string(version) + tr(", mới hơn phiên bản chương trình hiểu (", ", newer than this program knows (") +
                          std::to_string(newest) + tr("): hãy cập nhật ntm", "): update ntm"),
                      {});
  // The common case without building the reference (about 30 ms, paid by every command):
  // the file's objects are exactly those ntm builds at its version, whose digest
  // db/schema-digests.txt lists (a test checks the list against the schema files). Any
  // difference, an added index included, goes the long way below.
  if (version > 0) {
    auto listed = listed_digests(db_dir);
    auto it = listed.find(version);
    if (it != listed.end() && it->second == digest_of(actual)) return;
  }
  static const std::map<std::string, Object> nothing;
  const std::map<std::string, Object>& expected = version == 0 ? nothing : reference(db_dir, version);
  std::vector<std::string> unknown;
  for (const auto& [name, o] : actual) {
    if (internal(name)) continue;
    auto it = expected.find(name);
    bool known = it != expected.end() && it->second.type == o.type;
    if (known && (o.type == "view" || o.type == "trigger")) known = normalized(o.sql) == normalized(it->second.sql);
    if (known && o.type == "table") known = is_virtual(o) == is_virtual(it->second);
    // An index someone added to speed up their own queries runs no code: accepted when it
    // indexes a table ntm knows.
    if (!known && it == expected.end() && o.type == "index" && expected.count(o.table)) known = true;
    if (!known) unknown.push_back(describe(name, o));
  }
  if (unknown.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < unknown.size() && i < 10; ++i) list += (i ? ", " : "") + unknown[i];
  if (unknown.size() > 10) list += tr(" và ", " and ") + std::to_string(unknown.size() - 10) + tr(" đối tượng khác", " more");
  throw SchemaError(
      tr("không dùng được cơ sở dữ liệu ", "cannot use the database ") + file +
          tr(": lược đồ không phải của ntm (", ": its schema is not ntm's (") + list +
          tr("). Một tệp cơ sở dữ liệu lạ có thể chứa đối tượng chạy mã khi được đọc, nên ntm không mở nó; "
             "hãy dùng tệp do ntm tạo (ntm init) và nhập số liệu bằng ntm import.",
             "). A foreign database file can hold objects that run code when read, so ntm does not open it; "
             "use a file made by ntm (ntm init) and bring data in with ntm import."),
      unknown);
}

std::string schema_digest(const Database& db) { return digest_of(objects_of(db)); }

std::string reference_digest(const fs::path& db_dir, int version) { return digest_of(build_reference(db_dir, version)); }

}  // namespace ntm::store
