// ntm scripts: the shipped (and the user's) scripts with their descriptions and parameters.
#include <iostream>

#include "app/paths.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/script_list.h"
#include "model/i18n.h"

namespace ntm::cli {

void add_scripts(CLI::App& app, Global& global) {
  auto* cmd = app.add_subcommand("scripts", tr("liệt kê các script có sẵn, mô tả và tham số", "list available scripts with descriptions and parameters"));
  add_global_options(cmd, global);
  on_run(cmd, global, [] {
    std::string folders;
    for (const auto& d : app::script_dirs()) folders += (folders.empty() ? "" : ", ") + d.string();
    std::cout << script_list({"checks", "checks/rules", "reports", "allocations", "examples"}, true)
              << "\n" << tr("Tìm trong: ", "Looked in: ") << folders << "\n";
    return kOk;
  });
}

}  // namespace ntm::cli
