// Building and upgrading a database's reference data: the schema, the base map of 02/02/2020,
// db/reference/*.sql, and the map's history to today (db/units-history/).
#pragma once

#include <string>

#include "model/map_history.h"
#include "store/database.h"

namespace ntm::app {

// For a new database (schema migrated, no units): the base map, the reference files and the
// map's history, inside the caller's transaction.
MapHistoryReport load_reference_data(store::Database& db);

// Whether a database made by an older ntm needs upgrading before this version reads it.
bool needs_upgrade(const store::Database& db);

// Upgrades in place, all or nothing per step: schema migrations, then (in one transaction)
// the reference files added since and the map's history. Returns one sentence saying what
// was done. Throws store::DbError / std::runtime_error.
std::string upgrade_database(store::Database& db);

}  // namespace ntm::app
