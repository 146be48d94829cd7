// ntm query SQL | -e 'lua expression' [--format table|csv|json|xlsx] [-o FILE]: a one-line
// question. SQL runs read-only; a Lua expression runs in the script sandbox over the `ntm`
// module (a list of communes prints as a table of code, name and district; a scalar as is;
// a table as JSON).
#include <iostream>
#include <sstream>

#include "app/exporter.h"
#include "app/paths.h"
#include "app/run.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/worker.h"
#include "cli/output_file.h"
#include "cli/table_output.h"
#include "lua/evaluate.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

namespace {

TextTable sql_table(const store::Database& db, const std::string& sql) {
  store::Statement stmt = db.prepare(sql);
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
  return table;
}

// A value that is not rows, in the chosen format.
void print_value(const lua::Shown& shown, const std::string& format, std::ostream& out) {
  if (shown.kind == lua::Shown::Kind::Json) {
    out << shown.json.dump(2) << "\n";
  } else if (format == "json") {
    out << nlohmann::json(shown.text).dump() << "\n";
  } else {
    out << shown.text << "\n";
  }
}

void emit(const TextTable& table, const std::string& format, const std::string& output) {
  if (format == "xlsx") {
    app::Sheet sheet{{}, table.columns, table.rows, table.numeric};
    app::write_xlsx_sheet(sheet, "query", output);
    std::cerr << tr("Đã ghi ", "Wrote ") << output << " (" << table.rows.size() << tr(" dòng)\n", " rows)\n");
    return;
  }
  std::ostringstream text;
  print_table(table, format, text);
  if (output.empty()) std::cout << text.str();
  else write_output_file(output, text.str(), format == "csv");
}

}  // namespace

void add_query(CLI::App& app, Global& global) {
  struct Options {
    std::string sql, lua, output, as_of, set;
    int year = 0;
    std::string format = "table";
    LimitFlags limits;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("query", tr("hỏi nhanh: một câu SQL chỉ đọc, hoặc -e một biểu thức Lua",
                                             "a quick question: read-only SQL, or -e a Lua expression"));
  cmd->add_option("sql", options->sql, "SQL");
  cmd->add_option("-e,--eval", options->lua,
                  tr("biểu thức Lua, ví dụ: ntm.province('dien bien'):communes{year=2020}:missing(17)",
                     "a Lua expression, e.g. ntm.province('dien bien'):communes{year=2020}:missing(17)"));
  cmd->add_option("--format", options->format, "table | csv | json | xlsx")
      ->check(CLI::IsMember({"table", "csv", "json", "xlsx"}));
  cmd->add_option("-o,--output", options->output, tr("ghi ra tệp (bắt buộc với xlsx)", "write to a file (required for xlsx)"));
  cmd->add_option("--year", options->year, tr("-e: bản đồ và số liệu của năm này (mặc định: năm mới nhất có số liệu)",
                                               "-e: the map and data of this year (default: the latest year with data)"))
      ->check(CLI::Range(1990, 2100));
  add_map_flags(cmd, options->as_of, &options->set);
  add_db_option(cmd, global.db);
  add_limit_flags(cmd, options->limits);
  cmd->callback([&global, options] {
    global.status = supervised(options->limits.limits(), [&] {
      const Options& o = *options;
      if (o.sql.empty() == o.lua.empty())
        throw std::invalid_argument(tr("cho một câu SQL hoặc -e 'biểu thức Lua' (một trong hai)",
                                       "give either an SQL query or -e 'lua expression'"));
      if (o.format == "xlsx" && o.output.empty())
        throw std::invalid_argument(tr("--format xlsx cần -o TỆP.xlsx", "--format xlsx needs -o FILE.xlsx"));
      store::Database db = app::open_for_scripts(app::database_path(global.db));
      if (!o.sql.empty()) {
        emit(sql_table(db, o.sql), o.format, o.output);
        return kOk;
      }
      std::ostringstream printed;
      lua::Context context(db, printed, std::cerr);
      context.script_dirs = app::script_dirs();
      app::QuestionMap map = app::question_map(db, o.as_of, o.year);
      context.catalog.set_as_of(map.date, map.year, map.given);
      if (!o.set.empty()) context.catalog.set_given_set(o.set);
      std::cerr << "(" << map.note << ")\n";
      lua::Host host(context, o.limits.limits());
      auto values = lua::evaluate(host, o.lua, "-e");
      std::cout << printed.str();
      std::ostringstream text;
      for (const auto& v : values) {
        if (v.kind == lua::Shown::Kind::Units) {
          TextTable t{v.columns, v.rows, std::vector<bool>(v.columns.size(), false)};
          if (o.format == "json") t.columns = {"code", "name", "district"};   // keys for programs
          if (o.format == "xlsx" || (!o.output.empty() && values.size() == 1)) {
            emit(t, o.format, o.output);
            return kOk;
          }
          print_table(t, o.format, text);
        } else {
          if (o.format == "xlsx") throw std::invalid_argument(tr("--format xlsx chỉ dùng khi kết quả là danh sách xã",
                                                                 "--format xlsx needs a list of communes as the result"));
          print_value(v, o.format, text);
        }
      }
      if (o.output.empty()) std::cout << text.str();
      else write_output_file(o.output, text.str(), o.format == "csv");
      return kOk;
    });
  });
}

}  // namespace ntm::cli
