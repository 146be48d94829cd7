// ntm check [SCRIPT] --province P (--year Y | --from Y1 --to Y2) [--tag T] [--district D] [--as-of D] [--set S]
//           [--profile FILE] [--format text|csv|json] [-o FILE] [--findings] [--no-rules] [--save --write]
// ntm check --province all|P1,P2,... (--year Y | --from Y1 --to Y2) [--jobs N]: several provinces in one
// run, side by side in N threads, with a national block.
//
// The review on standard output (or -o FILE); on standard error one summary line, the rules
// their authors have not switched on yet, and with --verbose the scripts' SHA-256.
#include <unistd.h>

#include <chrono>
#include <functional>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/check.h"
#include "app/paths.h"
#include "app/provenance.h"
#include "app/run.h"
#include "cli/check_output.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/help.h"
#include "cli/worker.h"
#include "cli/output_file.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

namespace {

struct Options {
  std::string script = "tieu-chi-xa";
  std::string province, tag, district, set, as_of, profile, format = "text", output;
  int year = 0, from = 0, to = 0;
  long long jobs = 0;   // 0: one thread per core
  bool findings_only = false, no_rules = false, save = false, write = false;
  LimitFlags limits;
};

// "Quy tắc chưa bật (ntm check bỏ qua): a, b — bật bằng cách xóa dòng '-- @disabled' ở đầu tệp."
void say_disabled(const std::vector<std::filesystem::path>& rules) {
  if (rules.empty()) return;
  std::string names;
  for (const auto& r : rules) names += (names.empty() ? "" : ", ") + r.stem().string();
  std::cerr << tr("Quy tắc chưa bật (không chạy): ", "Rules not switched on (not run): ") << names
            << tr(" — bật bằng cách xóa dòng \"-- @disabled\" ở đầu tệp (", " — switch on by deleting the line \"-- @disabled\" at the top (")
            << rules.front().string() << (rules.size() > 1 ? ", …" : "") << ")\n";
}

void emit(const Options& o, const std::string& text) {
  if (o.output.empty()) std::cout << text;
  else write_output_file(o.output, text, o.format == "csv");
}

void emit(const Options& o, const std::function<void(std::ostream&)>& write) {
  if (o.output.empty()) write(std::cout);
  else write_output_file(o.output, write, o.format == "csv");
}

std::string written_to(const Options& o) { return o.output.empty() ? "" : tr("; kết quả ghi vào ", "; written to ") + o.output; }

// Progress on a terminal once a national run has taken more than a second.
class Progress {
 public:
  Progress() : show_(::isatty(2) != 0), started_(std::chrono::steady_clock::now()) {}
  ~Progress() {
    if (said_) std::cerr << "\n";
  }
  void operator()(int year, std::size_t i, std::size_t n, const std::string& code) {
    if (!show_ || std::chrono::steady_clock::now() - started_ <= std::chrono::seconds(1)) return;
    said_ = true;
    std::cerr << "\r" << tr("Đang rà soát năm ", "Reviewing year ") << year << tr(", tỉnh ", ", province ") << (i + 1) << "/"
              << n << " (" << code << ")   " << std::flush;
  }

