// ntm init [--db FILE] [--sample NAME [--years Y1-Y2] [--provinces LIST] [--seed N]] [--force]
// One line on standard error says what was made; schema version and rows per table only
// with --verbose.
#include <iostream>
#include <sstream>

#include "app/init.h"
#include "app/paths.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

void add_init(CLI::App& app, Global& global) {
  struct Options {
    std::string sample;
    std::string years, provinces, seed;   // parameters of the national sample's generator
    bool force = false;
    LimitFlags limits{300, 2048, 100'000'000'000LL};
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("init", tr("tạo cơ sở dữ liệu mới (lược đồ, đơn vị hành chính, bộ tiêu chí, dữ liệu mẫu)",
                                            "create a new database (schema, units, criteria sets, optional sample)"));
  std::string samples;
  for (const auto& n : app::sample_names()) samples += (samples.empty() ? "" : tr(" hoặc ", " or ")) + n;
  cmd->add_option("--sample", options->sample, tr("nạp dữ liệu mẫu: ", "load a sample: ") + samples)
      ->option_text(tr("MẪU", "SAMPLE"));
  cmd->add_option("--years", options->years, tr("mẫu national: các năm, ví dụ 2016-2020 hoặc 2020",
                                                 "national sample: the years, e.g. 2016-2020 or 2020"))
      ->option_text(tr("NĂM[-NĂM]", "YEAR[-YEAR]"));
  cmd->add_option("--provinces", options->provinces, tr("mẫu national: mã tỉnh, cách nhau bằng dấu phẩy (mặc định: cả nước)",
                                                     "national sample: province codes, comma-separated (default: the whole country)"))
      ->option_text(tr("MÃ,MÃ...", "CODE,CODE..."));
  cmd->add_option("--seed", options->seed, tr("mẫu national: hạt giống số ngẫu nhiên (cùng hạt giống, cùng dữ liệu)",
                                            "national sample: random seed (same seed, same rows)"))
      ->option_text("N")
      ->check(integer_between(-9'007'199'254'740'991LL, 9'007'199'254'740'991LL, tr("một số nguyên", "an integer")));
  cmd->add_flag("--force", options->force, tr("tạo lại nếu tệp đã có (dữ liệu cũ sẽ mất)", "recreate when the file exists (its data is lost)"));
  add_limit_flags(cmd, options->limits);
  add_global_options(cmd, global);
  cmd->footer(tr("Ví dụ: ntm init --sample dien-bien-2020 --db out/dien-bien-2020.db\n"
                 "       ntm init --sample national --years 2016-2020 --provinces 11,24 --db out/ca-nuoc.db",
                 "Example: ntm init --sample dien-bien-2020 --db out/dien-bien-2020.db\n"
                 "         ntm init --sample national --years 2016-2020 --provinces 11,24 --db out/ca-nuoc.db"));
  on_run(cmd, global, [&global, options] {
    app::InitOptions init;
    const std::string setting = app::database_setting(global.db);
    const bool server = app::is_postgres_address(setting);
    if (!server) init.db = app::database_path(global.db);
    init.sample = options->sample;
    // Only the national generator takes parameters; elsewhere they would be ignored silently.
    for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"years", options->years},
                                     {"provinces", options->provinces}, {"seed", options->seed}}) {
      if (value.empty()) continue;
      if (options->sample != "national")
        throw std::invalid_argument("--" + std::string(key) + tr(" chỉ dùng với --sample national", " only goes with --sample national"));
      init.sample_params[key] = value;
    }
    init.force = options->force;
    init.limits = options->limits.limits();
    std::ostringstream detail;
    app::InitSummary made = server ? app::init_server_database(setting, init, detail) : app::init_database(init, detail);
    if (verbose()) std::cerr << detail.str();
    std::cerr << (server ? tr("Đã chuẩn bị cơ sở dữ liệu trên máy chủ PostgreSQL ", "Prepared the database on the PostgreSQL server ") + made.server
                         : tr("Đã tạo cơ sở dữ liệu ", "Created database ") + init.db.string())
              << " (" << format_integer(made.units)
              << tr(" đơn vị hành chính qua các thời kỳ, ", " administrative units over time, ") << made.criteria_sets << tr(" bộ tiêu chí", " criteria sets")
              << (init.sample.empty() ? "" : tr(", dữ liệu mẫu ", ", sample ") + init.sample) << ").\n";
    return kOk;
  });
}

}  // namespace ntm::cli
