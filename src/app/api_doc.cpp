#include "app/api_doc.h"

#include <set>
#include <sstream>

namespace ntm::app {

namespace {

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

}  // namespace

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

std::map<std::string, Translation> parse_translations(std::istream& in) {
  std::map<std::string, Translation> out;
  Translation* current = nullptr;
  std::string line;
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.rfind("#", 0) == 0) continue;
    if (t.rfind("== ", 0) == 0) {
      current = &out[trim(t.substr(3))];
      continue;
    }
    if (!current || t.empty()) continue;
    auto rest = [&](std::size_t from) {
      auto space = t.find(' ', from);
      return std::make_pair(t.substr(from, space == std::string::npos ? std::string::npos : space - from),
                            space == std::string::npos ? std::string() : trim(t.substr(space + 1)));
    };
    if (t[0] == '@') {
      auto [name, text] = rest(1);
      current->params[name] = text;
    } else if (t[0] == '.' && t.size() > 1 && t[1] != '.') {
      auto [name, text] = rest(1);
      current->fields[name] = text;
    } else if (t.rfind("->", 0) == 0) {
      current->returns.push_back(trim(t.substr(2)));
    } else {
      current->text.push_back(t);
    }
  }
  return out;
}

void translate(std::vector<Entry>& entries, const std::map<std::string, Translation>& vi) {
  for (auto& e : entries) {
    auto it = vi.find(e.name);
    if (it == vi.end()) continue;
    const Translation& t = it->second;
    if (!t.text.empty()) e.text = t.text;
    for (auto& p : e.params)
      if (auto f = t.params.find(p.name); f != t.params.end()) p.text = f->second;
    for (auto& f : e.fields)
      if (auto x = t.fields.find(f.name); x != t.fields.end()) f.text = x->second;
    for (std::size_t i = 0; i < e.returns.size() && i < t.returns.size(); ++i) e.returns[i].text = t.returns[i];
  }
}

std::vector<std::string> missing_translations(const std::vector<Entry>& entries, const std::map<std::string, Translation>& vi) {
  std::vector<std::string> missing;
  std::set<std::string> names;
  static const Translation none;
  for (const auto& e : entries) {
    names.insert(e.name);
    auto it = vi.find(e.name);
    const Translation& t = it == vi.end() ? none : it->second;
    if (!e.text.empty() && t.text.empty()) missing.push_back(e.name);
    for (const auto& p : e.params)
      if (!p.text.empty() && !t.params.count(p.name)) missing.push_back(e.name + "@" + p.name);
    for (const auto& f : e.fields)
      if (!f.text.empty() && !t.fields.count(f.name)) missing.push_back(e.name + "." + f.name);
    for (std::size_t i = 0; i < e.returns.size(); ++i)
      if (!e.returns[i].text.empty() && i >= t.returns.size()) missing.push_back(e.name + "->" + std::to_string(i + 1));
  }
  for (const auto& [name, t] : vi)
    if (!names.count(name)) missing.push_back(name + " (không có trong ntm.lua)");
  return missing;
}

}  // namespace ntm::app
