// ntm check [SCRIPT] --province P --year Y [--tag T] [--district D] [--format text|csv|json]
//           [-o FILE] [--findings] [--no-rules] [--save --write]
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

namespace ntm::cli {

void add_check(CLI::App& app, Global& global) {
  struct Options {
    std::string script = "tieu-chi-xa";
    std::string province, tag, district, set, as_of, format = "text", output;
    int year = 0;
    bool findings_only = false, no_rules = false, save = false, write = false;
    LimitFlags limits;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("check", tr("rà soát tiêu chí các xã và chạy các quy tắc kiểm tra",
                                             "review communes against the criteria and run the check rules"));
  cmd->add_option("script", o->script, tr("script rà soát (mặc định: tieu-chi-xa)", "review script (default: tieu-chi-xa)"));
  cmd->add_option("--province", o->province, tr("tỉnh (tên hoặc mã, không cần dấu)", "province (name or code)"))->required();
  cmd->add_option("--year", o->year, tr("năm", "year"))->required()->check(CLI::Range(1990, 2100));
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
      check_province(options.db, o->province, map_date(o->as_of, o->year));
      // Opened before the review runs, so a read-only or missing file fails before any work.
      std::optional<store::Database> target;
      if (o->save && o->write) target.emplace(app::open_for_writing(options.db));
      auto result = app::run_check(options, std::cerr);
      app::print_script_hashes(result.scripts_run, std::cerr);
      std::ostringstream text;
      if (o->findings_only) {
        if (o->format == "json") text << result.review["findings"].dump(2) << "\n";
        else if (o->format == "csv") print_findings_csv(result.review["findings"], text);
        else print_findings_text(result.review["findings"], text);
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
