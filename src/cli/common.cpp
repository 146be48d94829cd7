#include "cli/common.h"

#include <iostream>
#include <sstream>
#include <stdexcept>

#include "app/paths.h"
#include "app/provenance.h"
#include "app/run.h"
#include "app/snapshot.h"
#include "cli/help.h"
#include "model/i18n.h"
#include "model/units.h"
#include "store/database.h"

namespace ntm::cli {

bool& verbose() {
  static bool on = false;
  return on;
}

namespace {

// The command on_run is running ("check"), for the message of app::SqliteOnly, which is
// thrown where the database is resolved and may reach guarded() in a worker process.
std::string& running_command() {
  static std::string name;
  return name;
}

}  // namespace

lua::Limits LimitFlags::limits() const {
  lua::Limits l;
  l.seconds = seconds;
  l.memory_bytes = static_cast<std::size_t>(memory_mib * 1024 * 1024);
  l.instructions = instructions;
  l.max_string_bytes = std::min<std::size_t>(l.max_string_bytes, l.memory_bytes / 2);
  return l;
}

void on_run(CLI::App* cmd, Global& global, std::function<int()> body, bool script_parameters) {
  cmd->allow_extras();
  cmd->callback([&global, cmd, script_parameters, body = std::move(body)] {
    global.action = [cmd, script_parameters, body] {
      if (!script_parameters) reject_extras(cmd);
      // A script parameter one typo away from the command's own flag is taken for that flag
      // misspelt, before the script (or a word after it, taken for an argument) runs.
      for (const auto& word : cmd->remaining())
        if (word.rfind("--", 0) == 0 && !close_flags(cmd, word.substr(0, word.find('='))).empty())
          throw std::invalid_argument(unknown_argument_message(cmd, word));
      running_command() = cmd->get_name();
      return body();
    };
  });
}

void add_db_option(CLI::App* app, std::string& db) {
  app->add_option("--db", db, tr("tệp cơ sở dữ liệu, hoặc máy chủ PostgreSQL (postgresql://…, host=… dbname=…) "
                                 "(mặc định: $NTM_DB, rồi db trong ntm.toml, rồi ntm.db)",
                                 "database file, or a PostgreSQL server (postgresql://…, host=… dbname=…) "
                                 "(default: $NTM_DB, then db in ntm.toml, then ntm.db)"))
      ->option_text(tr("TỆP", "FILE"));
}

void add_global_options(CLI::App* cmd, Global& global) {
  const std::string group = tr("Tùy chọn chung", "Global options");
  add_db_option(cmd, global.db);
  cmd->get_option("--db")->group(group);
  cmd->add_option("--lang", global.lang, tr("ngôn ngữ thông báo: vi (mặc định) hoặc en", "message language: vi (default) or en"))
      ->option_text("vi|en")
      ->check(one_of({"vi", "en"}))
      ->group(group);
  cmd->add_flag("-v,--verbose", global.verbose, tr("in thêm chi tiết kỹ thuật", "also print technical detail"))->group(group);
}

CLI::Option* add_province_option(CLI::App* app, std::string& province, bool needed) {
  auto* o = app->add_option("--province", province, tr("tỉnh: tên (không cần dấu) hoặc mã", "province: name (accents optional) or code"))
                ->option_text(tr("TỈNH", "PROVINCE"));
  if (needed) mark_required(o, "province");
  return o;
}

CLI::Option* add_year_option(CLI::App* app, int& year, const std::string& description, bool needed) {
  auto* o = app->add_option("--year", year, description)
                ->option_text(tr("NĂM", "YEAR"))
                ->check(integer_between(1990, 2100, tr("một năm", "a year")));
  if (needed) mark_required(o, "year");
  return o;
}

CLI::Option* add_set_option(CLI::App* app, std::string& set) {
  return app->add_option("--set", set, tr("bộ tiêu chí, ví dụ 318-xa (mặc định: set trong ntm.toml, rồi bộ tỉnh đã ghi cho năm, "
                                          "rồi bộ của năm)",
                                          "criteria set, e.g. 318-xa (default: set in ntm.toml, then the one the province "
                                          "recorded for the year, then the year's)"))
      ->option_text(tr("BỘ", "SET"));
}

CLI::Option* add_profile_option(CLI::App* app, std::string& profile) {
  return app->add_option("--profile", profile, tr("tệp hồ sơ của tỉnh cho báo cáo (mặc định: profile trong ntm.toml)",
                                                  "the province profile file of reports (default: profile in ntm.toml)"))
      ->option_text(tr("TỆP", "FILE"));
}

CLI::Option* add_format_option(CLI::App* app, std::string& format, const std::vector<std::string>& choices,
                               const std::string& description) {
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : "|") + c;
  return app->add_option("--format", format, description)->option_text(list)->check(one_of(choices));
}