 private:
  bool show_, said_ = false;
  std::chrono::steady_clock::time_point started_;
};

// What a national run prints: the review (or the span) in the chosen format, or the findings.
// (JSON of a one-year run is written piece by piece instead: see run_national.)
std::string national_text(const Options& o, nlohmann::ordered_json& national, const nlohmann::ordered_json& findings,
                          nlohmann::ordered_json* span) {
  std::ostringstream text;
  if (o.findings_only) {
    if (o.format == "json") text << findings.dump(2) << "\n";
    else if (o.format == "csv") print_findings_csv(findings, text);
    else print_findings_text(findings, text);
  } else if (o.format == "json") {
    nlohmann::ordered_json& out = span ? *span : national;   // printed once: the findings go in, no copy
    out["findings"] = findings;
    std::string dumped = out.dump(2);   // megabytes for the whole country: not copied through a stream
    dumped += "\n";
    return dumped;
  } else if (o.format == "csv") {
    if (span) print_national_period_csv(*span, text);
    else print_national_csv(national, text);
  } else {
    print_national_text(national, findings, text);
    if (span) print_national_period_text(*span, text);
  }
  return text.str();
}

// `--province all` or a list: every province in one process, then the national block; with
// --from/--to the national check of the span's start and end years and the change.
int run_national(const Options& o, app::CheckOptions& options, const std::string& province, int year) {
  if (o.save) throw std::invalid_argument(tr("--save lưu trạng thái của một tỉnh: ghi một --province", "--save stores one province's statuses: name one --province"));
  if (!o.tag.empty() || !o.district.empty())
    throw std::invalid_argument(tr("--tag, --district chỉ dùng cho một tỉnh", "--tag, --district are for one province"));
  // A province the map does not have, or a year no province has data for: the command line's fault.
  auto wrong_argument = [&](const NotFound& e, const std::string& year_flag) {
    bool named = !e.value.empty() || !e.suggestions.empty();
    return std::invalid_argument((named ? "--province " + province : year_flag) + ": " + e.what());
  };
  Progress progress;
  app::Session session(options.db);   // one connection and cache for the whole national check
  app::CheckResult all;
  nlohmann::ordered_json year_review, span;
  nlohmann::ordered_json* national = &year_review;   // with --from/--to: the span's end, not a copy of the country
  std::vector<std::string> province_json;
  if (o.from) {
    try {
      app::check_provinces(session, province, o.to);
    } catch (const NotFound& e) {
      throw wrong_argument(e, "--to " + std::to_string(o.to));
    }
    try {
      span = app::run_national_period(options, province, o.from, o.to, std::cerr, all, std::ref(progress), &session);
    } catch (const NotFound& e) {
      throw wrong_argument(e, "--from " + std::to_string(o.from));   // the end was found above: the start was not
    }
    national = &span["end"];
  } else {
    std::vector<std::string> codes;
    try {
      codes = app::check_provinces(session, province, year);
    } catch (const NotFound& e) {
      throw wrong_argument(e, "--year " + std::to_string(year));
    }
    options.args["year"] = std::to_string(year);
    // For JSON, each province's text is written by the thread that reviewed it.
    year_review = app::run_national(options, codes, std::cerr, all, [&](std::size_t i, std::size_t n, const std::string& code) {
      progress(year, i, n, code);
    }, &session, o.format == "json" && !o.findings_only ? &province_json : nullptr);
  }
  // Read before the output adds the findings to the span (which may move its members).
  std::size_t provinces = (*national)["provinces"].size();
  long communes = (*national)["national"].value("communes", 0L);
  print_provenance(all.scripts_run, std::cerr);
  nlohmann::ordered_json findings = app::findings_json(all.findings);
  if (o.format == "json" && !o.findings_only && !o.from) {
    // The provinces' JSON texts of the one-year run (their reviews lack their results).
    emit(o, [&](std::ostream& out) {
      app::write_national_json(out, *national, province_json, findings);
      out << "\n";
    });
  } else {
    emit(o, national_text(o, *national, findings, o.from ? &span : nullptr));
  }
  say_disabled(all.disabled_rules);
  if (o.from && !span.value("same_provinces", true))
    std::cerr << tr("Lưu ý: năm đầu và năm cuối của giai đoạn không gồm cùng các tỉnh (", "Note: the start and end years of the span "
                    "do not cover the same provinces (")
              << span["start"]["national"].value("provinces", 0) << " / " << span["end"]["national"].value("provinces", 0)
              << tr(" tỉnh); phần tăng giảm cả nước gồm cả các tỉnh chỉ có ở một năm.\n",
                    " provinces); the national change includes provinces present in one year only.\n");
  std::cerr << tr("Đã rà soát ", "Reviewed ") << communes << tr(" xã của ", " communes in ")
            << provinces << tr(" tỉnh; ", " provinces; ") << findings_summary(findings) << written_to(o) << ".\n";
  int status = kOk;
  for (const auto& f : all.findings)
    if (f.level == "error") status = kDataError;
  leave_to_exit(year_review);
  leave_to_exit(span);
  leave_to_exit(findings);
  leave_to_exit(all);
  leave_to_exit(province_json);
  leave_to_exit(session.cache);
  return status;
}

// A year of a span that the data does not have is named by the flag the user typed
// (--from or --to), not by the --year the span's reviews run with.
[[noreturn]] void rethrow_for_span(const lua::ScriptError& e, int from, int to) {
  std::string message = e.what();
  for (int y : {from - 1, from, to}) {
    std::string prefix = "--year " + std::to_string(y);
    if (message.rfind(prefix, 0) == 0) {
      std::string flag = y == to ? "--to " + std::to_string(to) : "--from " + std::to_string(from);
      throw std::invalid_argument(flag + message.substr(prefix.size()));
    }
  }
  throw e;
}

int run(Options& o, const Global& global, CLI::App* cmd) {
  if (o.write && !o.save) throw std::invalid_argument(tr("--write chỉ đi cùng --save", "--write goes with --save"));
  bool span = o.from || o.to;
  if (span) {
    span_year(o.year, o.from, o.to);   // checks the span: both ends, in order, not with --year
    if (o.save)
      throw std::invalid_argument(tr("--save lưu trạng thái của một năm: dùng --year, không dùng --from/--to",
                                     "--save stores one year's statuses: use --year, not --from/--to"));
    if (!o.as_of.empty())
      throw std::invalid_argument(tr("--as-of chọn bản đồ của một năm; với --from/--to mỗi năm dùng bản đồ 31/12 của năm đó",
                                     "--as-of picks one year's map; with --from/--to each year uses its own 31/12 map"));
  }
  app::CheckOptions options;
  options.db = app::database_path(global.db, o.save && o.write ? app::Access::Write : app::Access::Read);
  options.script = o.script;
  options.args = parse_script_args(cmd->remaining());
  // Flags go to the scripts as arguments; ntm.toml's values as defaults, so that a message
  // about a wrong value can say where it came from.
  std::string province = need(o.province, global, "province", "--province");
  int year = span ? o.to : need_year(o.year, global);
  options.defaults = script_defaults(global);
  if (span) options.defaults.erase("year");   // the span's years, never ntm.toml's
  if (!o.province.empty()) options.args["province"] = o.province;
  if (o.year) options.args["year"] = std::to_string(o.year);
  if (!o.tag.empty()) options.args["tag"] = o.tag;
  if (!o.district.empty()) options.args["district"] = o.district;
  if (!o.set.empty()) options.args["set"] = o.set;
  if (!o.as_of.empty()) options.args["as-of"] = o.as_of;
  if (std::string profile = profile_path(o.profile, global); !profile.empty()) options.defaults["profile"] = profile;
  options.rules = !o.no_rules;
  options.limits = o.limits.limits();
  options.jobs = static_cast<unsigned>(o.jobs);
  // Several provinces in one process: "all" (every province with data that year) or a list.
  if (fold(province) == "all" || fold(province) == "ca nuoc" || province.find(',') != std::string::npos)
    return run_national(o, options, province, year);
  check_province(options.db, province, map_date(o.as_of, year));
  // Opened before the review runs, so a read-only or missing file fails before any work.
  std::optional<store::Database> target;
  if (o.save && o.write) target.emplace(app::open_for_writing(options.db));
  app::CheckResult result;
  std::optional<nlohmann::ordered_json> period;
  if (span) {
    try {
      period = app::run_period(options, o.from, o.to, std::cerr, result);
    } catch (const lua::ScriptError& e) {
      if (e.kind != lua::ErrorKind::Usage || e.parameter != "year") throw;
      rethrow_for_span(e, o.from, o.to);
    }
  } else {
    result = app::run_check(options, std::cerr);
  }
  print_provenance(result.scripts_run, std::cerr);
  std::ostringstream text;
  const auto& findings = result.review["findings"];
  if (o.findings_only) {
    if (o.format == "json") text << findings.dump(2) << "\n";
    else if (o.format == "csv") print_findings_csv(findings, text);
    else print_findings_text(findings, text);
  } else if (period) {
    if (o.format == "json") {
      (*period)["findings"] = findings;
      text << period->dump(2) << "\n";
    } else if (o.format == "csv") {
      print_period_csv(*period, text);
    } else {
      print_review_text(result.review, text);
      print_period_text(*period, text);
    }
  } else if (o.format == "json") {
    text << result.review.dump(2) << "\n";
  } else if (o.format == "csv") {
    print_review_csv(result.review, text);
  } else {
    print_review_text(result.review, text);
  }
  emit(o, text.str());
  say_disabled(result.disabled_rules);
  std::size_t communes = result.review.contains("results") ? result.review["results"].size() : 0;
  std::cerr << tr("Đã rà soát ", "Reviewed ") << communes << tr(" xã; ", " communes; ") << findings_summary(findings)
            << written_to(o) << ".\n";
  if (o.save) {
    if (!o.write) {
      std::cerr << tr("Sẽ lưu trạng thái tiêu chí đã tính của ", "Would store the computed statuses of ") << communes
                << tr(" xã; thêm --write để ghi.\n", " communes; add --write to store them.\n");
    } else {
      std::size_t n = app::save_statuses(*target, result.review, result.scripts_run, province, year, map_date(o.as_of, year));
      std::cerr << tr("Đã lưu ", "Stored ") << n << tr(" trạng thái tiêu chí đã tính.\n", " computed criterion statuses.\n");
    }
  }
  // An error-level finding (a commune without data, a missing threshold, figures that do
  // not add up) makes the run fail, so scripts and schedulers see it.
  for (const auto& f : result.findings)
    if (f.level == "error") return kDataError;
  return kOk;
}

}  // namespace

