// ntm import KIND FILE --province P [--year Y] [--dry-run]: a district's spreadsheet (CSV as
// Excel writes it) into the database, all or nothing.
#include <algorithm>
#include <iostream>

#include "app/entry_forms.h"
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
    std::vector<std::string> files;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("import", tr("nhập số liệu từ tệp CSV hoặc Excel (.xlsx), tất cả hoặc không gì cả",
                                              "import data from a CSV or .xlsx file (all or nothing)"));
  cmd->add_option("kind", o->import.kind, "units | indicators | statuses | recognitions | funding | targets | statistics | ocop")
      ->required()
      ->check(CLI::IsMember(app::import_kinds()));
  cmd->add_option("file", o->files, tr("tệp .csv (Excel: CSV UTF-8) hoặc .xlsx, một hay nhiều (phiếu nhập các xã gửi lại); mẫu: ntm export --template KIND",
                                       "one or more .csv (UTF-8) or .xlsx files (entry workbooks sent back); template: ntm export --template KIND"))
      ->required();
  cmd->add_option("--province", o->import.province, tr("tỉnh (tên hoặc mã, không cần dấu)", "province (name or code)"))
      ->required();
  cmd->add_option("--year", o->import.year, tr("năm của số liệu (nếu tệp không có cột Năm)", "year of the data (unless the file has a year column)"))
      ->check(CLI::Range(1990, 2100));
  cmd->add_flag("--dry-run", o->import.dry_run, tr("chỉ báo sẽ thay đổi gì, không ghi", "report what would change, write nothing"));
  add_db_option(cmd, global.db);
  cmd->callback([&global, o] {
    global.status = guarded([&] {
      auto path = app::database_path(global.db);
      check_province(path, o->import.province);
      store::Database db = app::open_for_writing(path);
      std::string shown = o->files.size() == 1 ? o->files[0] : std::to_string(o->files.size()) + tr(" tệp", " files");
      try {
        bool entry_kind = std::find(app::entry_kinds().begin(), app::entry_kinds().end(), o->import.kind) != app::entry_kinds().end();
        if (o->files.size() == 1 && !entry_kind) {
          o->import.file = o->files[0];
          std::cout << app::describe(app::import_file(db, o->import));
          return kOk;
        }
        if (!entry_kind) throw std::invalid_argument(tr("nhiều tệp cùng lúc chỉ dùng cho indicators, statuses, funding, ocop",
                                                        "several files at once only for indicators, statuses, funding, ocop"));
        std::vector<std::filesystem::path> files(o->files.begin(), o->files.end());
        auto r = app::import_returned(db, o->import.kind, files, o->import.province, o->import.year, o->import.dry_run);
        for (const auto& s : r.files) std::cout << app::describe(s);
        if (r.checked) {
          if (r.missing.empty()) {
            std::cout << tr("Đã nhận đủ số liệu của ", "Values received from all ") << r.expected << tr(" xã.\n", " communes.\n");
          } else {
            std::cout << tr("Chưa gửi lại số liệu (", "Not sent back yet (") << r.missing.size() << "/" << r.expected << tr(" xã): ", " communes): ");
            for (std::size_t i = 0; i < r.missing.size(); ++i) std::cout << (i ? ", " : "") << r.missing[i];
            std::cout << "\n";
          }
        }
      } catch (const app::ImportError& e) {
        std::cerr << shown << ": " << e.problems.size() << tr(" lỗi; không nhập dòng nào (cơ sở dữ liệu không đổi):\n",
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
  });
}

}  // namespace ntm::cli
