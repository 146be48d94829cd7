// ntm copy --from DB1 --to DB2 --province P [--year Y | --from-year Y1 --to-year Y2] [--dry-run]:
// a province's data from one store to another (SQLite file or PostgreSQL server, either way),
// all or nothing (app/copy.h). Prints what changed per table; one line on standard error says
// what was done.
#include <iostream>

#include "app/copy.h"
#include "app/paths.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/table_output.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

namespace {

void print_changes(const app::CopyReport& report, const std::string& format) {
  TextTable t;
  if (format == "text")
    t.columns = {tr("Bảng", "Table"), tr("Thêm", "Added"), tr("Sửa", "Changed"), tr("Xoá", "Removed"), tr("Giữ nguyên", "Same")};
  else
    t.columns = {"table", "added", "changed", "removed", "same"};
  t.numeric = {false, true, true, true, true};
  auto number = [&](std::int64_t n) { return format == "text" ? format_integer(n) : std::to_string(n); };
  for (const auto& c : report.tables)
    t.rows.push_back({c.table, number(c.added), number(c.changed), number(c.removed), number(c.same)});
  if (format == "text") {
    using C = app::TableChange;
    t.rows.push_back({tr("Cộng", "Total"), number(report.total(&C::added)), number(report.total(&C::changed)),
                      number(report.total(&C::removed)), number(report.total(&C::same))});
    print_aligned(t, std::cout);
  } else {
    print_table(t, format, std::cout);
  }
}

}  // namespace

void add_copy(CLI::App& app, Global& global) {
  struct Options {
    std::string from, to, province, format = "text";
    int year = 0, from_year = 0, to_year = 0;
    bool dry_run = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("copy", tr("chép số liệu một tỉnh giữa hai cơ sở dữ liệu (tệp SQLite, máy chủ PostgreSQL), tất cả hoặc không gì",
                                            "copy a province's data between two databases (SQLite file, PostgreSQL server), all or nothing"));
  cmd->add_option("--from", o->from, tr("nơi chép đi: tệp .db hoặc postgresql://MÁY/CSDL (mặc định: --db, $NTM_DB, ntm.toml)",
                                        "where to copy from: a .db file or postgresql://HOST/DB (default: --db, $NTM_DB, ntm.toml)"))
      ->option_text(tr("CSDL", "DB"));
  cmd->add_option("--to", o->to, tr("nơi chép đến (mặc định như --from); trong phạm vi chép, nơi đến sẽ giống hệt nơi đi",
                                    "where to copy to (default as --from); within the scope copied it ends equal to the source"))
      ->option_text(tr("CSDL", "DB"));
  mark_required(cmd->add_option("--province", o->province, tr("tỉnh: tên (không cần dấu) hoặc mã", "province: name (accents optional) or code"))
                    ->option_text(tr("TỈNH", "PROVINCE")),
                "province");
  add_year_option(cmd, o->year, tr("chỉ chép một năm", "copy one year only"), false);
  cmd->add_option("--from-year", o->from_year, tr("năm đầu của các năm được chép (đi cùng --to-year)", "first year copied (with --to-year)"))
      ->option_text(tr("NĂM", "YEAR"))
      ->check(integer_between(1990, 2100, tr("một năm", "a year")));
  cmd->add_option("--to-year", o->to_year, tr("năm cuối", "last year copied"))
      ->option_text(tr("NĂM", "YEAR"))
      ->check(integer_between(1990, 2100, tr("một năm", "a year")));
  cmd->add_flag("--dry-run", o->dry_run, tr("chỉ so sánh và báo những gì sẽ thay đổi, không ghi gì", "compare and report what would change; write nothing"));
  add_format_option(cmd, o->format, {"text", "csv", "json"}, tr("cách in bảng thay đổi (mặc định: text)", "format of the table of changes (default: text)"));
  add_global_options(cmd, global);
  cmd->footer(tr("Ví dụ:\n  ntm copy --from dienbien.db --to postgresql://may-chu/ntm --province \"Điện Biên\" --year 2025\n"
                 "  ntm copy --from postgresql://may-chu/ntm --to ban-sao.db --province 11\n"
                 "Chép: số liệu chỉ tiêu, trạng thái tiêu chí, công nhận, vốn, mục tiêu, thống kê, OCOP, phân loại và nhãn xã, "
                 "bộ tiêu chí và ngưỡng riêng của tỉnh, phương án phân bổ đã lưu. Hai nơi phải có sẵn bản đồ đơn vị hành chính "
                 "(tệp: ntm init; máy chủ: ntm server init). Không có năm: chép mọi năm và cả các dòng không gắn năm.",
                 "Examples:\n  ntm copy --from dienbien.db --to postgresql://server/ntm --province \"Điện Biên\" --year 2025\n"
                 "  ntm copy --from postgresql://server/ntm --to copy.db --province 11\n"
                 "Copies: indicator values, criterion statuses, recognitions, funding, targets, statistics, OCOP, commune classes and "
                 "tags, the province's sets and own thresholds, saved allocation plans. Both sides must have the map of units "
                 "(file: ntm init; server: ntm server init). Without years: every year and the rows without a year."));
  on_run(cmd, global, [&global, o] {
    app::CopyOptions options;
    std::string usual = app::database_setting(global.db);
    if (o->from.empty() && o->to.empty())
      throw std::invalid_argument(tr("cho --from, --to hoặc cả hai (cái thiếu là cơ sở dữ liệu thường dùng: ", "give --from, --to or both (the one omitted is the usual database: ") +
                                  usual + ")");
    options.from = o->from.empty() ? usual : o->from;
    options.to = o->to.empty() ? usual : o->to;
    options.province = o->province;
    if (o->year && (o->from_year || o->to_year))
      throw std::invalid_argument(tr("dùng --year hoặc --from-year/--to-year, không dùng cả hai", "use --year or --from-year/--to-year, not both"));
    if (o->year) options.from_year = options.to_year = o->year;
    if (o->from_year) options.from_year = o->from_year;
    if (o->to_year) options.to_year = o->to_year;
    options.dry_run = o->dry_run;

    app::CopyReport report = app::copy_province(options);
    print_changes(report, o->format);
    using C = app::TableChange;
    std::cerr << (options.dry_run ? tr("Chạy thử, không ghi gì: sẽ chép", "Dry run, nothing written: would copy")
                                  : tr("Đã chép", "Copied"))
              << tr(" tỉnh ", " the province ") << report.province_name << " (" << report.province_code << ")"
              << (options.from_year ? (*options.from_year == *options.to_year ? tr(", năm ", ", year ") + std::to_string(*options.from_year)
                                                                              : tr(", các năm ", ", years ") + std::to_string(*options.from_year) +
                                                                                    "-" + std::to_string(*options.to_year))
                                    : tr(", mọi năm", ", every year"))
              << tr(" từ ", " from ") << report.from << tr(" sang ", " to ") << report.to << ": " << tr("thêm ", "added ")
              << format_integer(report.total(&C::added)) << tr(", sửa ", ", changed ") << format_integer(report.total(&C::changed))
              << tr(", xoá ", ", removed ") << format_integer(report.total(&C::removed)) << tr(" dòng; ", " rows; ")
              << format_integer(report.total(&C::same)) << tr(" dòng giữ nguyên.", " rows unchanged.") << "\n";
    return kOk;
  });
}

}  // namespace ntm::cli
