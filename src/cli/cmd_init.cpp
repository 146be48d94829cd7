// ntm init [--db FILE] [--sample NAME [--years Y1-Y2] [--provinces LIST] [--seed N]] [--force]
#include <iostream>

#include "app/init.h"
#include "app/paths.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "model/i18n.h"

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
  cmd->add_option("--sample", options->sample, tr("nạp dữ liệu mẫu: dien-bien-2020, dien-bien-2026, bac-giang-2020 hoặc national (cả nước, tổng hợp)",
                                                  "load a sample: dien-bien-2020, dien-bien-2026, bac-giang-2020 or national (the whole country, synthetic)"));
  cmd->add_option("--years", options->years, tr("mẫu national: các năm, ví dụ 2016-2020 hoặc 2020",
                                                 "national sample: the years, e.g. 2016-2020 or 2020"));
  cmd->add_option("--provinces", options->provinces, tr("mẫu national: mã tỉnh, cách nhau bằng dấu phẩy (mặc định: cả nước)",
                                                     "national sample: province codes, comma-separated (default: the whole country)"));
  cmd->add_option("--seed", options->seed, tr("mẫu national: hạt giống số ngẫu nhiên (cùng hạt giống, cùng dữ liệu)",
                                            "national sample: random seed (same seed, same rows)"));
  cmd->add_flag("--force", options->force, tr("tạo lại nếu tệp đã có", "recreate when the file exists"));
  add_db_option(cmd, global.db);
  add_limit_flags(cmd, options->limits);
  cmd->callback([&global, options] {
    global.status = guarded([&] {
      app::InitOptions init;
      init.db = app::database_path(global.db);
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
      app::init_database(init, std::cout);
      return kOk;
    });
  });
}

}  // namespace ntm::cli
