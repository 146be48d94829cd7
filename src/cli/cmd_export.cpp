// ntm export KIND --province P [--year Y] [-o FILE.csv|.xlsx] [--delimiter ';'] [--template]:
// the sheets `ntm import` reads back.
#include <algorithm>
#include <iostream>

#include "app/entry_forms.h"
#include "app/exporter.h"
#include "app/paths.h"
#include "app/run.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/output_file.h"
#include "model/i18n.h"

namespace ntm::cli {

namespace {

struct Options {
  app::ExportOptions exp;
  std::string output, delimiter = ",", province, as_of, per;
  int year = 0;
};

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// Data-entry workbooks (--template to an .xlsx, or --per): one for the province, or one per
// district or commune into the folder -o names.
int write_entry_books(const store::Database& db, const Options& o) {
  namespace fs = std::filesystem;
  app::EntryOptions e{o.exp.kind, o.exp.province, o.exp.year, o.per.empty() ? "province" : o.per};
  if (o.output.empty())
    throw std::invalid_argument(tr("phiếu nhập cần -o TỆP.xlsx hoặc -o THƯ_MỤC", "entry workbooks need -o FILE.xlsx or -o FOLDER"));
  bool folder = e.per != "province";
  if (!folder && lower_extension(o.output) != ".xlsx")
    throw std::invalid_argument(tr("phiếu nhập của tỉnh cần -o TỆP.xlsx", "the province workbook needs -o FILE.xlsx"));
  auto books = app::entry_workbooks(db, e);
  if (folder) fs::create_directories(o.output);
  std::size_t units = 0;
  for (const auto& b : books) {
    fs::path path = folder ? fs::path(o.output) / (b.file_stem + ".xlsx") : fs::path(o.output);
    app::write_entry_workbook(b, path);
    units += b.units.size();
    if (verbose()) std::cerr << tr("Đã ghi ", "Wrote ") << path.string() << " (" << b.units.size() << tr(" đơn vị)\n", " units)\n");
  }
  std::cerr << tr("Đã ghi ", "Wrote ") << books.size() << tr(" phiếu nhập (", " entry workbooks (") << units
            << tr(" đơn vị) vào ", " units) to ") << o.output << ".\n";
  return kOk;
}

}  // namespace

void add_export(CLI::App& app, Global& global) {
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
  add_map_flags(cmd, o->as_of, &o->exp.set);
  cmd->add_flag("--template", o->exp.template_only,
                tr("mẫu để điền: có danh sách xã, để trống số liệu; với .xlsx là phiếu nhập có kiểm tra khi gõ",
                   "a template: units listed, values empty; to an .xlsx, a data-entry workbook that checks while typing"));
  cmd->add_option("--per", o->per,
                  tr("phiếu nhập (với --template): một tệp cho cả tỉnh (province), mỗi huyện (district) hoặc mỗi xã (commune); "
                     "-o là thư mục khi district hoặc commune",
                     "data-entry workbooks (with --template): one for the province, per district or per commune; "
                     "-o is a folder for district or commune"))
      ->option_text("province|district|commune")
      ->check(one_of({"province", "district", "commune"}));
  cmd->add_option("-o,--output", o->output, tr("tệp .csv hoặc .xlsx, hoặc thư mục với --per (mặc định: in ra màn hình)",
                                               "a .csv or .xlsx file, or a folder with --per (default: standard output)"))
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
    if (o->exp.set.empty()) o->exp.set = project_or("", global, "set");
    if (!o->as_of.empty()) o->exp.as_of = map_date(o->as_of, 0);
    bool entry_kind = std::find(app::entry_kinds().begin(), app::entry_kinds().end(), o->exp.kind) != app::entry_kinds().end();
    if (!o->per.empty() && !o->exp.template_only) throw std::invalid_argument(tr("--per chỉ dùng với --template", "--per needs --template"));
    if (!o->per.empty() && !entry_kind)
      throw std::invalid_argument(tr("không có phiếu nhập cho ", "no data-entry workbook for ") + o->exp.kind +
                                  tr(" (có: ", " (available: ") + [] {
                                    std::string list;
                                    for (const auto& k : app::entry_kinds()) list += (list.empty() ? "" : ", ") + k;
                                    return list;
                                  }() + ")");
    std::string ext = lower_extension(o->output);
    if (o->per.empty() && !o->output.empty() && ext != ".csv" && ext != ".xlsx")
      throw std::invalid_argument(tr("tệp xuất phải là .csv hoặc .xlsx: ", "the output must be .csv or .xlsx: ") + o->output);
    check_province(app::database_path(global.db, app::Access::Read), o->exp.province, map_date(o->as_of, o->exp.year));
    store::Database db = app::open_for_scripts(app::database_path(global.db, app::Access::Read));
    if (o->exp.template_only && entry_kind && (!o->per.empty() || ext == ".xlsx")) return write_entry_books(db, *o);
    app::Sheet sheet = app::export_sheet(db, o->exp);
    if (ext == ".xlsx") {
      app::write_xlsx_sheet(sheet, o->exp.kind, o->output);
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