void add_check(CLI::App& app, Global& global) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("check", tr("rà soát tiêu chí các xã và chạy các quy tắc kiểm tra",
                                             "review communes against the criteria and run the check rules"));
  cmd->add_option("script", o->script, tr("script rà soát (mặc định: tieu-chi-xa)", "review script (default: tieu-chi-xa)"))
      ->option_text("SCRIPT");
  add_province_option(cmd, o->province)
      ->description(tr("tỉnh: tên (không cần dấu) hoặc mã; nhiều tỉnh cách nhau bằng dấu phẩy, hoặc all: mọi tỉnh có số liệu năm đó",
                       "province: name (accents optional) or code; several separated by commas, or all: every province "
                       "with data that year"));
  add_year_option(cmd, o->year,
                  tr("năm rà soát (bắt buộc, trừ khi có --from/--to hoặc year trong ntm.toml)",
                     "year of the review (required unless --from/--to or year in ntm.toml)"),
                  false);
  add_span_flags(cmd, o->from, o->to);
  cmd->add_option("--tag", o->tag, tr("chỉ các xã thuộc nhóm này, ví dụ \"Đề án 29 xã biên giới\"",
                                      "only communes in this group, e.g. \"Đề án 29 xã biên giới\""))
      ->option_text(tr("NHÓM", "GROUP"));
  cmd->add_option("--district", o->district, tr("chỉ một huyện", "only one district"))->option_text(tr("HUYỆN", "DISTRICT"));
  add_map_flags(cmd, o->as_of, &o->set);
  add_profile_option(cmd, o->profile);
  add_format_option(cmd, o->format, {"text", "csv", "json"},
                    tr("cách in kết quả (mặc định: text, để đọc)", "output format (default: text, for reading)"));
  cmd->add_option("-o,--output", o->output, tr("ghi ra tệp thay vì màn hình", "write to a file instead of the screen"))
      ->option_text(tr("TỆP", "FILE"));
  cmd->add_flag("--findings", o->findings_only, tr("chỉ in các phát hiện", "print the findings only"));
  cmd->add_flag("--no-rules", o->no_rules, tr("không chạy các quy tắc trong checks/rules", "do not run checks/rules"));
  cmd->add_flag("--save", o->save, tr("lưu trạng thái tiêu chí đã tính (cần --write)", "store the computed statuses (needs --write)"));
  cmd->add_flag("--write", o->write, tr("cho phép ghi vào cơ sở dữ liệu", "allow writing to the database"));
  cmd->add_option("-j,--jobs", o->jobs,
                  tr("số luồng rà soát đồng thời các tỉnh khi có nhiều tỉnh (mặc định: bằng số lõi, tối đa 8; 1: lần lượt từng tỉnh)",
                     "threads reviewing provinces side by side when there are several (default: one per core, at most 8; "
                     "1: one province after another)"))
      ->option_text("N")
      ->check(integer_between(1LL, 64LL, tr("số luồng", "a thread count")));
  add_limit_flags(cmd, o->limits);
  add_global_options(cmd, global);
  cmd->footer(tr("Ví dụ: ntm check --province \"Điện Biên\" --year 2020 --tag \"Đề án 29 xã biên giới\"\n"
                 "       ntm check --province \"Điện Biên\" --from 2016 --to 2020   (giai đoạn)\n"
                 "       ntm check --province all --year 2020   (mọi tỉnh có số liệu, khối cả nước)\n"
                 "       ntm check --province all --from 2016 --to 2020   (cả nước, một giai đoạn)\n"
                 "Quy tắc kiểm tra: scripts/checks/rules/ (ntm scripts liệt kê; ntm new check TÊN tạo quy tắc mới).",
                 "Example: ntm check --province \"Điện Biên\" --year 2020 --tag \"Đề án 29 xã biên giới\"\n"
                 "         ntm check --province \"Điện Biên\" --from 2016 --to 2020   (a span)\n"
                 "         ntm check --province all --year 2020   (every province with data, a national block)\n"
                 "         ntm check --province all --from 2016 --to 2020   (the whole country over a span)\n"
                 "Check rules: scripts/checks/rules/ (listed by ntm scripts; ntm new check NAME makes one)."));
  // A check that saves writes (on a server: a working copy, sent when the worker is done).
  on_run(cmd, global, [&global, o, cmd] {
    if (o->save && o->write)
      return writing(global, [&] { return supervised(o->limits.limits(), std::nullopt, [&] { return run(*o, global, cmd); }); });
    return supervised(o->limits.limits(), global.db, [&] { return run(*o, global, cmd); });
  }, true);
}

}  // namespace ntm::cli
