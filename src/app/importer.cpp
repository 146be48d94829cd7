// The importer: the Reader over a decoded file, and the all-or-nothing write with its diff.
#include "app/importer.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "app/importer_sheet.h"
#include "model/i18n.h"
#include "model/map.h"
#include "model/text.h"

namespace ntm::app {

const std::vector<std::string>& import_kinds() {
  static const std::vector<std::string> kinds{"units",   "classes", "indicators", "statuses",   "recognitions",
                                              "funding", "targets", "statistics", "ocop"};
  return kinds;
}

namespace detail {

namespace {

std::string trim(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// "xã nà hỳ" → "na hy": a folded name without its unit type.
std::string bare(const std::string& name) {
  std::string f = fold(name);
  for (const char* prefix : {"xa ", "phuong ", "thi tran ", "huyen ", "thi xa ", "thanh pho ", "ban ", "thon "})
    if (f.rfind(prefix, 0) == 0) return f.substr(std::string(prefix).size());
  return f;
}

// The first character a cell may not hold, as "U+001B", or "" when the text is clean.
// Refused: C0 controls except tab, LF and CR (NUL, the terminal's ESC...), DEL, the C1
// controls U+0080–U+009F (a terminal reads U+009B as an escape sequence), the
// non-characters U+FFFE and U+FFFF that XML forbids, and bytes that are not UTF-8.
std::string bad_character(std::string_view s) {
  char hex[16];
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        std::snprintf(hex, sizeof hex, "U+%04X", c);
        return hex;
      }
      ++i;
      continue;
    }
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return tr("byte không phải UTF-8", "a byte that is not UTF-8");
    std::uint32_t cp = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return tr("byte không phải UTF-8", "a byte that is not UTF-8");
      cp = (cp << 6) | (b & 0x3F);
    }
    bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return tr("byte không phải UTF-8", "a byte that is not UTF-8");
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) {
      std::snprintf(hex, sizeof hex, "U+%04X", cp);
      return hex;
    }
    i += n;
  }
  return {};
}

// An export writes a cell that Excel would take for a formula with a leading apostrophe
// ('=1+2); reading it back drops the apostrophe (write_csv.cpp, csv_cell()).
void unquote_formula(std::string& cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos)
    cell.erase(0, 1);
}

}  // namespace

std::map<std::string, std::string> Reader::file_fields(const CsvFile& file) {
  std::map<std::string, std::string> out;
  for (std::size_t r = 0; r < std::min<std::size_t>(3, file.rows.size()); ++r)
    for (const auto& cell : file.rows[r].fields) {
      auto colon = cell.find(':');
      if (colon == std::string::npos) continue;
      std::string label = fold(cell.substr(0, colon));
      if (label == "tinh" || label == "nam" || label == "bo tieu chi" || label == "ban do ngay" || label == "ma tinh" ||
          label == "ap dung tu ngay")
        out[label] = trim(cell.substr(colon + 1));
    }
  return out;
}

