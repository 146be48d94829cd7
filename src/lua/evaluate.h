// Evaluating text a person types (ntm repl, ntm query -e) in a Host, describing the values
// it gives back for printing, listing names for completion, and the `test` helpers of
// `ntm test`. Everything goes through the Host's one door.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "lua/host.h"

namespace ntm::lua {

// One value given back by an evaluation, ready to print.
struct Shown {
  enum class Kind { Text, Units, Json };
  Kind kind = Kind::Text;
  std::string text;                                  // Text: a scalar ("2", "Điện Biên", "nil")
  std::vector<std::string> columns;                  // Units: Mã, Tên, Huyện
  std::vector<std::vector<std::string>> rows;        //        one row per commune
  nlohmann::ordered_json json;                       // Json: a table
};

// True when `source` is an unfinished chunk (the parser stopped at the end of the text, as
// after "for x in l do"): a prompt reads another line before evaluating.
bool incomplete(Host& host, std::string_view source);

// Compiles `source` as an expression ("return <source>") or, when that does not parse, as
// statements; runs it through the door with the host's limits; describes every value it
// returns: a Commune, a CommuneList or an array of communes as Units rows; other tables as
// JSON; scalars and handles as text. Throws ScriptError like Host::call.
std::vector<Shown> evaluate(Host& host, std::string_view source, const std::string& chunkname);

// Names reachable from `path` ("" for the globals, "ntm", "ntm.fmt", or a global holding a
// handle, whose methods are listed): the string keys of the table, of the table behind a
// read-only proxy, and of a handle's method table. Runs no Lua code (no metamethods).
std::vector<std::string> field_names(Host& host, const std::string& path);

// Adds the global table `test` for test files run by `ntm test`:
//   test.run(script [, args]) → value, findings  runs a script (a path relative to `dir`
//     or to its parent) in the same sandbox with `args` as its --name value parameters and
//     returns what it returned and the findings it registered ({unit, rule, level, message}).
void install_test_helpers(Host& host, const std::filesystem::path& dir);

}  // namespace ntm::lua
