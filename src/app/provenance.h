// Script provenance: which code made what was saved or written. Every run collects the
// SHA-256 of each script it loaded (lua::Context::scripts_run); commands print them, store
// them with what they save (saved_run, db/migrations/002_saved_runs.sql) and write them
// into report files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "model/units.h"
#include "store/database.h"

namespace ntm::app {

// path → SHA-256 (hex) of the script's text, paths as script_label() shows them.
using ScriptHashes = std::map<std::string, std::string>;

// How a script is named in provenance: relative to the script folder it was found in
// ("reports/annual.lua", "lib/review.lua"), so no home folder leaks into a report sent to
// the province; a script outside the script folders keeps the path it was given.
// `dirs` are the script folders (app::script_dirs(), looked up once by the caller).
std::string script_label(const std::filesystem::path& script, const std::vector<std::filesystem::path>& dirs);

// "[ntm] sha256 HASH  PATH" per script, to standard error of the commands.
void print_script_hashes(const ScriptHashes& scripts, std::ostream& out);

// One line per script, "HASH  PATH", the format of sha256sum: a file can be checked with
// `sha256sum -c` from the script folder.
std::string hashes_text(const ScriptHashes& scripts);

// Opens an existing database for writing and brings its schema up to this build's version
// (a database made by an older ntm gains the new tables before anything is written).
// Throws std::runtime_error naming the file when it is missing or this user cannot write it.
store::Database open_for_writing(const std::filesystem::path& db);

// Records one saved run and its scripts; returns its id. Call inside the transaction that
// writes what the run saved, so both land or neither does.
std::int64_t record_saved_run(store::Database& db, const std::string& command, UnitId province,
                              std::optional<int> year, const ScriptHashes& scripts);

// The scripts of a saved run (empty for a database older than schema version 2).
ScriptHashes saved_run_scripts(const store::Database& db, std::int64_t run_id);

}  // namespace ntm::app
