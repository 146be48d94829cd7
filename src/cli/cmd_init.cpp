// ntm init [--db FILE] [--sample NAME] [--force]
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
  cmd->add_flag("--force", options->force, tr("tạo lại nếu tệp đã có (dữ liệu cũ sẽ mất)", "recreate when the file exists (its data is lost)"));
  add_limit_flags(cmd, options->limits);
  add_global_options(cmd, global);
  cmd->footer(tr("Ví dụ: ntm init --sample dien-bien-2020 --db out/dien-bien-2020.db",
                 "Example: ntm init --sample dien-bien-2020 --db out/dien-bien-2020.db"));
  on_run(cmd, global, [&global, options] {
    app::InitOptions init;
    init.db = app::database_path(global.db);
    init.sample = options->sample;
    init.force = options->force;
    init.limits = options->limits.limits();
    std::ostringstream detail;
    app::InitSummary made = app::init_database(init, detail);
    if (verbose()) std::cerr << detail.str();
    std::cerr << tr("Đã tạo cơ sở dữ liệu ", "Created database ") << init.db.string() << " (" << format_integer(made.units)
              << tr(" đơn vị hành chính qua các thời kỳ, ", " administrative units over time, ") << made.criteria_sets << tr(" bộ tiêu chí", " criteria sets")
              << (init.sample.empty() ? "" : tr(", dữ liệu mẫu ", ", sample ") + init.sample) << ").\n";
    return kOk;
  });
}

}  // namespace ntm::cli
