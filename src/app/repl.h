// The session behind `ntm repl`: one Host for the whole session (globals persist from line
// to line), the same limits for every input, multi-line input, dot commands, and the
// completion of names. The terminal side (readline, signals) lives in cli/cmd_repl.cpp.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "lua/evaluate.h"
#include "lua/host.h"
#include "store/database.h"

namespace ntm::app {

class Repl {
 public:
  // How values are printed: the cli passes a printer that aligns tables.
  using Printer = std::function<void(const lua::Shown&, std::ostream&)>;

  // Opens `db` read-only for scripts (throws as open_for_scripts when missing). `province`
  // (a name or code; "" for none) is the current province: completion offers its places
  // first. Throws NotFound when the database has no such province.
  Repl(const std::filesystem::path& db, const lua::Limits& limits, std::ostream& out, std::ostream& err,
       Printer printer, const std::string& province = {});
  ~Repl();
  Repl(const Repl&) = delete;
  Repl& operator=(const Repl&) = delete;

  // Feeds one line of input. An unfinished chunk waits for more lines; a finished one is
  // evaluated with a fresh budget of the limits; values go to `out`, errors and stops to
  // `err`. Returns false after .quit / .exit.
  bool feed(const std::string& line);
  // True while a multi-line chunk waits for its end (the prompt shows ">> ").
  bool continuing() const { return !pending_.empty(); }
  // The map and criteria set of the session (--as-of / --year / --set); see question_map().
  // Returns the sentence that says which map.
  std::string set_map(const std::string& as_of, int year, const std::string& set);
  // Stops the input being evaluated (from a SIGINT handler).
  void interrupt() { host_->interrupt(); }

  struct Completion {
    std::size_t start = 0;                  // where the word being completed starts
    std::vector<std::string> candidates;    // replacements for line[start, cursor)
  };
  // Completes the word before `cursor`: `ntm.` names and other globals, a handle's methods
  // after "x:", and inside a string literal the names of provinces, districts and communes
  // (accents optional: "nam p" → "Nậm Pồ"): those of the current province first, the rest of
  // the country only when none of them fits; each list in Vietnamese order.
  Completion complete(const std::string& line, std::size_t cursor) const;

  static std::string help_text();

 private:
  void run(const std::string& source);

  store::Database db_;
  std::unique_ptr<lua::Context> context_;
  std::unique_ptr<lua::Host> host_;
  std::ostream& out_;
  std::ostream& err_;
  Printer printer_;
  std::string pending_;
  std::vector<std::string> local_names_;  // places of the current province (and its name), Vietnamese order
  std::vector<std::string> unit_names_;   // every other place name, distinct, Vietnamese order
  int counter_ = 0;
};

// Where the history of `ntm repl` is kept: $HOME/.local/share/ntm/history.
std::filesystem::path history_path();

}  // namespace ntm::app
