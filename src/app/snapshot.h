// Commands that only read (check, report, allocate without --save, export, query, run, repl,
// map) work on a PostgreSQL server through a snapshot: every table of the server copied, in one
// REPEATABLE READ READ ONLY transaction, into a private SQLite file under $TMPDIR that this process
// removes when it ends. The model, the scripts and the sandbox then run unchanged, on data of one
// consistent instant, with the same results as on a file holding the same rows; a script's
// ntm.sql reads the snapshot (SQLite's dialect on both stores) and can never write the server.
// Costs one transfer per command: about a second for a province's server with the map, more for
// the national one (bench/results.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace ntm::app {

struct SnapshotInfo {
  std::filesystem::path path;   // the SQLite file
  std::string server;           // "socket …" or "host:port"
  std::string database;
  std::int64_t rows = 0;        // rows copied
  int tables = 0;
};

// The snapshot of the server at `address`, taken on the first call for that address in this
// process and reused after. Throws store::PgError (server unreachable, no permission: one
// Vietnamese line naming the server), or std::runtime_error when the database has no ntm schema
// or one of another version.
const SnapshotInfo& postgres_snapshot(const std::string& address);

}  // namespace ntm::app
