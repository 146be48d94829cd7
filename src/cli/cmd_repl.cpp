// ntm repl [--db FILE] [limits]: an interactive Lua prompt in the script sandbox. On a
// terminal: GNU readline (line editing, history in ~/.local/share/ntm/history, Tab
// completion); otherwise lines are read from standard input, so the prompt can be scripted.
// Ctrl-C stops the line being evaluated and the prompt comes back.
#include <readline/history.h>
#include <readline/readline.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "app/paths.h"
#include "app/repl.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/worker.h"
#include "cli/table_output.h"
#include "model/i18n.h"
#include "model/units.h"

namespace ntm::cli {

namespace {

app::Repl* g_repl = nullptr;                 // the session, for the signal handler and completion
volatile std::sig_atomic_t g_evaluating = 0;  // 1 while a line runs
volatile std::sig_atomic_t g_cancel_line = 0; // Ctrl-C at the prompt

void on_sigint(int) {
  if (g_evaluating && g_repl) g_repl->interrupt();   // an atomic store: async-signal-safe
  else g_cancel_line = 1;
}

// Called by readline when a read was interrupted by a signal: Ctrl-C at the prompt clears it.
int on_signal_event() {
  if (g_cancel_line) {
    g_cancel_line = 0;
    rl_replace_line("", 0);
    rl_crlf();
    rl_on_new_line();
    rl_redisplay();
  }
  return 0;
}

// Readline's match list: [0] replaces the word (the common prefix of the candidates, cut
// at a UTF-8 boundary; the word itself when they share none), then the candidates, then null.
// Built here rather than by rl_completion_matches, because a candidate may differ from the
// typed word in accents ("nam p" → "Nậm Pồ").
char** attempt_completion(const char* text, int, int) {
  rl_attempted_completion_over = 1;          // no file names
  rl_completion_append_character = '\0';
  rl_completion_suppress_quote = 1;          // the user closes the string
  if (!g_repl) return nullptr;
  auto candidates = g_repl->complete(rl_line_buffer, static_cast<std::size_t>(rl_point)).candidates;
  if (candidates.empty()) return nullptr;
  std::string common = candidates[0];
  for (const auto& c : candidates) {
    std::size_t n = 0;
    while (n < common.size() && n < c.size() && common[n] == c[n]) ++n;
    common.resize(n);
  }
  while (!common.empty() && (static_cast<unsigned char>(common.back()) & 0xC0) == 0x80) common.pop_back();
  if (!common.empty() && static_cast<unsigned char>(common.back()) >= 0xC0) common.pop_back();
  if (candidates.size() == 1) common = candidates[0];
  else if (common.size() < std::strlen(text)) common = text;
  auto** matches = static_cast<char**>(std::malloc((candidates.size() + 2) * sizeof(char*)));
  matches[0] = strdup(common.c_str());
  for (std::size_t i = 0; i < candidates.size(); ++i) matches[i + 1] = strdup(candidates[i].c_str());
  matches[candidates.size() + 1] = nullptr;
  return matches;
}

// Inside a string literal the word is everything after the quote (names have spaces).
char* word_breaks() {
  static char code[] = " \t\n\"'(){}[],;=+-*/<>~^%#";
  static char text[] = "\"'";
  char open = 0;
  for (int i = 0; i < rl_point; ++i) {
    char c = rl_line_buffer[i];
    if (open) { if (c == open) open = 0; }
    else if (c == '"' || c == '\'') open = c;
  }
  return open ? text : code;
}

void print_shown(const lua::Shown& shown, std::ostream& out) {
  switch (shown.kind) {
    case lua::Shown::Kind::Units: {
      TextTable t{shown.columns, shown.rows, std::vector<bool>(shown.columns.size(), false)};
      print_aligned(t, out);
      out << "(" << shown.rows.size() << tr(" xã)\n", " communes)\n");
      break;
    }
    case lua::Shown::Kind::Json: out << shown.json.dump(2) << "\n"; break;
    case lua::Shown::Kind::Text: out << shown.text << "\n"; break;
  }
}

struct ReplOptions {
  std::string province, as_of, set;
  int year = 0;
  LimitFlags limits;
};

int run_repl(const std::string& db, const ReplOptions& o, const std::string& province, int year) {
  app::Repl repl(app::database_path(db, app::Access::Read), o.limits.limits(), std::cout, std::cerr, print_shown, province);
  std::string map_note = repl.set_map(o.as_of, year, o.set);
  g_repl = &repl;
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;                       // no SA_RESTART: a read at the prompt returns
  struct sigaction previous {};
  sigaction(SIGINT, &action, &previous);
  auto history = app::history_path();
  std::error_code ec;
  std::filesystem::create_directories(history.parent_path(), ec);
  bool terminal = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  if (terminal) {
    std::cout << "ntm " << NTM_VERSION << tr(" — Lua trong hộp cát của ntm. .help: trợ giúp, .quit: thoát\n",
                                            " — Lua in the ntm sandbox. .help for help, .quit to leave\n");
    std::cout << tr("Bản đồ: ", "Map: ") << map_note << "\n";
    if (!province.empty())
      std::cout << tr("Tỉnh đang làm việc: ", "Current province: ") << province
                << tr(" (Tab gợi ý tên trong tỉnh này trước)\n", " (Tab offers its names first)\n");
    rl_readline_name = "ntm";
    rl_catch_signals = 0;
    rl_signal_event_hook = on_signal_event;
    rl_attempted_completion_function = attempt_completion;
    rl_completion_word_break_hook = word_breaks;
    rl_completer_quote_characters = nullptr;
    using_history();
    read_history(history.c_str());
    for (;;) {
      char* raw = readline(repl.continuing() ? ">> " : "ntm> ");
      if (!raw) { std::cout << "\n"; break; }
      std::string line = raw;
      std::free(raw);
      if (!line.empty()) {
        add_history(line.c_str());
        if (append_history(1, history.c_str()) != 0) write_history(history.c_str());
      }
      g_evaluating = 1;
      bool more = repl.feed(line);
      g_evaluating = 0;
      if (!more) break;
    }
    history_truncate_file(history.c_str(), 5000);
  } else {
    if (verbose()) std::cerr << "(" << map_note << ")\n";
    std::ofstream log(history, std::ios::app);
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && log) log << line << "\n" << std::flush;
      g_evaluating = 1;
      bool more = repl.feed(line);
      g_evaluating = 0;
      if (!more) break;
    }
  }
  sigaction(SIGINT, &previous, nullptr);
  g_repl = nullptr;
  return kOk;
}

}  // namespace

