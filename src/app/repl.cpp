#include "app/repl.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "app/paths.h"
#include "app/run.h"
#include "model/i18n.h"
#include "model/text.h"
#include "model/units.h"

namespace ntm::app {

namespace fs = std::filesystem;

namespace {

// A line typed as "local x = 1" would lose x when its chunk ends: at the prompt a leading
// `local` makes a global instead, so the name is there on the next line.
std::string globalise(const std::string& source) {
  std::size_t a = source.find_first_not_of(" \t");
  if (a == std::string::npos || source.compare(a, 6, "local ") != 0) return source;
  std::string rest = source.substr(a + 6);
  std::size_t b = rest.find_first_not_of(" \t");
  if (b == std::string::npos) return source;
  rest = rest.substr(b);
  if (rest.rfind("function ", 0) == 0) return rest;
  // "local a, b" with no '=' declares nils.
  std::size_t eq = rest.find('=');
  if (eq == std::string::npos || (eq + 1 < rest.size() && rest[eq + 1] == '=')) return rest + " = nil";
  if (rest.find('<') < eq) return source;   // attribs (<const>, <close>): leave as typed
  return rest;
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

fs::path history_path() {
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".local" / "share" / "ntm" / "history";
}

Repl::Repl(const fs::path& db, const lua::Limits& limits, std::ostream& out, std::ostream& err, Printer printer,
           const std::string& province)
    : db_(open_for_scripts(db)), out_(out), err_(err), printer_(std::move(printer)) {
  context_ = std::make_unique<lua::Context>(db_, out, err);
  context_->script_dirs = script_dirs();
  host_ = std::make_unique<lua::Host>(*context_, limits);
  // The current province's places under any of its maps (a commune merged away keeps its
  // old name in the history), then the rest of the country.
  std::set<std::string> local;
  if (!province.empty()) {
    auto stmt = db_.prepare(R"(
      WITH RECURSIVE tree(id) AS (
        SELECT ?1 UNION SELECT p.unit_id FROM unit_period p JOIN tree t ON p.parent_id = t.id)
      SELECT DISTINCT p.name FROM tree t JOIN unit_period p ON p.unit_id = t.id JOIN unit u ON u.id = t.id
      WHERE u.kind IN ('province', 'district', 'commune'))");
    stmt.bind(1, find_province_identity(db_, province, today()));
    while (stmt.step()) local.insert(stmt.get_text(0));
  }
  std::set<std::string> others;
  auto stmt = db_.prepare("SELECT DISTINCT p.name FROM unit_period p JOIN unit u ON u.id = p.unit_id "
                          "WHERE u.kind IN ('province', 'district', 'commune')");
  while (stmt.step())
    if (!local.count(stmt.get_text(0))) others.insert(stmt.get_text(0));
  local_names_.assign(local.begin(), local.end());
  unit_names_.assign(others.begin(), others.end());
  sort_vietnamese(local_names_);
  sort_vietnamese(unit_names_);
  set_map({}, 0, {});
}

std::string Repl::set_map(const std::string& as_of, int year, const std::string& set) {
  QuestionMap map = question_map(db_, as_of, year);
  context_->catalog.set_as_of(map.date, map.year, map.given);
  if (!set.empty()) context_->catalog.set_given_set(set);
  return map.note;
}

Repl::~Repl() = default;

std::string Repl::help_text() {
  return tr("Gõ một biểu thức hoặc câu lệnh Lua; kết quả được in ra (danh sách xã in thành bảng).\n"
            "  p = ntm.province(\"dien bien\")\n"
            "  p:district(\"nam po\"):communes{year = 2020}:missing(17)\n"
            "  for x in p:communes{year = 2020} do if x:count_met() == 19 then print(x.name) end end\n"
            "Biến (kể cả khai báo local ở đầu dòng) còn giữ sang các dòng sau.\n"
            "Tab: gợi ý tên (ntm., phương thức sau dấu :, tên tỉnh/huyện/xã trong chuỗi; tỉnh đang làm việc trước).\n"
            "Ctrl-C: ngắt lệnh đang chạy; mỗi dòng có cùng giới hạn thời gian, số lệnh, bộ nhớ.\n"
            ".help  trợ giúp này    .quit  thoát (hoặc Ctrl-D)\n",
            "Type a Lua expression or statement; its value is printed (a list of communes as a table).\n"
            "  p = ntm.province(\"dien bien\")\n"
            "  p:district(\"nam po\"):communes{year = 2020}:missing(17)\n"
            "  for x in p:communes{year = 2020} do if x:count_met() == 19 then print(x.name) end end\n"
            "Variables (even a local at the start of a line) are kept for the next lines.\n"
            "Tab: completes names (ntm., methods after :, place names inside strings; the current province first).\n"
            "Ctrl-C: stops the running line; every line has the same time, instruction and memory limits.\n"
            ".help  this help    .quit  leave (or Ctrl-D)\n");
}

bool Repl::feed(const std::string& line) {
  if (pending_.empty()) {
    std::string cmd = line;
    cmd.erase(0, cmd.find_first_not_of(" \t"));
    while (!cmd.empty() && (cmd.back() == ' ' || cmd.back() == '\t' || cmd.back() == '\r')) cmd.pop_back();
    if (cmd.empty()) return true;
    if (cmd == ".quit" || cmd == ".exit" || cmd == ".q") return false;
    if (cmd == ".help" || cmd == ".h" || cmd == "?") {
      out_ << help_text();
      return true;
    }
    if (cmd[0] == '.' && cmd.size() > 1 && std::isalpha(static_cast<unsigned char>(cmd[1]))) {
      err_ << tr("Lệnh không rõ: ", "Unknown command: ") << cmd << tr(" (xem .help)\n", " (see .help)\n");
      return true;
    }
    pending_ = line;
  } else {
    pending_ += "\n" + line;
  }
  if (lua::incomplete(*host_, pending_)) return true;
  std::string source = globalise(pending_);
  pending_.clear();
  run(source);
  return true;
}

void Repl::run(const std::string& source) {
  host_->reset_limits();
  try {
    for (const auto& shown : lua::evaluate(*host_, source, "stdin:" + std::to_string(++counter_)))
      printer_(shown, out_);
  } catch (const lua::ScriptError& e) {
    if (e.kind == lua::ErrorKind::Limit) err_ << tr("Dừng: ", "Stopped: ") << e.what() << "\n";
    else err_ << tr("Lỗi: ", "Error: ") << e.what() << "\n";
  } catch (const std::exception& e) {
    err_ << tr("Lỗi: ", "Error: ") << e.what() << "\n";
  }
  out_.flush();
  err_.flush();
}

Repl::Completion Repl::complete(const std::string& line, std::size_t cursor) const {
  Completion c;
  cursor = std::min(cursor, line.size());
  // Inside a string literal? Count the quotes before the cursor.
  char open = 0;
  std::size_t quote_at = 0;
  for (std::size_t i = 0; i < cursor; ++i) {
    char ch = line[i];
    if (open) {
      if (ch == '\\') ++i;
      else if (ch == open) open = 0;
    } else if (ch == '"' || ch == '\'') {
      open = ch;
      quote_at = i;
    }
  }
  if (open) {
    c.start = quote_at + 1;
    std::string typed = fold(line.substr(c.start, cursor - c.start));
    for (const auto* names : {&local_names_, &unit_names_}) {
      for (const auto& name : *names)
        if (fold(name).rfind(typed, 0) == 0) c.candidates.push_back(name);
      if (!c.candidates.empty()) break;   // the current province's places hide the rest of the country
    }
    return c;
  }
  // A Lua name path: ntm.fmt.nu, p:dis
  std::size_t start = cursor;
  while (start > 0 && (ident_char(line[start - 1]) || line[start - 1] == '.' || line[start - 1] == ':')) --start;
  c.start = start;
  std::string word = line.substr(start, cursor - start);
  std::size_t sep = word.find_last_of(".:");
  std::string base = sep == std::string::npos ? "" : word.substr(0, sep);
  std::string partial = sep == std::string::npos ? word : word.substr(sep + 1);
  std::string prefix = sep == std::string::npos ? "" : word.substr(0, sep + 1);
  if (!base.empty() && !ident_char(base.back())) return c;
  auto names = lua::field_names(*host_, base);
  if (base.empty())
    for (const char* kw : {"and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in",
                           "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"})
      names.push_back(kw);
  sort_vietnamese(names);
  for (const auto& n : names)
    if (n.rfind(partial, 0) == 0 && (n.empty() || n[0] != '_')) c.candidates.push_back(prefix + n);
  return c;
}

}  // namespace ntm::app