Reader::Reader(const store::Database& db, CsvFile file, UnitId province, const ImportOptions& options,
               const std::vector<ColumnName>& names)
    : db_(db), file_(std::move(file)), province_id_(province), options_(options), default_year_(options.year) {
  if (file_.rows.empty()) throw std::runtime_error("tệp trống: không có dòng tiêu đề");
  // The header is the first row (of the first ten) naming two known columns: a title such
  // as "BIỂU TỔNG HỢP ..." above it is skipped.
  auto known = [&](const std::string& text) {
    std::string f = fold(text);
    for (const auto& n : names)
      for (const char* alias : n.aliases)
        if (f == alias) return true;
    return (f.rfind("ct ", 0) == 0 || f.rfind("tc ", 0) == 0) && f.size() > 3 && std::isdigit(static_cast<unsigned char>(f[3]));
  };
  for (std::size_t r = 0; r < std::min<std::size_t>(10, file_.rows.size()); ++r) {
    int hits = 0;
    for (const auto& cell : file_.rows[r].fields) hits += known(cell);
    if (hits >= 2) {
      file_.rows.erase(file_.rows.begin(), file_.rows.begin() + static_cast<std::ptrdiff_t>(r));
      break;
    }
  }
  if (!file_.xlsx)
    for (auto& r : file_.rows)
      for (auto& f : r.fields) unquote_formula(f);
  const auto& head = file_.rows[0].fields;
  for (std::size_t c = 0; c < head.size(); ++c) {
    std::string f = fold(head[c]);
    if (f.empty()) continue;
    bool matched = false;
    for (const auto& n : names)
      for (const char* alias : n.aliases)
        if (f == alias && !matched) {
          if (!columns_.count(n.key)) columns_[n.key] = c;
          matched = true;
        }
    if (!matched) unclaimed_.insert(c);
  }
  // Text that would be stored: no control characters, terminal escapes or non-characters
  // (a name with ESC in it would rewrite the terminal of whoever lists it later).
  for (std::size_t c = 0; c < head.size(); ++c)
    if (std::string bad = bad_character(head[c]); !bad.empty())
      problems_.push_back(tr("dòng ", "row ") + std::to_string(file_.rows[0].line) + tr(", tiêu đề cột ", ", header of column ") +
                          std::to_string(c + 1) + tr(": có ký tự không được phép (", ": holds a character that is not allowed (") + bad + ")");
  for (std::size_t r = 1; r < file_.rows.size(); ++r)
    for (const auto& [key, c] : columns_)
      if (c < file_.rows[r].fields.size())
        if (std::string bad = bad_character(file_.rows[r].fields[c]); !bad.empty())
          problem(r - 1, head[c], tr("có ký tự không được phép (", "holds a character that is not allowed (") + bad +
                                      tr("): ký tự điều khiển, mã thoát của màn hình hoặc ký tự không phải chữ",
                                         "): a control character, a terminal escape or a non-character"));
  // The decimal mark: decided once for the whole file from every cell that looks numeric.
  std::vector<std::string> cells;
  for (std::size_t r = 1; r < file_.rows.size(); ++r)
    for (const auto& f : file_.rows[r].fields) cells.push_back(f);
  decimal_ = file_.xlsx ? DecimalMark::Point : detect_decimal(cells, file_.delimiter);
}

std::string Reader::column_title(const std::string& key) const {
  auto it = columns_.find(key);
  return it == columns_.end() ? key : header()[it->second];
}

std::string Reader::cell(std::size_t i, std::size_t column) const {
  const auto& fields = row(i).fields;
  return column < fields.size() ? trim(fields[column]) : std::string();
}

std::string Reader::text(std::size_t i, const std::string& key) const {
  auto it = columns_.find(key);
  return it == columns_.end() ? std::string() : cell(i, it->second);
}

void Reader::problem(std::size_t i, const std::string& column, const std::string& message) {
  std::string where = "dòng " + std::to_string(row(i).line);
  if (!column.empty()) where += ", cột '" + clip(column, 60) + "'";
  problems_.push_back(where + ": " + clip(message, 400));
}

std::optional<double> Reader::number_at(std::size_t i, std::size_t column) {
  std::string t = cell(i, column);
  if (t.empty()) return std::nullopt;
  auto v = parse_number(t, decimal_);
  if (!v && number_overflows(t, decimal_)) {
    problem(i, header()[column], "'" + clip(t, 40) + "' quá lớn");
    return std::nullopt;
  }
  if (!v)
    problem(i, header()[column],
            "'" + clip(t, 40) + "' không phải số" +
                (decimal_ == DecimalMark::Comma ? " (tệp này dùng dấu phẩy thập phân: 12,5; nghìn: 1.234)"
                                                : " (tệp này dùng dấu chấm thập phân: 12.5; nghìn: 1,234)"));
  return v;
}

std::optional<double> Reader::number(std::size_t i, const std::string& key) {
  auto it = columns_.find(key);
  if (it == columns_.end()) return std::nullopt;
  return number_at(i, it->second);
}

std::string Reader::date(std::size_t i, const std::string& key) {
  std::string t = text(i, key);
  if (t.empty()) return {};
  int y, m, d;
  // A date cell of a workbook holds Excel's serial day number (1 = 1900-01-01).
  if (file_.xlsx && t.find_first_not_of("0123456789.") == std::string::npos) {
    double serial = std::atof(t.c_str());
    if (serial >= 1 && serial < 100000) {
      auto day = std::chrono::sys_days{std::chrono::year{1899} / 12 / 30} + std::chrono::days{static_cast<long>(serial)};
      std::chrono::year_month_day ymd{day};
      char iso[16];
      std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                    static_cast<unsigned>(ymd.day()));
      return iso;
    }
  }
  // Excel also writes d/m/yyyy without leading zeros.
  int dd = 0, mm = 0, yy = 0;
  char tail = 0;
  if (std::sscanf(t.c_str(), "%d/%d/%d%c", &dd, &mm, &yy, &tail) == 3) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", dd, mm, yy);
    t = buf;
  }
  if (!parse_date(t, y, m, d)) {
    problem(i, column_title(key), "'" + text(i, key) + "' không phải ngày (viết dd/mm/yyyy, ví dụ 31/12/2020)");
    return {};
  }
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
  return iso;
}

