// ntm import KIND FILE --province P [--year Y] [--dry-run]: a district's spreadsheet (CSV as
// Excel writes it) into the database, all or nothing.
#include <algorithm>
#include <iostream>

#include "app/entry_forms.h"
#include "app/importer.h"
#include "app/paths.h"
#include "app/provenance.h"
#include "app/run.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "model/i18n.h"
#include "model/units.h"

namespace ntm::cli {

namespace {

std::string kind_list_text() {
  std::string list;
  for (const auto& k : app::import_kinds()) list += (list.empty() ? "" : ", ") + k;
  return list;
}

// The problems of a refused import, one per line (the first 200).
void print_problems(const std::string& shown, const app::ImportError& e) {
  std::cerr << shown << ": " << e.problems.size() << tr(" lỗi; không nhập dòng nào (cơ sở dữ liệu không đổi):\n",
                                                           " errors; nothing imported (the database is unchanged):\n");
  std::size_t n = 0;
  for (const auto& p : e.problems) {
    if (++n > 200) {
      std::cerr << "  … " << e.problems.size() - 200 << tr(" lỗi nữa\n", " more\n");
      break;
    }
    std::cerr << "  " << p << "\n";
  }
}

}  // namespace

void add_import(CLI::App& app, Global& global) {
  struct Options {
    app::ImportOptions import;
    std::vector<std::string> files;
    std::string province, as_of, from;
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
  mark_required(cmd->add_option("file", o->files,
                                tr("tệp .csv (Excel: CSV UTF-8) hoặc .xlsx, một hay nhiều (phiếu nhập các xã gửi lại); "
                                   "mẫu: ntm export LOẠI --template",
                                   "one or more .csv (UTF-8) or .xlsx files (entry workbooks sent back); "
                                   "template: ntm export KIND --template"))
                    ->option_text(tr("TỆP...", "FILE...")));
  add_province_option(cmd, o->province, false)
      ->description(tr("tỉnh: tên (không cần dấu) hoặc mã; mặc định: tỉnh tệp ghi ở dòng đầu (ntm export viết), rồi province trong ntm.toml",
                       "province: name (accents optional) or code; default: the one the file names on its first line "
                       "(ntm export writes it), then province in ntm.toml"));
  add_year_option(cmd, o->year, tr("năm của số liệu (nếu tệp không có cột Năm và không ghi năm)",
                                   "year of the data (unless the file has a year column or names its year)"),
                  false);
  add_map_flags(cmd, o->as_of, &o->import.set);
  cmd->add_option("--from", o->from, tr("units: ngày danh sách đơn vị trong tệp bắt đầu có hiệu lực (bắt buộc với units)",
                                        "units: the date from which the file's list of units is in force (required for units)"))
      ->option_text(tr("NGÀY", "DATE"));
  cmd->add_option("--act", o->import.act, tr("units: văn bản của thay đổi (\"Nghị quyết số ...\")", "units: the legal act of the change"))
      ->option_text(tr("VĂN_BẢN", "ACT"));
  cmd->add_flag("--dry-run", o->import.dry_run, tr("chỉ báo sẽ thay đổi gì, không ghi", "report what would change, write nothing"));
  add_global_options(cmd, global);
  on_run(cmd, global, [&global, o] { return writing(global, [&global, o] {
    if (o->import.kind.empty()) throw std::invalid_argument(tr("thiếu LOẠI số liệu (", "missing KIND (") + kind_list_text() + ")");
    if (o->files.empty()) throw std::invalid_argument(tr("thiếu TỆP cần nhập", "missing the FILE to import"));
    auto path = app::database_path(global.db);
    // The file says what it holds (ntm export writes province, year and set above its
    // header): a flag may repeat it but not contradict it, and ntm.toml only fills what
    // neither gives, so it never contradicts a file.
    o->import.province = o->province;
    o->import.year = o->year;
    if (!o->as_of.empty()) o->import.as_of = map_date(o->as_of, 0);
    if (!o->from.empty()) {
      auto iso = parse_iso_date(o->from);
      if (!iso)
        throw std::invalid_argument("--from: " + tr("ngày '", "date '") + o->from +
                                    tr("' không hợp lệ (viết NN/TT/NNNN, ví dụ 01/07/2025)", "' is not valid (write DD/MM/YYYY)"));
      o->import.from = *iso;
    }
    if (o->import.kind == "units" && o->import.from.empty())
      throw std::invalid_argument(tr("ntm import units cần --from NGÀY: ngày danh sách đơn vị trong tệp bắt đầu có hiệu lực",
                                     "ntm import units needs --from DATE: the date the file's list takes effect"));
    // Without a date the province is looked up per row's year (it may be one of those years).
    if (!o->province.empty() && (o->year || !o->as_of.empty() || !o->import.from.empty())) {
      check_province(path, o->province, !o->import.from.empty() ? o->import.from : map_date(o->as_of, o->year));
    } else if (!o->province.empty()) {
      try {
        find_province_identity(app::open_for_scripts(path), o->province, today());
      } catch (const NotFound& e) {
        throw std::invalid_argument("--province " + o->province + ": " + e.what());
      }
    }
    app::Project p = project(global);
    o->import.project_province = p.get("province").value_or("");
    if (auto y = p.get("year")) o->import.project_year = std::stoi(*y);
    o->import.project_set = p.get("set").value_or("");
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
      print_problems(shown, e);
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
  }); });
}

}  // namespace ntm::cli
