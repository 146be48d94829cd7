#include "app/paths.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "app/project.h"
#include "app/snapshot.h"
#include "model/i18n.h"

namespace ntm::app {

namespace fs = std::filesystem;

namespace {

fs::path find_data_dir(const char* home) {
  std::vector<fs::path> candidates;
  if (home) candidates.emplace_back(home);
  // Installed: PREFIX/bin/ntm finds PREFIX/share/ntm, whatever prefix `cmake --install` used.
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "ntm");
  candidates.emplace_back(NTM_SOURCE_DIR);
  candidates.emplace_back(NTM_INSTALL_DATADIR);
  for (const auto& c : candidates)
    if (fs::is_regular_file(c / "db" / "schema.sql")) return c;
  throw std::runtime_error(tr("không tìm thấy thư mục dữ liệu của ntm (db/schema.sql); đặt biến NTM_HOME",
                              "cannot find ntm's data folder (db/schema.sql); set NTM_HOME"));
}

}  // namespace

fs::path data_dir() {
  // Looked up once per process (and again if NTM_HOME changes): a national check asks for
  // it for each of its hundreds of scripts.
  static std::mutex lock;
  static std::optional<std::pair<std::string, fs::path>> found;   // NTM_HOME ("\0" unset), the folder
  const char* home = std::getenv("NTM_HOME");
  std::string key = home ? home : std::string(1, '\0');
  {
    std::lock_guard<std::mutex> hold(lock);
    if (found && found->first == key) return found->second;
  }
  fs::path dir = find_data_dir(home);
  std::lock_guard<std::mutex> hold(lock);
  found.emplace(key, dir);
  return dir;
}

std::vector<fs::path> script_dirs() {
  std::vector<fs::path> dirs;
  std::error_code ec;
  if (fs::is_directory("scripts", ec)) dirs.push_back(fs::absolute("scripts"));
  if (const char* home = std::getenv("HOME")) {
    fs::path user = fs::path(home) / ".local/share/ntm/scripts";
    if (fs::is_directory(user, ec)) dirs.push_back(user);
  }
  fs::path shipped = data_dir() / "scripts";
  bool seen = false;
  for (const auto& d : dirs) seen = seen || fs::equivalent(d, shipped, ec);
  if (!seen) dirs.push_back(shipped);
  return dirs;
}

std::optional<fs::path> find_script(const std::string& name, const std::string& kind) {
  return find_script(name, kind, script_dirs());
}

std::optional<fs::path> find_script(const std::string& name, const std::string& kind, const std::vector<fs::path>& dirs) {
  std::error_code ec;
  if (fs::is_regular_file(name, ec)) return fs::path(name);
  std::vector<std::string> names = {name};
  if (fs::path(name).extension() != ".lua") names.push_back(name + ".lua");
  std::vector<std::string> subdirs;
  if (!kind.empty()) subdirs.push_back(kind);
  subdirs.insert(subdirs.end(), {"", "checks", "reports", "allocations", "examples"});
  for (const auto& dir : dirs)
    for (const auto& sub : subdirs)
      for (const auto& n : names) {
        fs::path candidate = sub.empty() ? dir / n : dir / sub / n;
        if (fs::is_regular_file(candidate, ec)) return candidate;
      }
  return std::nullopt;
}

bool is_postgres_address(const std::string& setting) {
  if (setting.rfind("postgresql://", 0) == 0 || setting.rfind("postgres://", 0) == 0) return true;
  // "keyword = value ...": the keywords a conninfo string usually starts with.
  std::size_t start = setting.find_first_not_of(" \t");
  if (start == std::string::npos) return false;
  std::size_t end = start;
  while (end < setting.size() && ((setting[end] >= 'a' && setting[end] <= 'z') || setting[end] == '_')) ++end;
  std::size_t eq = setting.find_first_not_of(" \t", end);
  if (end == start || eq == std::string::npos || setting[eq] != '=') return false;
  static const std::vector<std::string> keywords = {
      "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service", "connect_timeout",
      "sslmode", "application_name", "options", "target_session_attrs", "client_encoding"};
  return std::find(keywords.begin(), keywords.end(), setting.substr(start, end - start)) != keywords.end();
}

std::string database_setting(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("NTM_DB"); env && *env) return env;
  if (auto local = local_project_file())
    if (auto db = read_project(*local).get("db")) return *db;
  return "ntm.db";
}

fs::path database_path(const std::string& flag, Access access) {
  std::string setting = database_setting(flag);
  if (!is_postgres_address(setting)) return setting;
  if (access == Access::Read) return postgres_snapshot(setting).path;
  throw SqliteOnly(tr("cơ sở dữ liệu là một máy chủ PostgreSQL, lệnh này chưa ghi được lên máy chủ: ghi vào một tệp SQLite "
                      "rồi gửi lên bằng ntm copy",
                      "the database is a PostgreSQL server; this command cannot write to a server yet: write to a SQLite "
                      "file, then send it with ntm copy"));
}

}  // namespace ntm::app
