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
    std::string as_of, from;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("import", tr("nhập số liệu từ tệp CSV hoặc Excel (.xlsx), tất cả hoặc không gì cả",
                                              "import data from a CSV or .xlsx file (all or nothing)"));
  cmd->add_option("kind", o->import.kind, "units | classes | indicators | statuses | recognitions | funding | targets | statistics | ocop")
      ->required()
      ->check(CLI::IsMember(app::import_kinds()));
  cmd->add_option("file", o->files, tr("tệp .csv (Excel: CSV UTF-8) hoặc .xlsx, một hay nhiều (phiếu nhập các xã gửi lại); mẫu: ntm export --template KIND",
                                       "one or more .csv (UTF-8) or .xlsx files (entry workbooks sent back); template: ntm export --template KIND"))
      ->required();
  cmd->add_option("--province", o->import.province,
                  tr("tỉnh (tên hoặc mã, không cần dấu); mặc định: tỉnh ghi ở dòng đầu tệp do ntm export viết",
                     "province (name or code); default: the one written on the first line by ntm export"));
  cmd->add_option("--year", o->import.year, tr("năm của số liệu (nếu tệp không có cột Năm)", "year of the data (unless the file has a year column)"))
      ->check(CLI::Range(1990, 2100));
  cmd->add_flag("--dry-run", o->import.dry_run, tr("chỉ báo sẽ thay đổi gì, không ghi", "report what would change, write nothing"));
  add_map_flags(cmd, o->as_of, &o->import.set);
  cmd->add_option("--from", o->from, tr("units: ngày danh sách đơn vị trong tệp bắt đầu có hiệu lực",
                                        "units: the date from which the file's list of units is in force"))
      ->option_text("DD/MM/YYYY");
  cmd->add_option("--act", o->import.act, tr("units: văn bản của thay đổi (\"Nghị quyết số ...\")",
                                             "units: the legal act of the change"));
  add_db_option(cmd, global.db);
  cmd->callback([&global, o] {
    global.status = guarded([&] {
      auto path = app::database_path(global.db);
      if (!o->as_of.empty()) o->import.as_of = map_date(o->as_of, 0);
      if (!o->from.empty()) {
        auto iso = parse_iso_date(o->from);
        if (!iso) throw std::invalid_argument("--from: ngày '" + o->from + "' không hợp lệ (viết DD/MM/YYYY)");
        o->import.from = *iso;
      }
      if (o->import.kind == "units" && o->import.from.empty())
        throw std::invalid_argument(tr("ntm import units cần --from DD/MM/YYYY: ngày danh sách đơn vị trong tệp bắt đầu có hiệu lực",
                                       "ntm import units needs --from DD/MM/YYYY: the date the file's list takes effect"));
      if (!o->import.province.empty() && (o->import.year || !o->as_of.empty() || !o->import.from.empty()))
        check_province(path, o->import.province,
                       !o->import.from.empty() ? o->import.from : map_date(o->as_of, o->import.year));
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
        auto r = app::import_returned(db, o->import, files);
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
      } catch (const app::ImportStorageError& e) {
        std::cerr << shown << tr(": không nhập được — ", ": nothing imported — ") << e.what()
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