app::Project project(const Global& global) {
  // A server has no folder to hold an ntm.toml: then only ./ntm.toml applies.
  std::string setting = app::database_setting(global.db);
  return app::project_for(app::is_postgres_address(setting) ? std::filesystem::path{} : std::filesystem::path(setting));
}

std::string project_or(const std::string& flag_value, const Global& global, const std::string& key) {
  if (!flag_value.empty()) return flag_value;
  return project(global).get(key).value_or("");
}

std::string need(const std::string& flag_value, const Global& global, const std::string& key, const std::string& flag) {
  std::string value = project_or(flag_value, global, key);
  if (value.empty())
    throw std::invalid_argument(tr("thiếu ", "missing ") + flag + tr(" (hoặc đặt mặc định: ntm config set ", " (or set a default: ntm config set ") +
                                key + " ...)");
  return value;
}

int need_year(int flag_value, const Global& global) {
  if (flag_value) return flag_value;
  return std::stoi(need("", global, "year", "--year"));   // read_project checked it is a year
}

std::string profile_path(const std::string& flag_value, const Global& global) {
  std::string path = project_or(flag_value, global, "profile");
  std::error_code ec;
  if (!path.empty() && !std::filesystem::is_regular_file(path, ec))
    throw std::invalid_argument("--profile " + path + tr(": không có tệp này", ": no such file") +
                                (flag_value.empty() ? tr(" (giá trị trong ntm.toml)", " (the value in ntm.toml)") : ""));
  return path;
}

std::map<std::string, std::string> script_defaults(const Global& global) {
  std::map<std::string, std::string> out;
  app::Project p = project(global);
  for (const char* key : {"province", "year", "set", "profile"})
    if (auto v = p.get(key)) out[key] = *v;
  return out;
}

void check_province(const std::filesystem::path& db, const std::string& province, const std::string& date) {
  try {
    find_province(app::open_for_scripts(db), province, date);
  } catch (const NotFound& e) {
    throw std::invalid_argument("--province " + province + ": " + std::string(e.what()));
  }
}

void add_map_flags(CLI::App* app, std::string& as_of, std::string* set) {
  app->add_option("--as-of", as_of, tr("bản đồ hành chính của ngày này, viết NN/TT/NNNN (mặc định: 31/12 của --year)",
                                       "the administrative map of this date, DD/MM/YYYY (default: 31/12 of --year)"))
      ->option_text(tr("NGÀY", "DATE"));
  if (set) add_set_option(app, *set);
}

void add_span_flags(CLI::App* app, int& from, int& to) {
  app->add_option("--from", from, tr("năm đầu của giai đoạn (thay cho --year; đi cùng --to)", "first year of a span (instead of --year; with --to)"))
      ->option_text(tr("NĂM", "YEAR"))
      ->check(integer_between(1990, 2100, tr("một năm", "a year")));
  app->add_option("--to", to, tr("năm cuối của giai đoạn", "last year of the span"))
      ->option_text(tr("NĂM", "YEAR"))
      ->check(integer_between(1990, 2100, tr("một năm", "a year")));
}

int span_year(int year, int from, int to) {
  if (year && (from || to))
    throw std::invalid_argument(tr("dùng --year hoặc --from/--to, không dùng cả hai", "use --year or --from/--to, not both"));
  if (year) return year;
  if (!from && !to) throw std::invalid_argument(tr("cần --year NĂM hoặc --from NĂM --to NĂM", "needs --year Y or --from Y1 --to Y2"));
  if (!from || !to) throw std::invalid_argument(tr("--from và --to đi cùng nhau", "--from and --to go together"));
  if (from > to)
    throw std::invalid_argument(tr("--from ", "--from ") + std::to_string(from) + tr(" sau --to ", " is after --to ") + std::to_string(to));
  return to;
}

std::string map_date(const std::string& as_of, int year) {
  if (!as_of.empty()) {
    auto iso = parse_iso_date(as_of);
    if (!iso)
      throw std::invalid_argument("--as-of: " + tr("ngày '", "date '") + as_of +
                                  tr("' không hợp lệ (viết DD/MM/YYYY, ví dụ 31/12/2024)", "' is not valid (write DD/MM/YYYY)"));
    return *iso;
  }
  return year ? year_end(year) : today();
}

