#include "app/project.h"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "app/paths.h"
#include "model/i18n.h"

namespace ntm::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFileName = "ntm.toml";

// A value that is a path, resolved against the file's folder; a PostgreSQL address in `db` is not.
bool is_path_value(const std::string& key, const std::string& value) {
  return key == "profile" || (key == "db" && !is_postgres_address(value));
}

std::string known_keys_text() {
  std::string list;
  for (const auto& k : project_keys()) list += (list.empty() ? "" : ", ") + k;
  return list;
}

// "ntm.toml dòng 3, cột 7: "
std::string place(const fs::path& file, const toml::source_position& at) {
  return file.string() + tr(" dòng ", " line ") + std::to_string(at.line) + tr(", cột ", ", column ") +
         std::to_string(at.column) + ": ";
}

// A year as text, or "" when `text` is not one.
std::string checked_year(const std::string& text) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end || v < 1990 || v > 2100) return {};
  return std::to_string(v);
}

// The file's keys in project_keys() order, as TOML: strings quoted and escaped by toml++,
// the year a bare integer.
std::string render(const std::map<std::string, std::string>& raw) {
  std::ostringstream out;
  out << tr("# Mặc định của dự án ntm. Sửa bằng: ntm config set KHÓA GIÁ_TRỊ (xem: ntm config list).\n",
            "# ntm project defaults. Change with: ntm config set KEY VALUE (see: ntm config list).\n");
  for (const auto& key : project_keys()) {
    auto it = raw.find(key);
    if (it == raw.end()) continue;
    toml::table one;
    if (key == "year") one.insert(key, static_cast<std::int64_t>(std::stoll(it->second)));
    else one.insert(key, it->second);
    out << one << "\n";
  }
  return out.str();
}

void write_file(const fs::path& file, const std::string& text) {
  fs::path temp = file;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error(tr("không ghi được ", "cannot write ") + file.string());
  }
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::runtime_error(tr("không ghi được ", "cannot write ") + file.string());
  }
}

}  // namespace

std::optional<std::string> Project::get(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

const std::vector<std::string>& project_keys() {
  static const std::vector<std::string> keys{"db", "province", "year", "set", "profile"};
  return keys;
}

Project read_project(const fs::path& file) {
  Project project;
  project.file = file;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return project;
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    std::string detail = current_lang() == Lang::En ? std::string(" (") + std::string(e.description()) + ")" : "";
    throw std::runtime_error(place(file, e.source().begin) +
                             tr("sai cú pháp TOML (mỗi dòng viết khóa = \"giá trị\")",
                                "invalid TOML (write one key = \"value\" per line)") +
                             detail);
  }
  fs::path folder = file.parent_path();
  for (const auto& [key_node, node] : table) {
    std::string key(key_node.str());
    const toml::source_position at = key_node.source().begin;
    bool known = false;
    for (const auto& k : project_keys()) known = known || k == key;
    if (!known)
      throw std::runtime_error(place(file, at) + tr("khóa '", "unknown key '") + key + tr("' không dùng được (có: ", "' (known: ") +
                               known_keys_text() + ")");
    std::string text;
    if (key == "year") {
      if (auto v = node.value<std::int64_t>()) text = checked_year(std::to_string(*v));
      else if (auto s = node.value<std::string>()) text = checked_year(*s);
      if (text.empty())
        throw std::runtime_error(place(file, at) + tr("year phải là một năm từ 1990 đến 2100", "year must be a year from 1990 to 2100"));
    } else {
      auto s = node.value<std::string>();
      if (!s) {
        if (auto i = node.value<std::int64_t>(); i && key == "province") s = std::to_string(*i);   // a province code
      }
      if (!s)
        throw std::runtime_error(place(file, at) + key + tr(" phải là một chuỗi trong dấu ngoặc kép", " must be a quoted string"));
      text = *s;
    }
    project.raw[key] = text;
    if (is_path_value(key, text) && !text.empty() && fs::path(text).is_relative() && !folder.empty())
      project.values[key] = (folder / text).lexically_normal().string();
    else
      project.values[key] = text;
  }
  return project;
}

std::optional<fs::path> local_project_file() {
  std::error_code ec;
  if (fs::is_regular_file(kFileName, ec)) return fs::path(kFileName);
  return std::nullopt;
}

Project project_for(const fs::path& db) {
  if (auto local = local_project_file()) return read_project(*local);
  fs::path beside = db.parent_path() / kFileName;
  std::error_code ec;
  if (fs::is_regular_file(beside, ec)) return read_project(beside);
  return Project{};
}

void set_project_value(const fs::path& file, const std::string& key, const std::string& value) {
  bool known = false;
  for (const auto& k : project_keys()) known = known || k == key;
  if (!known)
    throw std::invalid_argument(tr("không có khóa '", "no key '") + key + tr("' (có: ", "' (known: ") + known_keys_text() + ")");
  std::string text = value;
  if (key == "year") {
    text = checked_year(value);
    if (text.empty())
      throw std::invalid_argument(tr("year phải là một năm từ 1990 đến 2100, nhận '", "year must be a year from 1990 to 2100, got '") +
                                  value + "'");
  }
  if (text.empty()) throw std::invalid_argument(tr("giá trị của ", "the value of ") + key + tr(" đang trống", " is empty"));
  // A path given from the current folder is stored relative to the file's own folder.
  if (is_path_value(key, text) && fs::path(text).is_relative())
    text = fs::absolute(text).lexically_normal().lexically_relative(fs::absolute(file).parent_path()).string();
  Project project = read_project(file);
  project.raw[key] = text;
  write_file(file, render(project.raw));
}

bool unset_project_value(const fs::path& file, const std::string& key) {
  Project project = read_project(file);
  if (!project.raw.erase(key)) return false;
  write_file(file, render(project.raw));
  return true;
}

}  // namespace ntm::app
