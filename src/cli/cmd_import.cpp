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

void add_import(CLI::App& app, Global& global) {
  struct Options {
    app::ImportOptions import;
    std::string file;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("import", tr("nhập số liệu từ tệp CSV hoặc Excel (.xlsx), tất cả hoặc không gì cả",
                                              "import data from a CSV or .xlsx file (all or nothing)"));
  cmd->add_option("kind", o->import.kind, "units | indicators | statuses | recognitions | funding | targets | statistics | ocop")
      ->required()
      ->check(CLI::IsMember(app::import_kinds()));
  cmd->add_option("file", o->file, tr("tệp .csv (Excel: CSV UTF-8) hoặc .xlsx; mẫu: ntm export --template KIND", "a .csv (UTF-8) or .xlsx file; template: ntm export --template KIND"))
      ->required();
  cmd->add_option("--province", o->import.province, tr("tỉnh (tên hoặc mã, không cần dấu)", "province (name or code)"))
      ->required();
  cmd->add_option("--year", o->import.year, tr("năm của số liệu (nếu tệp không có cột Năm)", "year of the data (unless the file has a year column)"))
      ->check(CLI::Range(1990, 2100));
  cmd->add_flag("--dry-run", o->import.dry_run, tr("chỉ báo sẽ thay đổi gì, không ghi", "report what would change, write nothing"));
  add_db_option(cmd, global.db);
  cmd->callback([&global, o] {
    global.status = guarded([&] {
      o->import.file = o->file;
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
      } catch (const app::ImportStorageError& e) {
        std::cerr << o->file << tr(": không nhập được — ", ": nothing imported — ") << e.what()
                  << tr("\nĐã dừng ở lỗi ghi đầu tiên và hoàn tác: không dòng nào được ghi, cơ sở dữ liệu như trước khi chạy lệnh. "
                        "Nếu đĩa đầy, hãy giải phóng chỗ trống rồi nhập lại.\n",
                        "\nStopped at the first write error and rolled back: no row was written, the database is as it was. "
                        "If the disk is full, free some space and import again.\n");
        return kDataError;
      }
      return kOk;
    });
  });
}

}  // namespace ntm::cli
