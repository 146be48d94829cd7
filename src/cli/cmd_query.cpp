// ntm query SQL [--format table|csv|json]: a read-only SQL question, answered as a table.
#include <iostream>

#include "app/paths.h"
#include "app/run.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/table_output.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

void add_query(CLI::App& app, Global& global) {
  struct Options {
    std::string sql;
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("query", tr("truy vấn SQL chỉ đọc", "read-only SQL query"));
  cmd->add_option("sql", options->sql, "SQL")->required();
  cmd->add_option("--format", options->format, "table | csv | json")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--db", global.db, tr("tệp cơ sở dữ liệu", "database file"));
  cmd->callback([&global, options] {
    global.status = guarded([&] {
      store::Database db = app::open_for_scripts(app::database_path(global.db));
      store::Statement stmt = db.prepare(options->sql);
      if (!stmt.read_only()) throw std::invalid_argument(tr("ntm query chỉ cho phép câu truy vấn đọc", "ntm query allows read-only queries only"));
      TextTable table;
      for (int c = 0; c < stmt.column_count(); ++c) table.columns.push_back(stmt.column_name(c));
      table.numeric.assign(table.columns.size(), true);
      while (stmt.step()) {
        std::vector<std::string> row;
        for (int c = 0; c < stmt.column_count(); ++c) {
          store::Value v = stmt.get(c);
          if (auto* i = std::get_if<std::int64_t>(&v)) row.push_back(std::to_string(*i));
          else if (auto* d = std::get_if<double>(&v)) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.15g", *d);
            row.push_back(buf);
          } else if (auto* s = std::get_if<std::string>(&v)) {
            row.push_back(*s);
            table.numeric[static_cast<std::size_t>(c)] = false;
          } else row.push_back("");
        }
        table.rows.push_back(std::move(row));
      }
      print_table(table, options->format, std::cout);
      return kOk;
    });
  });
}

}  // namespace ntm::cli