void add_limit_flags(CLI::App* app, LimitFlags& flags) {
  const std::string group = tr("Giới hạn khi chạy script", "Script limits");
  app->add_option("--time-limit", flags.seconds, tr("giới hạn thời gian chạy script, giây (mặc định: 60)",
                                                    "script wall-clock limit in seconds (default: 60)"))
      ->option_text(tr("GIÂY", "SECONDS"))
      ->check(number_between(0.001, 86400.0, tr("số giây", "seconds")))
      ->group(group);
  app->add_option("--memory-limit", flags.memory_mib, tr("giới hạn bộ nhớ của script, MiB (mặc định: 512)",
                                                         "script memory limit in MiB (default: 512)"))
      ->option_text("MIB")
      ->check(number_between(1.0, 65536.0, "MiB"))
      ->group(group);
  app->add_option("--instruction-limit", flags.instructions,
                  tr("giới hạn số lệnh Lua (mặc định: 2 tỉ)", "Lua instruction limit (default: 2 billion)"))
      ->option_text("N")
      ->check(integer_between(1000LL, 1'000'000'000'000LL, tr("số lệnh", "a count")))
      ->group(group);
}

std::map<std::string, std::string> parse_script_args(const std::vector<std::string>& words) {
  std::map<std::string, std::string> args;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w.rfind("--", 0) != 0 || w.size() < 3)
      throw std::invalid_argument(tr("không hiểu đối số '", "unexpected argument '") + w +
                                  tr("' (tham số của script viết --tên giá_trị)", "' (script parameters are --name value)"));
    std::string name = w.substr(2), value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < words.size() && words[i + 1].rfind("--", 0) != 0) {
      value = words[++i];
    } else {
      value = "true";
    }
    std::replace(name.begin(), name.end(), '-', '_');
    if (name == "as_of") name = "as-of";   // the host's map date (app::configure_catalog), not a script's
    args[name] = value;
  }
  return args;
}

void print_provenance(const std::map<std::string, std::string>& scripts, std::ostream& err) {
  if (verbose()) app::print_script_hashes(scripts, err);
}

std::string script_frames(const std::string& traceback) {
  auto nl = traceback.find('\n');
  if (nl == std::string::npos) return {};
  std::string frames = traceback.substr(nl + 1);
  if (verbose()) return frames;
  std::istringstream in(frames);
  std::string line, out;
  while (std::getline(in, line)) {
    auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    line = line.substr(start);
    // "PATH:LINE: in WHAT" for a frame of a script file; C functions, tail calls and the
    // host's own chunks are not the user's code.
    auto lua_at = line.find(".lua:");
    if (lua_at == std::string::npos) continue;
    auto colon = line.find(':', lua_at + 5);
    if (colon == std::string::npos) continue;
    std::string location = line.substr(0, colon);
    std::string what = line.substr(colon + 1);
    if (what.rfind(" in ", 0) == 0) what = what.substr(4);
    std::string said;
    if (what == "main chunk") {
      said = tr("thân script", "main chunk");
    } else if (what.rfind("function <", 0) == 0) {
      said = tr("hàm không tên", "anonymous function");
    } else if (auto q = what.find('\''); q != std::string::npos) {
      auto q2 = what.find('\'', q + 1);
      said = tr("trong hàm ", "in function ") + what.substr(q + 1, q2 == std::string::npos ? std::string::npos : q2 - q - 1);
    }
    out += "  " + location + (said.empty() ? "" : " (" + said + ")") + "\n";
  }
  return out;
}

int report_script_error(const lua::ScriptError& e) {
  std::string message = e.what();
  bool located = !e.file.empty() && message.find(e.file) != std::string::npos;
  switch (e.kind) {
    case lua::ErrorKind::Limit:
      std::cerr << tr("Script bị dừng: ", "Script stopped: ") << message;
      if (!e.file.empty()) std::cerr << tr(" (tại ", " (at ") << e.file << ":" << e.line << ")";
      std::cerr << "\n";
      return kLimit;
    case lua::ErrorKind::Usage:
      std::cerr << tr("Lỗi dòng lệnh: ", "Command-line error: ") << message << "\n";
      if (verbose() && !e.file.empty()) std::cerr << tr("  (phát hiện tại ", "  (found at ") << e.file << ":" << e.line << ")\n";
      return kUsage;
    case lua::ErrorKind::Script: {
      std::cerr << tr("Lỗi trong script: ", "Script error: ") << message;
      if (!located && !e.file.empty()) std::cerr << tr(" (tại ", " (at ") << e.file << ":" << e.line << ")";
      std::cerr << "\n";
      std::string frames = script_frames(e.traceback);
      if (!frames.empty())
        std::cerr << (verbose() ? "" : tr("Các lời gọi dẫn tới lỗi (mới nhất trước):\n", "Calls that led to the error (latest first):\n"))
                  << frames << (frames.back() == '\n' ? "" : "\n");
      return kDataError;
    }
  }
  return kDataError;
}

