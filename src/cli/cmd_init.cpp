// ntm init [--db FILE] [--sample NAME] [--force]
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
    bool force = false;
    LimitFlags limits{300, 2048, 100'000'000'000LL};
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("init", tr("tạo cơ sở dữ liệu mới (lược đồ, đơn vị hành chính, bộ tiêu chí, dữ liệu mẫu)",
                                            "create a new database (schema, units, criteria sets, optional sample)"));
  cmd->add_option("--sample", options->sample, tr("nạp dữ liệu mẫu: dien-bien-2020 hoặc bac-giang-2020",
                                                  "load a sample: dien-bien-2020 or bac-giang-2020"));
  cmd->add_flag("--force", options->force, tr("tạo lại nếu tệp đã có", "recreate when the file exists"));
  add_db_option(cmd, global.db);
  add_limit_flags(cmd, options->limits);
  cmd->callback([&global, options] {
    global.status = guarded([&] {
      app::InitOptions init;
      init.db = app::database_path(global.db);
      init.sample = options->sample;
      init.force = options->force;
      init.limits = options->limits.limits();
      app::init_database(init, std::cout);
      return kOk;
    });
  });
}

}  // namespace ntm::cli
