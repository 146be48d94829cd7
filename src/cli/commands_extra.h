// The everyday-use subcommands: import, export, repl, doc, new, test, config. Registered from
// main.cpp beside the ones in commands.h.
#pragma once

#include "cli/commands.h"

namespace ntm::cli {

void add_import(CLI::App& app, Global& global);   // cmd_import.cpp: ntm import KIND FILE
void add_export(CLI::App& app, Global& global);   // cmd_export.cpp: ntm export KIND
void add_repl(CLI::App& app, Global& global);     // cmd_repl.cpp: ntm repl
void add_doc(CLI::App& app, Global& global);      // cmd_doc.cpp: ntm doc [NAME]
void add_new(CLI::App& app, Global& global);      // cmd_new.cpp: ntm new check|allocation|report NAME
void add_test(CLI::App& app, Global& global);     // cmd_test.cpp: ntm test DIR
void add_config(CLI::App& app, Global& global);   // cmd_config.cpp: ntm config list|get|set|unset
void add_map(CLI::App& app, Global& global);      // cmd_map.cpp: ntm map [history CODE | changes]

}  // namespace ntm::cli
