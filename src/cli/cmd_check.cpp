// ntm check [SCRIPT] --province P (--year Y | --from Y1 --to Y2) [--tag T] [--district D] [--format text|csv|json]
//           [-o FILE] [--findings] [--no-rules] [--save --write]
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/check.h"
#include "app/provenance.h"
#include "app/paths.h"
#include "cli/check_output.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/worker.h"
#include "cli/output_file.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

void add_check(CLI::App& app, Global& global) {
  struct Options {
    std::string script = "tieu-chi-xa";
    std::string province, tag, district, set, as_of, format = "text", output;
    int year = 0, from = 0, to = 0;
    bool findings_only = false, no_rules = false, save = false, write = false;
    LimitFlags limits;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("check", tr("rà soát tiêu chí các xã và chạy các quy tắc kiểm tra",
                                             "review communes against the criteria and run the check rules"));
  cmd->add_option("script", o->script, tr("script rà soát (mặc định: tieu-chi-xa)", "review script (default: tieu-chi-xa)"));
  cmd->add_option("--province", o->province,
                  tr("tỉnh (tên hoặc mã, không cần dấu); nhiều tỉnh cách nhau bằng dấu phẩy, hoặc all: mọi tỉnh có số liệu năm đó",
                     "province (name or code); several separated by commas, or all: every province with data that year"))->required();
  cmd->add_option("--year", o->year, tr("năm", "year"))->check(CLI::Range(1990, 2100));
  add_span_flags(cmd, o->from, o->to);
  cmd->add_option("--tag", o->tag, tr("chỉ các xã có nhóm (tag) này", "only communes with this tag"));
  cmd->add_option("--district", o->district, tr("chỉ một huyện", "only one district"));
  add_map_flags(cmd, o->as_of, &o->set);
  cmd->add_option("--format", o->format, "text | csv | json")->check(CLI::IsMember({"text", "csv", "json"}));
  cmd->add_option("-o,--output", o->output, tr("ghi ra tệp thay vì màn hình", "write to a file instead of the screen"));
  cmd->add_flag("--findings", o->findings_only, tr("chỉ in các phát hiện", "print the findings only"));
  cmd->add_flag("--no-rules", o->no_rules, tr("không chạy các quy tắc trong checks/rules", "do not run checks/rules"));
  cmd->add_flag("--save", o->save, tr("lưu trạng thái tiêu chí đã tính (cần --write)", "store the computed statuses (needs --write)"));
  cmd->add_flag("--write", o->write, tr("cho phép ghi vào cơ sở dữ liệu", "allow writing to the database"));
  add_db_option(cmd, global.db);
  add_limit_flags(cmd, o->limits);
  cmd->allow_extras();
  cmd->callback([&global, o, cmd] {
    global.status = supervised(o->limits.limits(), [&] {
      if (o->write && !o->save) throw std::invalid_argument(tr("--write chỉ đi cùng --save", "--write goes with --save"));
      o->year = span_year(o->year, o->from, o->to);
      if (o->from && o->save)
        throw std::invalid_argument(tr("--save lưu trạng thái của một năm: dùng --year, không dùng --from/--to",
                                       "--save stores one year's statuses: use --year, not --from/--to"));
      if (o->from && !o->as_of.empty())
        throw std::invalid_argument(tr("--as-of chọn bản đồ của một năm; với --from/--to mỗi năm dùng bản đồ 31/12 của năm đó",
                                       "--as-of picks one year's map; with --from/--to each year uses its own 31/12 map"));
      app::CheckOptions options;
      options.db = app::database_path(global.db);
      options.script = o->script;
      options.args = parse_script_args(cmd->remaining());
      options.args["province"] = o->province;
      options.args["year"] = std::to_string(o->year);
      if (!o->tag.empty()) options.args["tag"] = o->tag;
      if (!o->district.empty()) options.args["district"] = o->district;
      if (!o->set.empty()) options.args["set"] = o->set;
      if (!o->as_of.empty()) options.args["as-of"] = o->as_of;
      options.rules = !o->no_rules;
      options.limits = o->limits.limits();
      // Several provinces in one process: "all" (every province with data that year) or a list.
      bool national = fold(o->province) == "all" || fold(o->province) == "ca nuoc" || o->province.find(',') != std::string::npos;
      if (national) {
        if (o->save) throw std::invalid_argument(tr("--save lưu trạng thái của một tỉnh: ghi một --province", "--save stores one province's statuses: name one --province"));
        if (o->from) throw std::invalid_argument(tr("--from/--to cho nhiều tỉnh chưa có; chạy từng năm với --year", "--from/--to over several provinces is not available yet; run each year with --year"));
        if (!o->tag.empty() || !o->district.empty())
          throw std::invalid_argument(tr("--tag, --district chỉ dùng cho một tỉnh", "--tag, --district are for one province"));
        std::vector<std::string> codes = app::check_provinces(options.db, o->province, o->year);
        bool show = ::isatty(2) != 0;
        auto started = std::chrono::steady_clock::now();
        app::CheckResult all;
        auto national_json = app::run_national(options, codes, std::cerr, all, [&](std::size_t i, std::size_t n, const std::string& code) {
          // Progress on a terminal once the run has taken more than a second.
          if (show && std::chrono::steady_clock::now() - started > std::chrono::seconds(1))
            std::cerr << "\r" << tr("Đang rà soát tỉnh ", "Reviewing province ") << (i + 1) << "/" << n << " (" << code << ")   " << std::flush;
        });
        if (show && std::chrono::steady_clock::now() - started > std::chrono::seconds(1)) std::cerr << "\n";
        app::print_script_hashes(all.scripts_run, std::cerr);
        nlohmann::ordered_json findings = app::findings_json(all.findings);
        std::ostringstream text;
        if (o->findings_only) {
          if (o->format == "json") text << findings.dump(2) << "\n";
          else if (o->format == "csv") print_findings_csv(findings, text);
          else print_findings_text(findings, text);
        } else if (o->format == "json") {
          national_json["findings"] = findings;
          text << national_json.dump(2) << "\n";
        } else if (o->format == "csv") {
          print_national_csv(national_json, text);
        } else {
          print_national_text(national_json, findings, text);
        }
        if (o->output.empty()) std::cout << text.str();
        else write_output_file(o->output, text.str(), o->format == "csv");
        for (const auto& f : all.findings)
          if (f.level == "error") return kDataError;
        return kOk;
      }
      check_province(options.db, o->province, map_date(o->as_of, o->year));
      // Opened before the review runs, so a read-only or missing file fails before any work.
      std::optional<store::Database> target;
      if (o->save && o->write) target.emplace(app::open_for_writing(options.db));
      app::CheckResult result;
      std::optional<nlohmann::ordered_json> period;
      if (o->from) period = app::run_period(options, o->from, o->to, std::cerr, result);
      else result = app::run_check(options, std::cerr);
      app::print_script_hashes(result.scripts_run, std::cerr);
      std::ostringstream text;
      if (o->findings_only) {
        if (o->format == "json") text << result.review["findings"].dump(2) << "\n";
        else if (o->format == "csv") print_findings_csv(result.review["findings"], text);
        else print_findings_text(result.review["findings"], text);
      } else if (period) {
        if (o->format == "json") {
          (*period)["findings"] = result.review["findings"];
          text << period->dump(2) << "\n";
        } else if (o->format == "csv") {
          print_period_csv(*period, text);
        } else {
          print_review_text(result.review, text);
          print_period_text(*period, text);
        }
      } else if (o->format == "json") {
        text << result.review.dump(2) << "\n";
      } else if (o->format == "csv") {
        print_review_csv(result.review, text);
      } else {
        print_review_text(result.review, text);
      }
      if (o->output.empty()) std::cout << text.str();
      else write_output_file(o->output, text.str(), o->format == "csv");
      if (o->save) {
        if (!o->write) {
          std::size_t rows = result.review["results"].size();
          std::cerr << tr("Sẽ lưu trạng thái tiêu chí đã tính của ", "Would store the computed statuses of ") << rows
                    << tr(" xã; thêm --write để ghi.\n", " communes; add --write to store them.\n");
        } else {
          std::size_t n = app::save_statuses(*target, result.review, result.scripts_run, o->province, o->year,
                                            map_date(o->as_of, o->year));
          std::cerr << tr("Đã lưu ", "Stored ") << n << tr(" trạng thái tiêu chí (computed).\n", " computed criterion statuses.\n");
        }
      }
      // An error-level finding (a commune without data, a missing threshold, figures that do
      // not add up) makes the run fail, so scripts and schedulers see it.
      for (const auto& f : result.findings)
        if (f.level == "error") return kDataError;
      return kOk;
    });
  });
}

}  // namespace ntm::cli