int Reader::year(std::size_t i) {
  if (has("year")) {
    std::string t = text(i, "year");
    if (!t.empty()) {
      auto v = number(i, "year");
      if (!v) return 0;
      if (*v != std::floor(*v) || *v < 1990 || *v > 2100) {
        problem(i, column_title("year"), "năm '" + t + "' không hợp lệ");
        return 0;
      }
      return static_cast<int>(*v);
    }
  }
  if (default_year_) return default_year_;
  if (!year_problem_) problems_.push_back("thiếu năm: thêm --year NĂM hoặc cột 'Năm' trong tệp");
  year_problem_ = true;
  return 0;
}

const Province& Reader::map_at(const std::string& date) {
  auto& slot = maps_[date];
  if (!slot) slot = Province::load(db_, province_id_, date, std::atoi(date.substr(0, 4).c_str()));
  return *slot;
}

const Province& Reader::map(int year) {
  if (!options_.as_of.empty()) return map_at(options_.as_of);
  return map_at(year ? year_end(year) : today());
}

const Unit* Reader::unit(std::size_t i, const std::set<std::string>& kinds, int year) {
  const Province* pp = nullptr;
  try {
    pp = &map(year);
  } catch (const NotFound& e) {
    problem(i, "", e.what());
    return nullptr;
  }
  const Province& p = *pp;
  std::string code = text(i, "code"), name = text(i, "name"), district = text(i, "district");
  if (!code.empty()) {
    const Unit* u = p.find(code);
    // Excel drops the leading zero of "03166" when it took the code for a number.
    for (std::size_t width : {5u, 3u, 2u})
      if (!u && code.size() < width && code.find_first_not_of("0123456789") == std::string::npos) {
        u = p.find(std::string(width - code.size(), '0') + code);
        if (u) code = u->code;
      }
    std::string wanted = kinds.count("commune") && kinds.size() == 1 ? "xã" : "đơn vị";
    if (u && !kinds.count(u->kind)) {
      // A code of the wrong level: name what it is rather than call it a missing commune.
      problem(i, column_title("code"), "mã '" + code + "' là " + u->name_with_type + ", không phải một " + wanted);
      return nullptr;
    }
    if (!u) {
      std::string message = "tỉnh " + p.unit().name + " không có " + wanted + " nào mã '" + code + "' trên bản đồ ngày " +
                            vn_date(p.date());
      std::string elsewhere = code_elsewhere(db_, code, p.date());
      if (!elsewhere.empty()) message += ": " + elsewhere;
      else if (wanted == "xã") message += " (mã xã có 5 chữ số, ví dụ 03166)";
      problem(i, column_title("code"), message);
      return nullptr;
    }
    if (!name.empty() && bare(name) != bare(u->name)) {
      problem(i, column_title("name"), "mã " + u->code + " là " + u->name_with_type + ", không phải '" + name + "'");
      return nullptr;
    }
    return u;
  }
  if (name.empty()) {
    problem(i, "", "thiếu mã và tên đơn vị (cột 'Mã xã' hoặc 'Tên xã')");
    return nullptr;
  }
  const Unit* in_district = nullptr;
  if (!district.empty()) {
    try {
      in_district = &p.district(district);
    } catch (const NotFound& e) {
      problem(i, column_title("district"), e.what());
      return nullptr;
    }
  }
  auto district_of = [&](const Unit& u) -> std::string {
    if (u.kind == "district") return u.code;
    const Unit* d = p.district_of(u);
    return d ? d->code : std::string();
  };
  std::string wanted = bare(name);
  std::vector<const Unit*> found;
  std::vector<std::string> names;
  for (const Unit& u : p.units()) {
    if (!kinds.count(u.kind)) continue;
    if (in_district && district_of(u) != in_district->code) continue;
    names.push_back(u.name);
    if (bare(u.name) == wanted || fold(u.name_with_type) == fold(name)) found.push_back(&u);
  }
  if (found.size() == 1) return found[0];
  std::string where = (in_district ? " trong " + in_district->name_with_type : " trong tỉnh " + p.unit().name) +
                      " (bản đồ ngày " + vn_date(p.date()) + ")";
  if (found.empty()) {
    // Suggestions cost a comparison with every unit of the province: only for the first
    // problems of a file (a file of 100 000 unknown names is not 100 000 typos).
    std::vector<std::string> near;
    if (suggestions_ < kMaxSuggestions) {
      ++suggestions_;
      near = closest(name, names, 3);
    }
    std::string message = "không có đơn vị tên '" + clip(name) + "'" + where;
    message += did_you_mean(near);
    problem(i, column_title("name"), message);
    return nullptr;
  }
  std::string message = "tên '" + name + "' trùng " + std::to_string(found.size()) + " đơn vị" + where + ": ";
  for (std::size_t k = 0; k < found.size(); ++k) {
    const Unit* d = p.find(district_of(*found[k]));
    message += (k ? "; " : "") + label(*found[k]) + (d && d != found[k] ? ", " + d->name_with_type : "");
  }
  problem(i, column_title("name"), message + " — ghi thêm mã xã hoặc cột 'Huyện'");
  return nullptr;
}

}  // namespace detail

