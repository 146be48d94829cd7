// The reference of the Lua API, read from the annotation file editors read
// (scripts/meta/ntm.lua, LuaCATS ---@ comments), so `ntm doc` and the editor say the same;
// and its Vietnamese words (scripts/meta/ntm.vi.txt), since the annotations are in English.
#pragma once

#include <istream>
#include <map>
#include <string>
#include <vector>

namespace ntm::app {

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

// The entries of an annotation file, in file order.
std::vector<Entry> parse_annotations(std::istream& in);

// Vietnamese words of one entry: "== NAME", then description lines, "@param text",
// ".field text" and "-> text" (returns, in order).
struct Translation {
  std::vector<std::string> text;
  std::map<std::string, std::string> params, fields;
  std::vector<std::string> returns;
};
std::map<std::string, Translation> parse_translations(std::istream& in);

// Puts the Vietnamese words in place of the English ones where there are some.
void translate(std::vector<Entry>& entries, const std::map<std::string, Translation>& vi);

// What has English words but no Vietnamese ones ("ntm.params", "Commune.code",
// "ntm.fmt.money@amount", "Commune:status->2"), and Vietnamese entries naming nothing.
std::vector<std::string> missing_translations(const std::vector<Entry>& entries, const std::map<std::string, Translation>& vi);

}  // namespace ntm::app
