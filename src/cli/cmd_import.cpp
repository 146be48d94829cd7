// ntm import KIND FILE --province P [--year Y] [--dry-run]: a district's spreadsheet (CSV as
// Excel writes it) into the database, all or nothing.
#include <iostream>

#include "app/importer.h"
#include "app/paths.h"
#include "app/provenance.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "model/i18n.h"

namespace ntm::cli {

namespace {

std::string kind_list_text() {
  std::string list;
  for (const auto& k : app::import_kinds()) list += (list.empty() ? "" : ", ") + k;
  return list;
}

}  // namespace

void add_import(CLI::App& app, Global& global) {
  struct Options {
    app::ImportOptions import;
    std::string file, province;
    int year = 0;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("import", tr("nhập số liệu từ tệp CSV hoặc Excel (.xlsx), tất cả hoặc không gì cả",
                                              "import data from a CSV or .xlsx file (all or nothing)"));
  std::vector<std::string> kinds = app::import_kinds();
  std::string kind_list;
  for (const auto& k : kinds) kind_list += (kind_list.empty() ? "" : ", ") + k;
  mark_required(cmd->add_option("kind", o->import.kind, tr("loại số liệu: ", "kind of data: ") + kind_list)
                    ->option_text(tr("LOẠI", "KIND"))
                    ->check(one_of(kinds, tr("loại số liệu", "kind of data"))));
  mark_required(cmd->add_option("file", o->file, tr("tệp .csv (Excel: CSV UTF-8) hoặc .xlsx; mẫu: ntm export LOẠI --template",
                                                    "a .csv (UTF-8) or .xlsx file; template: ntm export KIND --template"))
                    ->option_text(tr("TỆP", "FILE")));
  add_province_option(cmd, o->province);
  add_year_option(cmd, o->year, tr("năm của số liệu (nếu tệp không có cột Năm)", "year of the data (unless the file has a year column)"),
                  false);
  cmd->add_flag("--dry-run", o->import.dry_run, tr("chỉ báo sẽ thay đổi gì, không ghi", "report what would change, write nothing"));
  add_global_options(cmd, global);
  on_run(cmd, global, [&global, o] {
    if (o->import.kind.empty()) throw std::invalid_argument(tr("thiếu LOẠI số liệu (", "missing KIND (") + kind_list_text() + ")");
    if (o->file.empty()) throw std::invalid_argument(tr("thiếu TỆP cần nhập", "missing the FILE to import"));
    o->import.file = o->file;
    o->import.province = need(o->province, global, "province", "--province");
    if (o->year) o->import.year = o->year;
    else if (auto y = project(global).get("year")) o->import.year = std::stoi(*y);
    auto path = app::database_path(global.db);
    check_province(path, o->import.province);
    store::Database db = app::open_for_writing(path);
    try {
      app::ImportSummary summary = app::import_file(db, o->import);
      std::cout << app::describe(summary);
    } catch (const app::ImportError& e) {
      std::cerr << o->file << ": " << e.problems.size() << tr(" lỗi; không nhập dòng nào (cơ sở dữ liệu không đổi):\n",
                                                               " errors; nothing imported (the database is unchanged):\n");
      std::size_t shown = 0;
      for (const auto& p : e.problems) {
        if (++shown > 200) {
          std::cerr << "  … " << e.problems.size() - 200 << tr(" lỗi nữa\n", " more\n");
          break;
        }
        std::cerr << "  " << p << "\n";
      }
      return kDataError;
    }
    return kOk;
  });
}

}  // namespace ntm::cli