namespace {

using detail::Record;
using store::Value;

bool same(const Value& a, const Value& b) {
  auto num = [](const Value& v, double& out) {
    if (auto* i = std::get_if<std::int64_t>(&v)) { out = static_cast<double>(*i); return true; }
    if (auto* d = std::get_if<double>(&v)) { out = *d; return true; }
    return false;
  };
  double x, y;
  if (num(a, x) && num(b, y)) return std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(x));
  return a == b;
}

std::string show(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "(trống)";
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", *d);
    std::string s = buf;
    for (char& c : s)
      if (c == '.') c = ',';
    return s;
  }
  return std::get<std::string>(v);
}

std::string key_text(const Record& r) {
  std::string k = r.table;
  for (const auto& [name, v] : r.keys) k += "\x1f" + show(v);
  return k;
}

}  // namespace

ImportSummary import_file(store::Database& db, const ImportOptions& options) {
  const auto& kinds = import_kinds();
  if (std::find(kinds.begin(), kinds.end(), options.kind) == kinds.end())
    throw std::invalid_argument("không biết loại dữ liệu '" + options.kind + "'");
  std::string ext = options.file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".xls" || ext == ".xlsm" || ext == ".ods")
    throw std::runtime_error(options.file.string() +
                             ": ntm import đọc tệp .csv hoặc .xlsx. Trong Excel: File > Save As > chọn kiểu "
                             "\"Excel Workbook (*.xlsx)\" hoặc \"CSV UTF-8 (Comma delimited) (*.csv)\".");
  CsvFile file;
  if (ext == ".xlsx") {
    file = read_xlsx(options.file);
    file.xlsx = true;
  } else {
    std::ifstream in(options.file, std::ios::binary);
    if (!in) throw std::runtime_error("không đọc được tệp " + options.file.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    try {
      file = read_csv_text(bytes.str());
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(options.file.string() + ": " + e.what());
    }
  }
  // What the file says it holds (ntm export writes it above the header); flags may repeat it
  // but not contradict it.
  ImportOptions opts = options;
  auto fields = detail::Reader::file_fields(file);
  auto agree = [&](const std::string& flag, std::string& given, const char* field, const std::string& in_file) {
    if (in_file.empty()) return;
    if (given.empty()) { given = in_file; return; }
    if (fold(given) != fold(in_file) && given != fields["ma tinh"])
      throw std::invalid_argument(flag + " " + clip(given) + ": tệp ghi '" + field + ": " + clip(in_file) + "'; bỏ " + flag +
                                  " hoặc dùng đúng tệp");
  };
  agree("--province", opts.province, "Tỉnh", fields.count("tinh") ? fields["tinh"] : "");
  std::string file_year = fields.count("nam") ? fields["nam"] : "";
  std::string year_text = opts.year ? std::to_string(opts.year) : "";
  agree("--year", year_text, "Năm", file_year);
  if (!year_text.empty()) opts.year = std::atoi(year_text.c_str());
  agree("--set", opts.set, "Bộ tiêu chí", fields.count("bo tieu chi") ? fields["bo tieu chi"] : "");
  if (opts.as_of.empty() && fields.count("ban do ngay")) {
    auto iso = parse_iso_date(fields["ban do ngay"]);
    if (iso && *iso != (opts.year ? year_end(opts.year) : std::string())) opts.as_of = *iso;
  }
  if (opts.province.empty()) opts.province = opts.project_province;
  if (!opts.year && file_year.empty()) opts.year = opts.project_year;
  if (opts.set.empty()) opts.set = opts.project_set;
  if (opts.province.empty())
    throw std::invalid_argument("thiếu --province (tệp không ghi 'Tỉnh: ...' ở dòng đầu; hoặc đặt mặc định: ntm config set province ...)");
  std::string lookup_date = !opts.from.empty() ? opts.from : !opts.as_of.empty() ? opts.as_of
                            : opts.year ? year_end(opts.year) : today();
  // A file whose rows say their years may name a province of those years.
  UnitId province = opts.year || !opts.as_of.empty() || !opts.from.empty() ? find_province(db, opts.province, lookup_date)
                                                                           : find_province_identity(db, opts.province, lookup_date);
  detail::Reader reader(db, std::move(file), province, opts, detail::column_names(opts.kind));

  ImportSummary summary;
  summary.kind = options.kind;
  summary.province = unit_label(db, province).name_with_type;
  summary.rows = reader.size();
  summary.delimiter = reader.file().delimiter;
  summary.xlsx = reader.file().xlsx;
  summary.decimal = reader.decimal();
  summary.dry_run = options.dry_run;

  if (opts.kind == "units") {
    store::Transaction tx(db);
    try {
      detail::import_units(db, reader, summary);
    } catch (const store::DbError& e) {
      // As below: a storage error ends the import, rolled back, with an honest message.
      int primary = e.code() & 0xff;
      if (primary != 19 && primary != 20)   // not SQLITE_CONSTRAINT / SQLITE_MISMATCH
        throw ImportStorageError(tr("không ghi được vào cơ sở dữ liệu: ", "cannot write to the database: ") + e.what());
      throw;
    }
    for (std::size_t c : reader.unclaimed()) summary.ignored_columns.push_back(reader.header()[c]);
    if (!reader.problems().empty()) throw ImportError(reader.problems());
    if (!opts.dry_run) {
      try {
        tx.commit();
      } catch (const store::DbError& e) {
        throw ImportStorageError(tr("không lưu được (COMMIT): ", "cannot commit: ") + e.what());
      }
    }
    return summary;
  }
  std::vector<Record> records = detail::records_for(opts.kind, reader, summary.note);
  if (!summary.note.empty()) summary.note = "Bộ tiêu chí: " + summary.note + ".";
  for (std::size_t c : reader.unclaimed()) summary.ignored_columns.push_back(reader.header()[c]);
  std::vector<std::string>& problems = reader.problems();

  // The same key twice in one file is a mistake, not a last-one-wins.
  std::map<std::string, int> seen;
  for (const auto& r : records) {
    if (r.keys.empty()) continue;
    auto [it, fresh] = seen.emplace(key_text(r), r.line);
    if (!fresh)
      problems.push_back("dòng " + std::to_string(r.line) + ": " + r.unit + (r.fields.size() == 1 ? " " + r.fields[0] : "") +
                         " đã có ở dòng " + std::to_string(it->second));
  }

  // Inside a caller's transaction (several files imported as one, all or none, which rolls
  // back every file when one fails) a file joins it rather than opening a savepoint: with the
  // value_pack trigger on indicator_value, SQLite journals every row's statement, and inside a
  // savepoint that journal grew with the file and was written to a temporary file page by page.
  // A dry run keeps its savepoint: its writes are undone while the caller's transaction goes on.
  std::optional<store::Transaction> tx;
  if (!db.in_transaction() || options.dry_run) tx.emplace(db);
  // Statements prepared once per shape (table and columns) for the whole file: a national file
  // has hundreds of thousands of values and only a few shapes, so the SQL of a shape is built
  // when the shape changes, not for every row.
  struct Shape {
    const Record* like = nullptr;
    std::string select, remove, update, insert;
  } shape;
  auto same_names = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
      if (a[k].first != b[k].first) return false;
    return true;
  };
  auto shape_of = [&](const Record& r) -> const Shape& {
    if (shape.like && shape.like->table == r.table && same_names(shape.like->keys, r.keys) &&
        same_names(shape.like->values, r.values))
      return shape;
    shape.like = &r;
    std::string where;
    for (std::size_t k = 0; k < r.keys.size(); ++k) where += (k ? " AND " : "") + r.keys[k].first + " = ?";
    shape.select = "SELECT ";
    for (std::size_t k = 0; k < r.values.size(); ++k) shape.select += (k ? ", " : "") + r.values[k].first;
    if (r.values.empty()) shape.select += "1";
    shape.select += " FROM " + r.table + " WHERE " + where;
    shape.remove = "DELETE FROM " + r.table + " WHERE " + where;
    // An existing row is updated (an upsert would check NOT NULL columns the file does not carry).
    shape.update = "UPDATE " + r.table + " SET ";
    for (std::size_t k = 0; k < r.values.size(); ++k) shape.update += (k ? ", " : "") + r.values[k].first + " = ?";
    shape.update += " WHERE " + where;
    shape.insert = "INSERT INTO " + r.table + " (";
    std::size_t n = 0;
    for (const auto& [name, v] : r.keys) shape.insert += (n++ ? ", " : "") + name;
    for (const auto& [name, v] : r.values) shape.insert += (n++ ? ", " : "") + name;
    shape.insert += ") VALUES (";
    for (std::size_t k = 0; k < n; ++k) shape.insert += k ? ", ?" : "?";
    shape.insert += ")";
    return shape;
  };
  std::map<std::string, store::Statement> prepared;
  auto statement = [&](const std::string& sql) -> store::Statement& {
    auto it = prepared.find(sql);
    if (it == prepared.end()) it = prepared.emplace(sql, db.prepare(sql)).first;
    it->second.reset();
    return it->second;
  };
  // A first import of a year (the common case: a national file of hundreds of thousands of
  // values) has nothing to compare with. Rows come grouped by unit, so the keys but the last
  // (unit, year, set of an indicator value) are probed once per group: when the table has no
  // row with them, no row of the group exists either, and its per-row lookup is skipped. The
  // probe runs before the group's first write, and a file never holds the same key twice (a
  // second one is a problem, and the import is rolled back), so the answer stays true.
  struct Prefix {
    const Record* like = nullptr;
    std::string sql;
    bool absent = false;
  } prefix;
  auto known_absent = [&](const Record& r) {
    if (r.keys.size() < 2) return false;
    std::size_t n = r.keys.size() - 1;
    bool same_group = prefix.like && prefix.like->table == r.table && same_names(prefix.like->keys, r.keys);
    for (std::size_t k = 0; same_group && k < n; ++k) same_group = prefix.like->keys[k].second == r.keys[k].second;
    if (same_group) return prefix.absent;
    if (!prefix.like || prefix.like->table != r.table || !same_names(prefix.like->keys, r.keys)) {
      prefix.sql = "SELECT 1 FROM " + r.table + " WHERE ";
      for (std::size_t k = 0; k < n; ++k) prefix.sql += (k ? " AND " : "") + r.keys[k].first + " = ?";
      prefix.sql += " LIMIT 1";
    }
    prefix.like = &r;
    try {
      auto& probe = statement(prefix.sql);
      for (std::size_t k = 0; k < n; ++k) probe.bind(static_cast<int>(k + 1), r.keys[k].second);
      prefix.absent = !probe.step();
      probe.reset();
    } catch (const store::DbError& e) {
      throw ImportStorageError(tr("không đọc được cơ sở dữ liệu ở dòng ", "cannot read the database at row ") +
                               std::to_string(r.line) + ": " + e.what());
    }
    return prefix.absent;
  };
  for (const auto& r : records) {
    if (!problems.empty() && problems.size() > 500) break;
    // A storage error (disk full, I/O error, out of memory) is not a problem of one row:
    // SQLite may already have rolled the whole transaction back, and every statement after
    // it would be committed on its own. Stop at the first, roll back, and say so.
    auto storage = [&](const store::DbError& e) {
      throw ImportStorageError(tr("không ghi được vào cơ sở dữ liệu ở dòng ", "cannot write to the database at row ") +
                               std::to_string(r.line) + ": " + e.what());
    };
    const Shape& sql = shape_of(r);
    std::vector<Value> before(r.values.size());
    bool exists = false;
    if (!r.keys.empty() && !known_absent(r)) {
      try {
        auto& stmt = statement(sql.select);
        for (std::size_t k = 0; k < r.keys.size(); ++k) stmt.bind(static_cast<int>(k + 1), r.keys[k].second);
        if (stmt.step()) {
          exists = true;
          for (std::size_t k = 0; k < r.values.size(); ++k) before[k] = stmt.get(static_cast<int>(k));
        }
        stmt.reset();
      } catch (const store::DbError& e) {
        storage(e);
      }
    }
    if (r.remove) {
      if (!exists) { ++summary.unchanged; continue; }
      ++summary.updated;
      summary.changes.push_back(ImportChange{r.line, r.unit, r.fields.empty() ? r.table : r.fields[0], "(có)", "(bỏ)"});
      try {
        auto& del = statement(sql.remove);
        for (std::size_t k = 0; k < r.keys.size(); ++k) del.bind(static_cast<int>(k + 1), r.keys[k].second);
        del.run();
      } catch (const store::DbError& e) {
        storage(e);
      }
      continue;
    }
    bool changed = !exists;
    for (std::size_t k = 0; k < r.values.size(); ++k) {
      if (exists && same(before[k], r.values[k].second)) continue;
      changed = true;
      summary.changes.push_back(ImportChange{r.line, r.unit, r.fields[k], exists ? show(before[k]) : "",
                                             show(r.values[k].second)});
    }
    if (!changed) {
      ++summary.unchanged;
      continue;
    }
    (exists ? summary.updated : summary.inserted)++;
    try {
      auto& stmt = statement(exists ? sql.update : sql.insert);
      int i = 0;
      if (exists) {
        for (const auto& [name, v] : r.values) stmt.bind(++i, v);
        for (const auto& [name, v] : r.keys) stmt.bind(++i, v);
      } else {
        for (const auto& [name, v] : r.keys) stmt.bind(++i, v);
        for (const auto& [name, v] : r.values) stmt.bind(++i, v);
      }
      stmt.run();
    } catch (const store::DbError& e) {
      int primary = e.code() & 0xff;
      if (primary != 19 && primary != 20) storage(e);   // not SQLITE_CONSTRAINT / SQLITE_MISMATCH
      problems.push_back("dòng " + std::to_string(r.line) + ": " + r.unit + ": không ghi được (" + e.what() + ")");
      if (!db.in_transaction())
        throw ImportStorageError(tr("giao dịch bị hủy ở dòng ", "the transaction was aborted at row ") + std::to_string(r.line));
    }
  }
  if (!problems.empty()) throw ImportError(problems);
  if (!options.dry_run && tx) {
    try {
      tx->commit();
    } catch (const store::DbError& e) {
      throw ImportStorageError(tr("không lưu được (COMMIT): ", "cannot commit: ") + e.what());
    }
  }
  return summary;
}

