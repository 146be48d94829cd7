// The everyday-use subcommands: import, export, repl, doc, new, test, config, map, and server
// and user for a PostgreSQL server, copy between stores. Registered from main.cpp beside the ones in commands.h.
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
void add_server(CLI::App& app, Global& global);   // cmd_server.cpp: ntm server init (PostgreSQL)
void add_user(CLI::App& app, Global& global);     // cmd_user.cpp: ntm user add|remove|list (PostgreSQL)
void add_copy(CLI::App& app, Global& global);     // cmd_copy.cpp: ntm copy --from DB1 --to DB2 --province P

// The PostgreSQL address `ntm COMMAND` works on (--db, else $NTM_DB, else db in ntm.toml).
// Throws std::invalid_argument (exit 2) naming the command when that is a file (cmd_server.cpp).
std::string server_address(const Global& global, const std::string& command);

}  // namespace ntm::cli
