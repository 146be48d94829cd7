#include "support.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sys/wait.h>
#include <zip.h>

#include <doctest/doctest.h>
#include <algorithm>
#include <map>
#include <vector>
#include <sstream>

#include "app/init.h"
#include "app/paths.h"
#include "app/run.h"
#include "store/database.h"

namespace ntm::test {

namespace fs = std::filesystem;

namespace {

void remove_temp_dir() {
  std::error_code ec;
  fs::remove_all(temp_dir(), ec);
}

}  // namespace

fs::path temp_dir() {
  static fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("ntm-test-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  // Registered after `dir` is built, so it runs before `dir` is destroyed.
  static bool registered = (std::atexit(remove_temp_dir), true);
  (void)registered;
  return dir;
}

namespace {

fs::path build_db(const std::string& sample) {
  return app::ensure_database(temp_dir() / ((sample.empty() ? std::string("reference") : sample) + ".db"), sample);
}

}  // namespace

const fs::path& reference_db() {
  static fs::path path = build_db("");
  return path;
}

const fs::path& sample_db(const std::string& name) {
  static std::map<std::string, fs::path> built;
  auto it = built.find(name);
  if (it == built.end()) it = built.emplace(name, build_db(name)).first;
  return it->second;
}

LuaResult run_lua(const std::string& source, const fs::path& db, lua::Limits limits, const std::string& name) {
  fs::path script = temp_dir() / (name + ".lua");
  {
    std::ofstream out(script, std::ios::binary);
    out << source;
  }
  std::ostringstream out, err;
  LuaResult result;
  try {
    app::run_script(db, script, {}, limits, out, err);
    result.ok = true;
  } catch (const lua::ScriptError& e) {
    result.kind = e.kind;
    result.message = e.what();
    result.file = e.file;
    result.line = e.line;
  }
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::string> unzip(const fs::path& path) {
  std::map<std::string, std::string> out;
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &err);
  REQUIRE_MESSAGE(za != nullptr, path.string());
  zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    REQUIRE(zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) == 0);
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(f != nullptr);
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    CHECK(zip_fread(f, bytes.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    out[st.name] = bytes;
  }
  zip_close(za);
  return out;
}

std::string Command::messages() const {
  std::istringstream in(err);
  std::string line, kept;
  while (std::getline(in, line))
    if (line.rfind("[ntm] sha256 ", 0) != 0) kept += line + "\n";
  return kept;
}

Command ntm(const std::string& args, const fs::path& cwd) { return shell(std::string("'") + NTM_BINARY + "' " + args, cwd); }

Command shell(const std::string& line, const fs::path& cwd) {
  static int counter = 0;
  fs::path out = temp_dir() / ("cmd-" + std::to_string(++counter) + ".out");
  fs::path err = temp_dir() / ("cmd-" + std::to_string(counter) + ".err");
  std::string command;
  if (!cwd.empty()) command += "cd '" + cwd.string() + "' && ";
  command += "{ " + line + " ; } >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
  int raw = std::system(command.c_str());
  Command result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

std::string province_rows(const fs::path& path) {
  store::Database db(path, store::OpenMode::ReadOnly);
  std::string all;
  for (const char* table : {"indicator_value", "criterion_status", "recognition", "funding", "target", "statistic",
                            "ocop_product", "unit_class", "unit_tag", "province_set"}) {
    std::string unit_column = std::string(table) == "province_set" ? "province_id" : "unit_id";
    auto st = db.prepare(std::string("SELECT u.code, t.* FROM ") + table + " t JOIN unit u ON u.id = t." + unit_column);
    std::vector<std::string> rows;
    while (st.step()) {
      std::string row = table;
      for (int c = 0; c < st.column_count(); ++c) {
        std::string name = st.column_name(c);
        if (name == "unit_id" || name == "province_id" || name == "id" || name == "run_id") continue;
        row += "|" + (st.is_null(c) ? std::string("NULL") : st.get_text(c));
      }
      rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    for (const auto& r : rows) all += r + "\n";
  }
  return all;
}

}  // namespace ntm::test
