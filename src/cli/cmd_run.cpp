// ntm run SCRIPT [--name value ...] [--help]
// Without SCRIPT, --help lists the scripts there are; with it, the script's own parameters.
#include <iostream>

#include "app/paths.h"
#include "app/provenance.h"
#include "app/run.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/script_list.h"
#include "cli/worker.h"
#include "model/i18n.h"

namespace ntm::cli {

void add_run(CLI::App& app, Global& global) {
  struct Options {
    std::string script;
    bool help = false;
    LimitFlags limits;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("run", tr("chạy một script Lua trên cơ sở dữ liệu; tham số của script viết --tên giá_trị",
                                           "run a Lua script on the database; script parameters as --name value"));
  cmd->set_help_flag();
  cmd->add_option("script", options->script, tr("đường dẫn hoặc tên script (xem danh sách bên dưới)", "script path or name (see the list below)"))
      ->option_text("SCRIPT");
  cmd->add_flag("-h,--help", options->help, tr("trợ giúp; kèm SCRIPT: liệt kê tham số của script", "help; with SCRIPT: the script's parameters"));
  add_limit_flags(cmd, options->limits);
  add_global_options(cmd, global);
  on_run(cmd, global, [&global, options, cmd] { return supervised(options->limits.limits(), global.db, [&] {
    if (options->script.empty()) {
      if (!options->help) throw std::invalid_argument(tr("thiếu SCRIPT (xem: ntm run --help)", "missing SCRIPT (see: ntm run --help)"));
      std::cout << cmd->help("ntm") << "\n" << script_list({"checks", "examples", "reports", "allocations"});
      return kOk;
    }
    auto script = app::find_script(options->script);
    if (!script)
      throw std::invalid_argument(tr("không tìm thấy script '", "script not found: '") + options->script +
                                  tr("' (danh sách: ntm run --help)", "' (list: ntm run --help)"));
    if (options->help) {
      app::print_script_help(*script, app::describe_script(*script), std::cout);
      return kOk;
    }
    auto args = parse_script_args(cmd->remaining());
    auto result = app::run_script(app::database_path(global.db, app::Access::Read), *script, args, options->limits.limits(), std::cout,
                                  std::cerr, {}, false, script_defaults(global));
    print_provenance(result.scripts_run, std::cerr);   // which code produced the output, with --verbose
    return kOk;
  }); }, true);
}

}  // namespace ntm::cli
