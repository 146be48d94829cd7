// ntm run SCRIPT [--name value ...] [--help]
#include <iostream>

#include "app/paths.h"
#include "app/provenance.h"
#include "app/run.h"
#include "cli/commands.h"
#include "cli/common.h"
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
  cmd->add_flag("-h,--help", options->help, tr("liệt kê tham số của script", "list the script's parameters"));
  cmd->add_option("script", options->script, tr("đường dẫn hoặc tên script", "script path or name"))->required();
  add_db_option(cmd, global.db);
  add_limit_flags(cmd, options->limits);
  cmd->allow_extras();
  cmd->callback([&global, options, cmd] {
    global.status = supervised(options->limits.limits(), [&] {
      auto script = app::find_script(options->script);
      if (!script) throw std::invalid_argument(tr("không tìm thấy script '", "script not found: '") + options->script + "'");
      if (options->help) {
        app::print_script_help(*script, app::describe_script(*script), std::cout);
        return kOk;
      }
      auto args = parse_script_args(cmd->remaining());
      auto result = app::run_script(app::database_path(global.db), *script, args, options->limits.limits(), std::cout, std::cerr);
      // Provenance: exactly which code produced the output.
      app::print_script_hashes(result.scripts_run, std::cerr);
      return kOk;
    });
  });
}

}  // namespace ntm::cli
