// ntm doc [NAME]: the reference of the Lua API, generated from the annotation file that
// editors read (scripts/meta/ntm.lua, LuaCATS ---@ comments), so both say the same.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/paths.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

namespace {

struct Param {
  std::string name, type, text;
};

// One documented name: a class (with fields), a function or method, or a value.
struct Entry {
  enum class Kind { Class, Function, Value } kind = Kind::Function;
  std::string name;                 // "ntm.province", "Province:district", "Province"
  std::string signature;            // "ntm.province(name_or_code)"
  std::vector<std::string> text;    // description lines
  std::vector<Param> params, returns, fields;
  std::string type;                 // ---@type of a value
};

std::string trim(const std::string& s) {
  auto a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// Splits "name type rest of text" (the type may hold spaces inside braces or after '|').
Param split_tag(const std::string& body, bool named) {
  Param p;
  std::istringstream in(body);
  if (named) in >> p.name;
  std::string rest;
  std::getline(in, rest);
  rest = trim(rest);
  int depth = 0;
  std::size_t i = 0;
  for (; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '{' || c == '(' || c == '<' || c == '[') ++depth;
    else if (c == '}' || c == ')' || c == '>' || c == ']') --depth;
    else if (c == ' ' && depth == 0 && (i == 0 || (rest[i - 1] != ',' && rest[i - 1] != ':')) && (i + 1 >= rest.size() || rest[i + 1] != '|') &&
             rest[i - 1] != '|')
      break;
  }
  p.type = rest.substr(0, i);
  p.text = trim(i < rest.size() ? rest.substr(i) : "");
  if (!p.text.empty() && p.text[0] == '#') p.text = trim(p.text.substr(1));
  return p;
}

std::vector<Entry> parse_annotations(std::istream& in) {
  std::vector<Entry> entries;
  Entry pending;
  Entry* current_class = nullptr;
  std::string line;
  auto reset = [&] { pending = Entry{}; };
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.rfind("---@meta", 0) == 0) { reset(); continue; }
    if (t.rfind("---@class", 0) == 0) {
      Entry e;
      e.kind = Entry::Kind::Class;
      e.name = trim(t.substr(9));
      e.signature = e.name;
      e.text = pending.text;
      entries.push_back(e);
      current_class = &entries.back();
      reset();
      continue;
    }
    if (t.rfind("---@field", 0) == 0) {
      Param f = split_tag(trim(t.substr(9)), true);
      if (current_class) current_class->fields.push_back(f);
      continue;
    }
    if (t.rfind("---@param", 0) == 0) { pending.params.push_back(split_tag(trim(t.substr(9)), true)); continue; }
    if (t.rfind("---@return", 0) == 0) { pending.returns.push_back(split_tag(trim(t.substr(10)), false)); continue; }
    if (t.rfind("---@type", 0) == 0) { pending.type = trim(t.substr(8)); continue; }
    if (t.rfind("---@", 0) == 0) continue;   // other tags (@alias, @see...) are not printed
    if (t.rfind("---", 0) == 0) { pending.text.push_back(trim(t.substr(3))); continue; }
    if (t.rfind("--", 0) == 0) continue;     // plain comments are for the file's readers
    if (t.rfind("function ", 0) == 0) {
      std::string sig = trim(t.substr(9));
      if (auto end = sig.rfind(") end"); end != std::string::npos) sig = sig.substr(0, end + 1);
      pending.kind = Entry::Kind::Function;
      pending.signature = sig;
      pending.name = sig.substr(0, sig.find('('));
      entries.push_back(pending);
      current_class = nullptr;
      reset();
      continue;
    }
    if (t.empty()) {
      if (!pending.text.empty() && current_class && current_class->text.empty()) current_class->text = pending.text;
      reset();
      continue;
    }
    // An assignment: "ntm.version = ''" documents a value; "ntm = {}" / "local X = {}" belong to a class.
    auto eq = t.find('=');
    if (eq != std::string::npos && !pending.type.empty()) {
      pending.kind = Entry::Kind::Value;
      pending.name = trim(t.substr(0, eq));
      pending.signature = pending.name;
      entries.push_back(pending);
      current_class = nullptr;
    } else if (current_class && !pending.text.empty() && current_class->text.empty()) {
      current_class->text = pending.text;
    }
    reset();
  }
  return entries;
}

std::string returns_text(const Entry& e) {
  std::string r;
  for (const auto& p : e.returns) r += (r.empty() ? "" : ", ") + p.type;
  return r.empty() ? "" : " → " + r;
}

void print_entry(const Entry& e, std::ostream& out) {
  switch (e.kind) {
    case Entry::Kind::Class:
      out << "\n== " << e.name << " ==\n";
      for (const auto& l : e.text) out << l << "\n";
      if (!e.fields.empty()) {
        std::size_t width = 0;
        for (const auto& f : e.fields) width = std::max<std::size_t>(width, static_cast<std::size_t>(display_width(f.name)));
        for (const auto& f : e.fields)
          out << "  ." << f.name << std::string(width - static_cast<std::size_t>(display_width(f.name)) + 2, ' ') << f.type
              << (f.text.empty() ? "" : "  — " + f.text) << "\n";
      }
      break;
    case Entry::Kind::Function:
      out << "\n" << e.signature << returns_text(e) << "\n";
      for (const auto& l : e.text) out << "    " << l << "\n";
      for (const auto& p : e.params)
        out << "    @" << p.name << " " << p.type << (p.text.empty() ? "" : "  — " + p.text) << "\n";
      for (const auto& p : e.returns)
        if (!p.text.empty()) out << "    → " << p.type << "  — " << p.text << "\n";
      break;
    case Entry::Kind::Value:
      out << "\n" << e.name << ": " << e.type << "\n";
      for (const auto& l : e.text) out << "    " << l << "\n";
      break;
  }
}

}  // namespace

void add_doc(CLI::App& app, Global& global) {
  auto name = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("doc", tr("tài liệu API Lua cho người viết script (từ tệp chú thích scripts/meta/ntm.lua)",
                                           "the Lua API reference for script writers (from scripts/meta/ntm.lua)"));
  cmd->add_option("name", *name, tr("chỉ in các mục có tên chứa chuỗi này (ví dụ: CommuneList, fmt)",
                                    "print only entries whose name contains this (e.g. CommuneList, fmt)"))
      ->option_text(tr("TÊN", "NAME"));
  add_global_options(cmd, global);
  on_run(cmd, global, [name] {
    auto path = app::data_dir() / "scripts" / "meta" / "ntm.lua";
    std::ifstream in(path);
    if (!in) throw std::runtime_error(tr("không đọc được ", "cannot read ") + path.string());
    auto entries = parse_annotations(in);
    std::string wanted = fold(*name);
    std::ostringstream out;
    if (name->empty()) {
      out << tr("API Lua của ntm (sinh từ ", "The ntm Lua API (generated from ") << path.string() << ")\n"
          << tr("Trình soạn thảo có Lua language server đọc cùng tệp này: xem .luarc.json.example.\n",
                "Editors with a Lua language server read the same file: see .luarc.json.example.\n");
    }
    std::size_t shown = 0;
    for (const auto& e : entries) {
      if (!wanted.empty() && fold(e.name).find(wanted) == std::string::npos) continue;
      print_entry(e, out);
      ++shown;
    }
    if (shown == 0) {
      std::cerr << tr("Không có mục nào tên chứa '", "No entry named like '") << *name << "'\n";
      return kDataError;
    }
    std::cout << out.str();
    return kOk;
  });
}

}  // namespace ntm::cli