std::string describe(const ImportSummary& s, std::size_t max_listed) {
  std::ostringstream out;
  out << (s.dry_run ? "Thử nhập (--dry-run, chưa ghi gì) " : "Đã nhập ") << s.kind;
  if (!s.province.empty()) out << " của " << s.province;
  out << ": " << s.rows << " dòng";
  if (s.xlsx) out << " từ tệp Excel (.xlsx).\n";
  else
    out << "; dấu phân cách '" << s.delimiter << "', số thập phân dùng "
        << (s.decimal == DecimalMark::Comma ? "dấu phẩy (12,5)" : "dấu chấm (12.5)") << ".\n";
  if (!s.ignored_columns.empty()) {
    out << "Bỏ qua các cột không dùng cho " << s.kind << ":";
    for (std::size_t i = 0; i < s.ignored_columns.size(); ++i) out << (i ? ", '" : " '") << s.ignored_columns[i] << "'";
    out << ".\n";
  }
  if (!s.note.empty()) out << s.note << "\n";
  std::size_t changes = s.inserted + s.updated;
  out << changes << " thay đổi: " << s.inserted << " thêm mới, " << s.updated << " cập nhật, " << s.unchanged
      << " không đổi.\n";
  if (!s.changes.empty() && s.changes.size() <= max_listed) {
    for (const auto& c : s.changes) {
      out << "  " << (c.line ? "dòng " + std::to_string(c.line) : std::string("(không có trong tệp)")) << ": " << c.unit << " "
          << c.field << ": ";
      if (c.before.empty()) out << "(mới) " << c.after;
      else out << c.before << " → " << c.after;
      out << "\n";
    }
  } else if (!s.changes.empty()) {
    out << "  (" << s.changes.size() << " giá trị thay đổi; không liệt kê vì quá " << max_listed << ")\n";
  }
  return out.str();
}

}  // namespace ntm::app
