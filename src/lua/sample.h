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
// returns { meta = {k = v}, date = "2020-12-31", rows = { table = { {col = v, ...}, ... } } }.
// A row names its unit by `unit_code`, placed on the map of 31/12 of the row's `year`, else
// of `date`; `unit` rows create units ({code, kind, type, name, name_with_type, parent_code,
// valid_from, valid_to}); flags and groups are `unit_class` rows.
// The generator's arguments are (lib, params, emit): `params` is a table of the strings in
// `params` (`ntm init --sample national --years 2016-2020` gives {years = "2016-2020"});
// `emit(table, rows)` inserts a list of rows of one table at once, so that a generator of
// millions of rows never holds them all (the national sample): emitted rows go in before the
// returned ones, in the same transaction.
// Throws ScriptError on a script error, store::DbError naming the table and row on bad data.
SampleCounts load_sample(Host& host, store::Database& db, const std::filesystem::path& lib,
                         const std::filesystem::path& generator,
                         const std::map<std::string, std::string>& params = {});

}  // namespace ntm::lua
