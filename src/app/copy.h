// `ntm copy`: a province's data from one store to another — SQLite file or PostgreSQL server, in
// any direction — so that an officer can work offline on a file and send it to the province's
// server, and a province can send its years to the national office (issue 17).
//
// What is copied: the rows about the province's units (every unit whose parent chain, in any
// period of the map, reaches the province) in indicator_value, criterion_status, recognition,
// funding, target, statistic, ocop_product, unit_class and unit_tag, and the province's own rows
// in province_set, threshold and allocation_plan (with its allocation_line). Within that scope
// the destination ends equal to the source: rows only the destination has are removed. With a
// span of years only the rows of those years are in scope; rows without a year (unit tags, a
// class or threshold for every year) only without a span. Not copied: the map and the reference
// data (both stores must already have them; units are matched by code, kind and the date their
// first period starts, never by their internal id), saved runs (a status or plan copied loses its
// link to the run that saved it), and value_pack (derived: the destination rebuilds it).
//
// All or nothing: one transaction on the destination (SERIALIZABLE on PostgreSQL, run again on a
// serialization failure), reading one snapshot of the source. On PostgreSQL the server's own
// rules decide what the connecting role may write: an editor of another province is refused and
// nothing is written.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ntm::app {

struct CopyOptions {
  std::string from, to;         // a SQLite path or a PostgreSQL address (app::is_postgres_address)
  std::string province;         // code or name, as --province takes it
  std::optional<int> from_year, to_year;
  bool dry_run = false;         // compare and report, write nothing
};

struct TableChange {
  std::string table;
  std::int64_t added = 0, changed = 0, removed = 0, same = 0;
};

struct CopyReport {
  std::string from, to;              // where each store is, for messages (" trong tệp …")
  std::string province_code, province_name;
  std::vector<TableChange> tables;   // every table in scope, in copy order
  std::int64_t total(std::int64_t TableChange::*field) const;
};

// Throws std::invalid_argument for bad options (unknown province, a span upside down, the same
// store twice), std::runtime_error / store::DbError naming the store and the fault otherwise;
// the destination is then exactly as it was.
CopyReport copy_province(const CopyOptions& options);

// Every province with data in the SQLite file `file` copied to the store at `address`, in one
// transaction there, with the file's meta rows (sample, source, note): `ntm init --sample … --db
// postgresql://…`. Refuses, writing nothing, when the destination holds other data of one of them
// (rows that would change or go), unless `force`.
std::vector<CopyReport> copy_every_province(const std::string& file, const std::string& address, bool force);

// What a command changed in `after`, a working copy of the snapshot `before` of the server at
// `address` (app/snapshot.h: ServerWork), sent to the server in one transaction: rows added or
// changed are written, rows removed are deleted, every other row of the server is left as it is
// (another officer's work of the meantime included; the same row written by both: the later
// wins). Throws, writing nothing, when the command changed the map of units (ntm import units).
std::vector<TableChange> push_changes(const std::filesystem::path& before, const std::filesystem::path& after,
                                      const std::string& address);

}  // namespace ntm::app
