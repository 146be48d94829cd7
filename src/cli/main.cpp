// ntm: the command line. Parses the global options, hands the work to a subcommand and
// turns failures into the documented exit statuses (0 done, 1 script or data error,
// 2 bad command line, 3 a resource limit stopped the script).
#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/terminal.h"
#include "model/i18n.h"

int main(int argc, char** argv) {
  using namespace ntm;
  cli::escape_controls_on_terminal(std::cout, 1);
  cli::escape_controls_on_terminal(std::cerr, 2);
  // The language must be known before the help texts are built.
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--lang") && !std::strcmp(argv[i + 1], "en")) current_lang() = Lang::En;
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--lang=en")) current_lang() = Lang::En;

  CLI::App app(tr("ntm — dữ liệu và báo cáo Chương trình MTQG xây dựng nông thôn mới, với script Lua",
                  "ntm — New Rural Development programme data and reports, scripted in Lua"),
               "ntm");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("ntm ") + NTM_VERSION);
  cli::Global global;
  cli::add_db_option(&app, global.db);
  app.add_option("--lang", global.lang, tr("ngôn ngữ thông báo: vi hoặc en", "message language: vi or en"))
      ->check(CLI::IsMember({"vi", "en"}));
  cli::add_init(app, global);
  cli::add_run(app, global);
  cli::add_query(app, global);
  cli::add_scripts(app, global);
  cli::add_check(app, global);
  cli::add_report(app, global);
  cli::add_allocate(app, global);
  cli::add_import(app, global);
  cli::add_export(app, global);
  cli::add_repl(app, global);
  cli::add_doc(app, global);
  cli::add_new(app, global);
  cli::add_test(app, global);
  cli::add_map(app, global);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << tr("Lỗi dòng lệnh: ", "Command-line error: ") << e.what() << "\n"
              << tr("Xem: ntm --help", "See: ntm --help") << "\n";
    return cli::kUsage;
  }
  return global.status;
}
