// ntm: the command line. Parses the global options, hands the work to a subcommand and
// turns failures into the documented exit statuses (0 done, 1 script or data error,
// 2 bad command line, 3 a resource limit stopped the script).
//
// Every text a user reads comes from us, not from CLI11: help is rendered by HelpFormatter,
// values are checked by validators with our messages, words no command takes are reported by
// reject_extras(), and CLI11's own parse errors are rephrased by parse_error_message().
#include <CLI/CLI.hpp>


#include <cstring>
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/help.h"
#include "cli/terminal.h"
#include "cli/worker.h"
#include "model/i18n.h"
#include "store/huge_pages.h"

int main(int argc, char** argv) {
  using namespace ntm;
  // A national run frees one province's units and values and builds the next one's, and
  // builds a map of 16,000 units: the allocator keeps what is freed, and its heaps are backed
  // by huge pages where the kernel lets a program ask (store/huge_pages.h).
  store::tune_heap();
  cli::escape_controls_on_terminal(std::cout, 1);
  cli::escape_controls_on_terminal(std::cerr, 2);
  // The language must be known before the help texts are built.
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--lang") && !std::strcmp(argv[i + 1], "en")) current_lang() = Lang::En;
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--lang=en")) current_lang() = Lang::En;

  CLI::App app(tr("dữ liệu và báo cáo Chương trình MTQG xây dựng nông thôn mới, với script Lua",
                  "New Rural Development programme data and reports, scripted in Lua"),
               "ntm");
  // Set before the subcommands are added: they inherit the formatter and the help flag.
  app.formatter(std::make_shared<cli::HelpFormatter>());
  app.set_help_flag("-h,--help", tr("in trợ giúp này", "print this help"));
  app.set_version_flag("--version", std::string("ntm ") + NTM_VERSION, tr("in số phiên bản", "print the version"));
  app.allow_extras();   // words nobody takes are reported by us, with suggestions
  // At most one command, so that a later word naming a command ("ntm new check x") is an
  // argument of the first; none at all prints the list of commands.
  app.require_subcommand(0, 1);
  cli::Global global;
  cli::add_db_option(&app, global.db);
  app.add_option("--lang", global.lang, tr("ngôn ngữ thông báo: vi (mặc định) hoặc en", "message language: vi (default) or en"))
      ->option_text("vi|en")
      ->check(cli::one_of({"vi", "en"}));
  app.add_flag("-v,--verbose", global.verbose,
               tr("in thêm chi tiết kỹ thuật: mã SHA-256 của script, số dòng đã nạp, toàn bộ vết lỗi Lua",
                  "also print technical detail: script SHA-256, rows loaded, whole Lua tracebacks"));
  cli::add_init(app, global);
  cli::add_check(app, global);
  cli::add_report(app, global);
  cli::add_allocate(app, global);
  cli::add_import(app, global);
  cli::add_export(app, global);
  cli::add_query(app, global);
  cli::add_run(app, global);
  cli::add_scripts(app, global);
  cli::add_repl(app, global);
  cli::add_doc(app, global);
  cli::add_new(app, global);
  cli::add_test(app, global);
  cli::add_map(app, global);
  cli::add_config(app, global);
  cli::add_server(app, global);
  cli::add_user(app, global);
  cli::add_copy(app, global);
  app.footer(tr("Trợ giúp của một lệnh: ntm LỆNH --help (ví dụ: ntm check --help).\n"
                "Mặc định của dự án (tỉnh, năm, cơ sở dữ liệu) nằm trong ntm.toml: ntm config list.",
                "Help on a command: ntm COMMAND --help (e.g. ntm check --help).\n"
                "Project defaults (province, year, database) live in ntm.toml: ntm config list."));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << tr("Lỗi dòng lệnh: ", "Command-line error: ") << cli::parse_error_message(e) << "\n";
    return cli::kUsage;
  }
  cli::verbose() = global.verbose;
  try {
    cli::reject_extras(&app);
  } catch (const std::invalid_argument& e) {
    std::cerr << tr("Lỗi dòng lệnh: ", "Command-line error: ") << e.what() << "\n";
    return cli::kUsage;
  }
  if (!global.action) {   // `ntm` alone: what there is to do
    std::cout << app.help();
    return cli::kOk;
  }
  return cli::end_process(cli::guarded(global.action));
}
