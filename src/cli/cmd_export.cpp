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
    std::string output, delimiter = ",", province;
    int year = 0;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("export", tr("xuất số liệu ra CSV/Excel theo đúng mẫu mà ntm import đọc lại",
                                              "export data as CSV/Excel in the shape ntm import reads back"));
  std::string kinds;
  for (const auto& k : app::import_kinds()) kinds += (kinds.empty() ? "" : ", ") + k;
  mark_required(cmd->add_option("kind", o->exp.kind, tr("loại số liệu: ", "kind of data: ") + kinds)
                    ->option_text(tr("LOẠI", "KIND"))
                    ->check(one_of(app::import_kinds(), tr("loại số liệu", "kind of data"))));
  add_province_option(cmd, o->province);
  add_year_option(cmd, o->year, tr("năm (cần cho indicators, statuses)", "year (needed for indicators, statuses)"), false);
  cmd->add_flag("--template", o->exp.template_only, tr("mẫu để điền: có danh sách xã, để trống số liệu", "a template: units listed, values empty"));
  cmd->add_option("-o,--output", o->output, tr("tệp .csv hoặc .xlsx (mặc định: in ra màn hình)", "a .csv or .xlsx file (default: standard output)"))
      ->option_text(tr("TỆP", "FILE"));
  cmd->add_option("--delimiter", o->delimiter, tr("dấu phân cách CSV: , hoặc ; (với ; số thập phân dùng dấu phẩy)",
                                                  "CSV delimiter: , or ; (with ; decimals use a comma)"))
      ->option_text(",|;")
      ->check(one_of({",", ";"}));
  add_global_options(cmd, global);
  on_run(cmd, global, [&global, o] {
    if (o->exp.kind.empty()) throw std::invalid_argument(tr("thiếu LOẠI số liệu (xem: ntm export --help)", "missing KIND (see: ntm export --help)"));
    o->exp.province = need(o->province, global, "province", "--province");
    if (o->year) o->exp.year = o->year;
    else if (o->exp.kind == "indicators" || o->exp.kind == "statuses")   // for the others a year filters rows
      if (auto y = project(global).get("year")) o->exp.year = std::stoi(*y);
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
}

}  // namespace ntm::cli
