// Loading the map's history from 02/02/2020 to today into a database that holds the base map:
// db/units-history/ (derived from thanglequoc/vietnamese-provinces-database, MIT; see its
// README): every change between consecutive states, the 2025 reform's predecessor lists, and
// the acts behind each date.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/units.h"

namespace ntm {

struct MapHistoryReport {
  int dates = 0;                    // effective dates applied
  int added = 0;                    // unit identities created
  int ended = 0;                    // identities ended
  int ended_without_successor = 0;  // ended with no recorded successor (never guessed)
  int periods = 0;                  // periods opened by renames, moves, changes of type
  int successions = 0;              // succession rows
  int unresolved = 0;               // predecessor names that did not resolve to one unit
  int regions_derived = 0;          // region classes given to units formed across regions
  std::vector<std::string> skipped; // rows that did not apply to this database's units
};

// Applies the history once (meta 'map_history' records that it ran) inside the caller's
// transaction. Needs the base units and the region classes of the base provinces. A row that
// does not fit the database (a code not on the map it should be on, because the user changed
// the units) is skipped and listed, never forced. Throws std::runtime_error naming file and
// line on a malformed file.
MapHistoryReport load_map_history(store::Database& db, const std::filesystem::path& dir);

// Whether the history has been applied to this database.
bool has_map_history(const store::Database& db);

// The Vietnamese type word of a unit type slug ("xa" → "Xã"); "" when unknown.
std::string type_word(const std::string& type);

}  // namespace ntm
