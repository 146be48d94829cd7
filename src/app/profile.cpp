// Province profile files: TOML read with toml++ (Debian's libtomlplusplus-dev).
#include "app/profile.h"

#include <fstream>
#include <regex>
#include <sstream>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "model/i18n.h"
#include "report/docx_read.h"

namespace ntm::app {

namespace fs = std::filesystem;

namespace {

std::string where(const fs::path& file, const toml::source_region& at) {
  return file.string() + ":" + std::to_string(at.begin.line);
}

[[noreturn]] void bad(const fs::path& file, const toml::node& node, const std::string& what) {
  throw ProfileError(where(file, node.source()) + ": " + what);
}

// Fails on a key of `table` not in `allowed`.
void only(const fs::path& file, const toml::table& table, std::initializer_list<std::string_view> allowed,
          const std::string& section) {
  for (const auto& [key, value] : table) {
    bool known = false;
    for (auto a : allowed) known = known || key.str() == a;
    if (!known) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      bad(file, value, tr("khóa lạ '", "unknown key '") + std::string(key.str()) + "'" +
                           (section.empty() ? "" : tr(" trong [", " in [") + section + "]") + tr(" (dùng: ", " (use: ") + list + ")");
    }
  }
}

std::string text(const fs::path& file, const toml::node& node, const std::string& key) {
  if (!node.is_string()) bad(file, node, key + tr(" phải là chuỗi", " must be a string"));
  return *node.value<std::string>();
}

// A string or an array of strings.
std::vector<std::string> lines(const fs::path& file, const toml::node& node, const std::string& key) {
  std::vector<std::string> out;
  if (node.is_string()) return {*node.value<std::string>()};
  const toml::array* a = node.as_array();
  if (!a) bad(file, node, key + tr(" phải là chuỗi hoặc danh sách chuỗi", " must be a string or a list of strings"));
  for (const auto& item : *a) out.push_back(text(file, item, key));
  return out;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ProfileError(tr("không đọc được tệp '", "cannot read file '") + path.string() + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Word paragraphs as Markdown lines: "Heading 1" → "# ", "Heading 2/3" → "## "/"### ",
// a numbered or bulleted paragraph → "- ", others plain, one blank line after each.
std::string docx_as_markdown(const fs::path& path) {
  std::string xml = report::read_zip_entry(path, "word/document.xml");
  std::string out;
  static const std::regex para("<w:p[ >][\\s\\S]*?</w:p>"), style("<w:pStyle w:val=\"([^\"]*)\""),
      run_text("<w:t(?: [^>]*)?>([^<]*)</w:t>");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), para); it != std::sregex_iterator(); ++it) {
    std::string p = it->str(), body;
    for (auto t = std::sregex_iterator(p.begin(), p.end(), run_text); t != std::sregex_iterator(); ++t)
      body += report::xml_unescape((*t)[1].str());
    if (body.find_first_not_of(" \t") == std::string::npos) continue;
    std::smatch m;
    std::string s = std::regex_search(p, m, style) ? m[1].str() : "";
    std::string folded = fold(s);
    std::string prefix;
    if (folded.rfind("heading1", 0) == 0 || folded.rfind("heading 1", 0) == 0 || folded == "tieude1") prefix = "# ";
    else if (folded.rfind("heading2", 0) == 0 || folded.rfind("heading 2", 0) == 0) prefix = "## ";
    else if (folded.rfind("heading3", 0) == 0 || folded.rfind("heading 3", 0) == 0) prefix = "### ";
    else if (p.find("<w:numPr>") != std::string::npos) prefix = "- ";
    out += prefix + body + "\n\n";
  }
  return out;
}

}  // namespace

report::Prose load_prose(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  try {
    if (ext == ".docx") return report::parse_prose(docx_as_markdown(path), path.string());
    return report::parse_prose(slurp(path), path.string());
  } catch (const report::ProseError& e) {
    throw ProfileError(e.what());
  } catch (const std::runtime_error& e) {
    throw ProfileError(tr("không đọc được văn bản '", "cannot read the text file '") + path.string() + "': " + e.what());
  }
}

Profile load_profile(const fs::path& path) {
  Profile p;
  p.file = path;
  toml::table root;
  try {
    root = toml::parse(slurp(path), path.string());
  } catch (const toml::parse_error& e) {
    throw ProfileError(path.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  only(path, root, {"document", "signer", "numbers", "text"}, "");
  auto section = [&](const char* name) -> const toml::table* {
    const toml::node* n = root.get(name);
    if (!n) return nullptr;
    if (!n->is_table()) bad(path, *n, std::string("[") + name + tr("] phải là một bảng", "] must be a table"));
    return n->as_table();
  };
  if (const toml::table* d = section("document")) {
    only(path, *d, {"issuer", "number", "place", "recipients"}, "document");
    if (auto n = d->get("issuer")) p.issuer = lines(path, *n, "issuer");
    if (auto n = d->get("number")) p.number = text(path, *n, "number");
    if (auto n = d->get("place")) p.place = text(path, *n, "place");
    if (auto n = d->get("recipients")) p.recipients = lines(path, *n, "recipients");
  }
  if (const toml::table* s = section("signer")) {
    only(path, *s, {"role", "name"}, "signer");
    if (auto n = s->get("role")) p.signer_role = lines(path, *n, "role");
    if (auto n = s->get("name")) p.signer_name = text(path, *n, "name");
  }
  if (const toml::table* s = section("numbers")) {
    only(path, *s, {"decimals", "rounding", "money_unit"}, "numbers");
    if (auto n = s->get("decimals")) {
      auto v = n->value<int64_t>();
      if (!n->is_integer() || !v || *v < 0 || *v > 6) bad(path, *n, tr("decimals phải là số nguyên từ 0 đến 6", "decimals must be an integer 0 to 6"));
      p.decimals = static_cast<int>(*v);
    }
    if (auto n = s->get("rounding")) {
      Rounding r;
      if (!parse_rounding(text(path, *n, "rounding"), r))
        bad(path, *n, tr("rounding phải là half-up, half-even hoặc truncate", "rounding must be half-up, half-even or truncate"));
      p.rounding = r;
    }
    if (auto n = s->get("money_unit")) {
      p.money_unit = text(path, *n, "money_unit");
      if (p.money_unit != "trieu" && p.money_unit != "ty") bad(path, *n, tr("money_unit phải là trieu hoặc ty", "money_unit must be trieu or ty"));
    }
  }
  if (const toml::table* s = section("text")) {
    only(path, *s, {"file"}, "text");
    if (auto n = s->get("file")) {
      fs::path f = text(path, *n, "file");
      if (f.is_relative()) f = path.parent_path() / f;
      p.prose_file = f;
      p.prose = load_prose(f);
    }
  }
  return p;
}

}  // namespace ntm::app
