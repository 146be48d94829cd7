// ntm scripts: the shipped (and the user's) scripts with their descriptions and parameters.
#include <algorithm>
#include <iostream>

#include "app/paths.h"
#include "app/run.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "model/i18n.h"

namespace ntm::cli {

void add_scripts(CLI::App& app, Global& global) {
  auto* cmd = app.add_subcommand("scripts", tr("liệt kê các script có sẵn, mô tả và tham số", "list available scripts with descriptions and parameters"));
  cmd->callback([&global] {
    global.status = guarded([&] {
      namespace fs = std::filesystem;
      for (const auto& dir : app::script_dirs()) {
        std::vector<fs::path> files;
        for (const char* kind : {"checks", "reports", "allocations", "examples"}) {
          std::error_code ec;
          if (!fs::is_directory(dir / kind, ec)) continue;
          for (const auto& e : fs::directory_iterator(dir / kind))
            if (e.path().extension() == ".lua") files.push_back(e.path());
        }
        std::sort(files.begin(), files.end());
        if (files.empty()) continue;
        std::cout << "== " << dir.string() << "\n";
        for (const auto& f : files) {
          auto info = app::describe_script(f);
          std::cout << fs::relative(f, dir).replace_extension().string() << "\n";
          if (!info.description.empty()) std::cout << "    " << info.description << "\n";
          for (const auto& p : info.params) {
            std::cout << "    --" << p.name << " <" << p.type << ">";
            if (p.required) std::cout << tr(" (bắt buộc)", " (required)");
            if (p.has_default) std::cout << " = " << p.default_value;
            if (!p.help.empty()) std::cout << "  " << p.help;
            std::cout << "\n";
          }
        }
      }
      return kOk;
    });
  });
}

}  // namespace ntm::cli