int writing(Global& global, const std::function<int()>& body) {
  const std::string setting = app::database_setting(global.db);
  if (!app::is_postgres_address(setting)) return body();
  std::optional<app::ServerWork> work;
  if (int status = guarded([&] {
        work.emplace(setting);
        return 0;
      }); status != 0)
    return status;
  const std::string given = global.db;
  global.db = work->path().string();
  int status = body();
  global.db = given;
  int sent = guarded([&] {
    auto changes = work->push();
    std::int64_t added = 0, changed = 0, removed = 0;
    for (const auto& c : changes) added += c.added, changed += c.changed, removed += c.removed;
    if (added + changed + removed > 0)
      std::cerr << tr("Đã gửi lên máy chủ PostgreSQL ", "Sent to the PostgreSQL server ") << work->snapshot().server
                << tr(" (cơ sở dữ liệu \"", " (database \"") << work->snapshot().database << "\"): "
                << tr("thêm ", "added ") << format_integer(added) << tr(", sửa ", ", changed ") << format_integer(changed)
                << tr(", xoá ", ", removed ") << format_integer(removed) << tr(" dòng.", " rows.") << "\n";
    return 0;
  });
  return sent != 0 ? sent : status;
}

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const lua::ScriptError& e) {
    return report_script_error(e);
  } catch (const app::SqliteOnly&) {
    // Every command not yet ported, in one place: nothing was opened, no file made.
    std::cerr << tr("Lỗi dòng lệnh: ntm ", "Command-line error: ntm ") << running_command()
              << tr(" chạy trên tệp SQLite: ghi vào một tệp rồi gửi lên máy chủ bằng ntm copy",
                    " runs on SQLite files: write to a file, then send it to the server with ntm copy")
              << "\n";
    return kUsage;
  } catch (const std::invalid_argument& e) {
    std::cerr << tr("Lỗi dòng lệnh: ", "Command-line error: ") << e.what() << "\n";
    return kUsage;
  } catch (const NotFound& e) {
    std::cerr << tr("Lỗi: ", "Error: ") << e.what() << "\n";
    return kDataError;
  } catch (const store::DbError& e) {
    if ((e.code() & 0xff) == 8)   // SQLITE_READONLY
      std::cerr << tr("Không ghi được: tệp cơ sở dữ liệu (hoặc thư mục chứa nó) chỉ cho phép đọc: ",
                      "Cannot write: the database file (or its folder) is read-only: ")
                << e.what() << "\n";
    else if ((e.code() & 0xff) == 13 || (e.code() & 0xff) == 10)   // SQLITE_FULL, SQLITE_IOERR
      std::cerr << tr("Không ghi được vào đĩa (đĩa đầy hoặc lỗi đọc ghi): ", "Cannot write to the disk (full, or an I/O error): ")
                << e.what()
                << tr(". Lệnh ghi mọi thứ trong một giao dịch, nên không có gì được ghi: cơ sở dữ liệu như trước khi chạy lệnh.",
                      ". The command writes in one transaction, so nothing was written: the database is as it was.")
                << "\n";
    else if ((e.code() & 0xff) == 5)   // SQLITE_BUSY after the busy timeout
      std::cerr << tr("Cơ sở dữ liệu đang bận (một chương trình khác đang ghi); hãy thử lại: ",
                      "The database is busy (another program is writing); try again: ")
                << e.what() << "\n";
    else
      std::cerr << tr("Lỗi cơ sở dữ liệu: ", "Database error: ") << e.what() << "\n";
    return kDataError;
  } catch (const std::exception& e) {
    std::cerr << tr("Lỗi: ", "Error: ") << e.what() << "\n";
    return kDataError;
  }
}

}  // namespace ntm::cli
