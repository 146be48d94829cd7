// Helpers shared by the tests: databases built from db/ once per test binary, running a
// Lua snippet in a real Host, and running the ntm program.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "lua/host.h"

namespace ntm::test {

// A database with the schema and reference data only (no sample), built once.
const std::filesystem::path& reference_db();
// A database with a shipped sample ("dien-bien-2020", "bac-giang-2020"), built once per name.
const std::filesystem::path& sample_db(const std::string& name);
// A fresh temporary folder for this test binary.
std::filesystem::path temp_dir();

struct LuaResult {
  bool ok = false;
  lua::ErrorKind kind = lua::ErrorKind::Script;
  std::string message;    // error message, empty when ok
  std::string file;
  int line = 0;
  std::string out;        // what print() wrote
  std::string err;        // what ntm.log() wrote
};

// Runs Lua source as a script file named `name`.lua in a fresh Host over `db`.
LuaResult run_lua(const std::string& source, const std::filesystem::path& db = reference_db(),
                  lua::Limits limits = {}, const std::string& name = "snippet");

// The whole file as bytes ("" when it cannot be read).
std::string slurp(const std::filesystem::path& path);

// Every entry of a zip archive (.docx, .xlsx): name → bytes. Fails the test when the file
// is not a readable archive.
std::map<std::string, std::string> unzip(const std::filesystem::path& path);

struct Command {
  int status = -1;
  std::string out, err;
  // Standard error without the provenance lines ("[ntm] sha256 HASH  PATH").
  std::string messages() const;
};
// Every row of a file's data tables (values, statuses, recognitions, funding, targets,
// statistics, OCOP, unit classes and tags, province sets) as sorted text, units named by code:
// what `ntm copy` carries, comparable between files whatever internal ids their units have.
std::string province_rows(const std::filesystem::path& db);

// Runs the built ntm binary with these arguments (a shell-quoted string) in `cwd`.
Command ntm(const std::string& args, const std::filesystem::path& cwd = {});
// Runs a shell command line in `cwd`, standard input empty.
Command shell(const std::string& command, const std::filesystem::path& cwd = {});

}  // namespace ntm::test