void add_repl(CLI::App& app, Global& global) {
  auto o = std::make_shared<ReplOptions>();
  auto* cmd = app.add_subcommand("repl", tr("dấu nhắc Lua tương tác trên cơ sở dữ liệu (hộp cát như script)",
                                            "interactive Lua prompt over the database (the script sandbox)"));
  add_province_option(cmd, o->province, false)
      ->description(tr("tỉnh đang làm việc: Tab gợi ý tên trong tỉnh này trước (mặc định: province trong ntm.toml)",
                       "the current province: Tab offers its names first (default: province in ntm.toml)"));
  add_year_option(cmd, o->year, tr("bản đồ và số liệu của năm này (mặc định: year trong ntm.toml, rồi năm mới nhất có số liệu)",
                                   "the map and data of this year (default: year in ntm.toml, then the latest year with data)"),
                  false);
  add_map_flags(cmd, o->as_of, &o->set);
  add_limit_flags(cmd, o->limits);
  add_global_options(cmd, global);
  on_run(cmd, global, [&global, o] {
    std::string province = project_or(o->province, global, "province");
    std::string year = project_or(o->year ? std::to_string(o->year) : "", global, "year");
    ReplOptions given = *o;
    given.set = project_or(o->set, global, "set");
    return supervised(given.limits.limits(), global.db, [&] {
      try {
        return run_repl(global.db, given, province, year.empty() ? 0 : std::stoi(year));
      } catch (const NotFound& e) {
        throw std::invalid_argument("--province " + province + ": " + e.what());
      }
    });
  });
}

}  // namespace ntm::cli
