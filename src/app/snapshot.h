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
#include <vector>

#include "app/copy.h"

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

// Removes this process's snapshot files and working copies now; done too when the process
// ends through its destructors, which cli::end_process does not run.
void remove_snapshot_files();

// A command that writes to a server (import, check --save, allocate --save) writes a private
// working copy of the server's snapshot, made here and removed when the process ends; push() then
// sends the server what the command changed, and only that (app/copy.h: push_changes), in one
// SERIALIZABLE transaction that the server checks against the user's province.
class ServerWork {
 public:
  explicit ServerWork(std::string address);
  const std::filesystem::path& path() const { return work_; }
  std::vector<TableChange> push() const;
  const SnapshotInfo& snapshot() const { return postgres_snapshot(address_); }
 private:
  std::string address_;
  std::filesystem::path work_;
};

}  // namespace ntm::app
