// Loading a sample dataset: runs a generator script (db/samples/NAME.lua) in the sandbox
// and writes the rows it returns, in one transaction, through a separate writable connection.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "lua/host.h"
#include "store/database.h"

namespace ntm::lua {

struct SampleCounts {
  std::map<std::string, std::int64_t> rows;   // table → rows inserted
};

// Runs `generator` with the value returned by `lib` (db/samples/lib.lua) as its argument,
// and inserts what it returns into `db` within the caller's transaction. The generator
// returns { meta = {k = v}, rows = { table = { {col = v, ...}, ... } },
// updates = { unit = { {code = ..., border = 1, ...} } } }.
// Throws ScriptError on a script error, store::DbError naming the table and row on bad data.
SampleCounts load_sample(Host& host, store::Database& db, const std::filesystem::path& lib,
                         const std::filesystem::path& generator);

}  // namespace ntm::lua
