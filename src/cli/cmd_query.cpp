// ntm query SQL | -e 'lua expression' [--format table|csv|json|xlsx] [-o FILE]: a one-line
// question. SQL runs read-only; a Lua expression runs in the script sandbox over the `ntm`
// module (a list of communes prints as a table of code, name and district; a scalar as is;
// a table as JSON).
#include <iostream>
#include <optional>
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

// The first word of the statement, upper-cased: "DELETE", "UPDATE", "PRAGMA".
std::string first_word(const std::string& sql) {
  std::string word;
  for (char c : sql) {
    if (std::isalpha(static_cast<unsigned char>(c))) word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    else if (!word.empty()) break;
  }
  return word;
}

std::string refused(const std::string& sql) {
  std::string word = first_word(sql);
  return tr("ntm query chỉ đọc dữ liệu (SELECT); ", "ntm query only reads data (SELECT); ") +
         (word.empty() ? tr("câu lệnh này", "this statement") : tr("câu lệnh ", "the statement ") + word) +
         tr(" sẽ sửa cơ sở dữ liệu hoặc ra ngoài nó nên bị từ chối. Sửa số liệu bằng ntm import.",
            " would change the database or reach outside it, so it is refused. Change data with ntm import.");
}

// SQLite's complaint about the user's SQL, in the user's language where we know it.
std::string sql_problem(const std::string& detail) {
  auto after = [&](const std::string& prefix) { return detail.substr(detail.find(prefix) + prefix.size()); };
  if (detail.find("no such table: ") != std::string::npos) return tr("không có bảng ", "no table ") + after("no such table: ");
  if (detail.find("no such column: ") != std::string::npos) return tr("không có cột ", "no column ") + after("no such column: ");
  if (detail.find("no such function: ") != std::string::npos) return tr("không có hàm ", "no function ") + after("no such function: ");
  if (auto near = detail.find("near \""); near != std::string::npos && detail.find("syntax error") != std::string::npos) {
    auto end = detail.find("\":", near + 6);
    return tr("sai cú pháp gần ", "syntax error near ") + detail.substr(near + 5, end == std::string::npos ? std::string::npos : end - near - 4);
  }
  if (detail.find("incomplete input") != std::string::npos) return tr("câu SQL chưa viết hết", "the SQL is incomplete");
  if (current_lang() == Lang::En || verbose()) return detail;
  return tr("SQLite không chạy được câu này (chi tiết: --verbose)", "SQLite cannot run it");
}

TextTable sql_table(const store::Database& db, const std::string& sql) {
  std::optional<store::Statement> prepared;
  try {
    prepared.emplace(db.prepare(sql));
  } catch (const store::DbError& e) {
    // SQLITE_AUTH: the read-only authorizer refused it (a write, ATTACH, PRAGMA ...).
    if ((e.code() & 0xff) == 23 || std::string_view(e.what()).find("not authorized") != std::string_view::npos)
      throw std::invalid_argument(refused(sql));
    std::string detail = e.what();
    if (detail.rfind("SQL: ", 0) == 0) detail = detail.substr(5);
    throw std::invalid_argument(tr("câu SQL sai: ", "bad SQL: ") + sql_problem(detail));
  }
  store::Statement& stmt = *prepared;
  if (!stmt.read_only()) throw std::invalid_argument(refused(sql));
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
  cmd->add_option("sql", options->sql, tr("câu SQL chỉ đọc, ví dụ \"SELECT year, count(*) FROM indicator_value GROUP BY year\"",
                                          "a read-only SQL query, e.g. \"SELECT year, count(*) FROM indicator_value GROUP BY year\""))
      ->option_text("SQL");
  cmd->add_option("-e,--eval", options->lua,
                  tr("biểu thức Lua, ví dụ: ntm.province('dien bien'):communes{year=2020}:missing(17)",
                     "a Lua expression, e.g. ntm.province('dien bien'):communes{year=2020}:missing(17)"))
      ->option_text("LUA");
  add_format_option(cmd, options->format, {"table", "csv", "json", "xlsx"}, tr("cách in (mặc định: table)", "output format (default: table)"));
  cmd->add_option("-o,--output", options->output, tr("ghi ra tệp (bắt buộc với xlsx)", "write to a file (required for xlsx)"))
      ->option_text(tr("TỆP", "FILE"));
  add_year_option(cmd, options->year, tr("-e: bản đồ và số liệu của năm này (mặc định: year trong ntm.toml, rồi năm mới nhất có số liệu)",
                                         "-e: the map and data of this year (default: year in ntm.toml, then the latest year with data)"),
                  false);
  add_map_flags(cmd, options->as_of, &options->set);
  add_limit_flags(cmd, options->limits);
  add_global_options(cmd, global);
  on_run(cmd, global, [&global, options] { return supervised(options->limits.limits(), global.db, [&] {
    const Options& o = *options;
    if (o.sql.empty() == o.lua.empty())
      throw std::invalid_argument(tr("cho một câu SQL hoặc -e 'biểu thức Lua' (một trong hai)",
                                     "give either an SQL query or -e 'lua expression'"));
    if (o.format == "xlsx" && o.output.empty())
      throw std::invalid_argument(tr("--format xlsx cần -o TỆP.xlsx", "--format xlsx needs -o FILE.xlsx"));
    store::Database db = app::open_for_scripts(app::database_path(global.db, app::Access::Read));
    if (!o.sql.empty()) {
      emit(sql_table(db, o.sql), o.format, o.output);
      return kOk;
    }
    std::ostringstream printed;
    lua::Context context(db, printed, std::cerr);
    context.script_dirs = app::script_dirs();
    std::string year = project_or(o.year ? std::to_string(o.year) : "", global, "year");
    app::QuestionMap map = app::question_map(db, o.as_of, year.empty() ? 0 : std::stoi(year));
    context.catalog.set_as_of(map.date, map.year, map.given);
    if (std::string set = project_or(o.set, global, "set"); !set.empty()) context.catalog.set_given_set(set);
    if (verbose()) std::cerr << "(" << map.note << ")\n";
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
  }); });
}

}  // namespace ntm::cli
