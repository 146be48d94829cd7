#include "cli/common.h"

#include <iostream>
#include <stdexcept>

#include "app/run.h"
#include "model/i18n.h"
#include "model/units.h"
#include "store/database.h"

namespace ntm::cli {

lua::Limits LimitFlags::limits() const {
  lua::Limits l;
  l.seconds = seconds;
  l.memory_bytes = static_cast<std::size_t>(memory_mib * 1024 * 1024);
  l.instructions = instructions;
  l.max_string_bytes = std::min<std::size_t>(l.max_string_bytes, l.memory_bytes / 2);
  return l;
}

void add_db_option(CLI::App* app, std::string& db) {
  app->add_option("--db", db, tr("tệp cơ sở dữ liệu (mặc định: $NTM_DB, rồi ntm.db)",
                                 "database file (default: $NTM_DB, then ntm.db)"))
      ->option_text("FILE");
}

void check_province(const std::filesystem::path& db, const std::string& province, const std::string& date) {
  try {
    find_province(app::open_for_scripts(db), province, date);
  } catch (const NotFound& e) {
    throw std::invalid_argument("--province: " + std::string(e.what()));
  }
}

void add_map_flags(CLI::App* app, std::string& as_of, std::string* set) {
  app->add_option("--as-of", as_of, tr("bản đồ hành chính của ngày này (mặc định 31/12 của --year)",
                                       "the administrative map of this date (default: 31/12 of --year)"))
      ->option_text("DD/MM/YYYY");
  if (set)
    app->add_option("--set", *set, tr("bộ tiêu chí (mặc định: bộ tỉnh đã ghi cho năm, nếu không thì bộ của năm)",
                                      "criteria set (default: the one recorded for the year, else the year's)"))
        ->option_text("ID");
}

void add_span_flags(CLI::App* app, int& from, int& to) {
  app->add_option("--from", from, tr("năm đầu của giai đoạn (thay cho --year)", "first year of a span (instead of --year)"))
      ->check(CLI::Range(1990, 2100));
  app->add_option("--to", to, tr("năm cuối của giai đoạn", "last year of the span"))->check(CLI::Range(1990, 2100));
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
  app->add_option("--time-limit", flags.seconds, tr("giới hạn thời gian chạy script (giây)", "script wall-clock limit (seconds)"))
      ->check(CLI::Range(0.001, 86400.0));
  app->add_option("--memory-limit", flags.memory_mib, tr("giới hạn bộ nhớ của script (MiB)", "script memory limit (MiB)"))
      ->check(CLI::Range(1.0, 65536.0));
  app->add_option("--instruction-limit", flags.instructions, tr("giới hạn số lệnh Lua", "Lua instruction limit"))
      ->check(CLI::Range(1000LL, 1'000'000'000'000LL));
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
    args[name] = value;
  }
  return args;
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
      return kUsage;
    case lua::ErrorKind::Script:
      std::cerr << tr("Lỗi trong script: ", "Script error: ") << message;
      if (!located && !e.file.empty()) std::cerr << tr(" (tại ", " (at ") << e.file << ":" << e.line << ")";
      std::cerr << "\n";
      if (!e.traceback.empty()) {
        auto nl = e.traceback.find('\n');
        if (nl != std::string::npos) std::cerr << e.traceback.substr(nl + 1) << "\n";
      }
      return kDataError;
  }
  return kDataError;
}

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const lua::ScriptError& e) {
    return report_script_error(e);
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
