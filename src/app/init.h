// `ntm init`: a new database with the schema, the reference data and optionally a sample.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>

#include "lua/host.h"

namespace ntm::app {

struct InitOptions {
  std::filesystem::path db;
  std::string sample;           // "" or a name under db/samples/ ("dien-bien-2020")
  std::map<std::string, std::string> sample_params;   // the generator's `params` ({years = "2016-2020"})
  bool force = false;           // replace an existing database
  lua::Limits limits;           // for the sample generator
};

// What a new database holds, for the one line `ntm init` prints.
struct InitSummary {
  int schema_version = 0;
  std::int64_t units = 0, indicators = 0, criteria_sets = 0;
  std::string server;   // on a PostgreSQL server: "socket … (cơ sở dữ liệu "ntm")", never a password
};

// Builds the database in a temporary file beside the target and renames it into place
// only when everything succeeded, so a failure leaves no file and an existing database
// untouched. Writes the technical detail (schema version, rows per table) to `detail`.
// Throws on failure (std::runtime_error, store::DbError, lua::ScriptError).
InitSummary init_database(const InitOptions& options, std::ostream& detail);

// `ntm init` on a PostgreSQL server: the schema, reference data and map as `ntm server init`
// makes them (when the database has none yet: that needs a superuser role), then the sample, if
// any, built in a temporary file as init_database builds it and copied to the server in one
// transaction (app/copy.h: copy_every_province; a province with other data there is refused unless
// options.force). options.db is not used.
InitSummary init_server_database(const std::string& address, const InitOptions& options, std::ostream& detail);

// For tests, benchmarks and fuzzers: builds the database `path` with `sample` ("" for the
// reference data only), under the generous limits of `ntm init`, unless the file already
// exists. Returns `path`.
std::filesystem::path ensure_database(const std::filesystem::path& path, const std::string& sample);

// Names of the samples shipped in db/samples/ (files other than lib.lua).
std::vector<std::string> sample_names();

}  // namespace ntm::app
