// ntm export KIND --province P [--year Y] [-o FILE.csv|.xlsx] [--delimiter ';'] [--template]:
// the sheets `ntm import` reads back.
#include <iostream>

#include "app/exporter.h"
#include "app/paths.h"
#include "app/run.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/output_file.h"
#include "model/i18n.h"

namespace ntm::cli {

void add_export(CLI::App& app, Global& global) {
  struct Options {
    app::ExportOptions exp;
    std::string output, delimiter = ",", as_of;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("export", tr("xuất số liệu ra CSV/Excel theo đúng mẫu mà ntm import đọc lại",
                                              "export data as CSV/Excel in the shape ntm import reads back"));
  cmd->add_option("kind", o->exp.kind, "units | classes | indicators | statuses | recognitions | funding | targets | statistics | ocop")
      ->required()
      ->check(CLI::IsMember(app::import_kinds()));
  cmd->add_option("--province", o->exp.province, tr("tỉnh (tên hoặc mã, không cần dấu)", "province (name or code)"))
      ->required();
  cmd->add_option("--year", o->exp.year, tr("năm (bắt buộc với indicators, statuses)", "year (required for indicators, statuses)"))
      ->check(CLI::Range(1990, 2100));
  cmd->add_flag("--template", o->exp.template_only, tr("mẫu để điền: có danh sách xã, để trống số liệu", "a template: units listed, values empty"));
  cmd->add_option("-o,--output", o->output, tr("tệp .csv hoặc .xlsx (mặc định: in ra màn hình)", "a .csv or .xlsx file (default: standard output)"));
  cmd->add_option("--delimiter", o->delimiter, tr("dấu phân cách CSV: , hoặc ; (với ; số thập phân dùng dấu phẩy)",
                                                  "CSV delimiter: , or ; (with ; decimals use a comma)"))
      ->check(CLI::IsMember({",", ";"}));
  add_map_flags(cmd, o->as_of, &o->exp.set);
  add_db_option(cmd, global.db);
  cmd->callback([&global, o] {
    global.status = guarded([&] {
      if (!o->as_of.empty()) o->exp.as_of = map_date(o->as_of, 0);
      check_province(app::database_path(global.db), o->exp.province, map_date(o->as_of, o->exp.year));
      store::Database db = app::open_for_scripts(app::database_path(global.db));
      app::Sheet sheet = app::export_sheet(db, o->exp);
      std::string ext = std::filesystem::path(o->output).extension().string();
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (ext == ".xlsx") {
        app::write_xlsx_sheet(sheet, o->exp.kind, o->output);
      } else if (!o->output.empty() && ext != ".csv") {
        throw std::invalid_argument(tr("tệp xuất phải là .csv hoặc .xlsx: ", "the output must be .csv or .xlsx: ") + o->output);
      } else {
        std::string text = app::to_csv(sheet, o->delimiter[0]);
        if (o->output.empty()) std::cout << text;
        else write_output_file(o->output, text, true);
      }
      if (!o->output.empty())
        std::cerr << tr("Đã ghi ", "Wrote ") << o->output << " (" << sheet.rows.size() << tr(" dòng)\n", " rows)\n");
      return kOk;
    });
  });
}

}  // namespace ntm::cli
