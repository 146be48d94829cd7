// Each subcommand registers its options and its action on the CLI11 app.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace ntm::cli {

struct Global {
  std::string db;                  // --db
  std::string lang = "vi";
  bool verbose = false;            // -v, --verbose
  std::function<int()> action;     // what the chosen subcommand does (set by on_run)
};

void add_init(CLI::App& app, Global& global);     // cmd_init.cpp
void add_run(CLI::App& app, Global& global);      // cmd_run.cpp
void add_query(CLI::App& app, Global& global);    // cmd_query.cpp
void add_scripts(CLI::App& app, Global& global);  // cmd_scripts.cpp
void add_check(CLI::App& app, Global& global);    // cmd_check.cpp
void add_report(CLI::App& app, Global& global);   // cmd_report.cpp
void add_allocate(CLI::App& app, Global& global); // cmd_allocate.cpp

}  // namespace ntm::cli
