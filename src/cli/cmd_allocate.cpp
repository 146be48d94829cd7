// ntm allocate: run an allocation formula and print, write or save its plan; list, show and
// compare saved plans.
//
//   ntm allocate FORMULA --province P --year Y --total N [--param value ...]
//                [--format text|csv|json|xlsx] [-o FILE] [--save NAME [--write] [--replace]]
//   ntm allocate --list [--format text|csv|json]
//   ntm allocate --show NAME [--format text|csv|json|xlsx] [-o FILE]
//   ntm allocate --diff PLAN_A PLAN_B [--format text|csv|json] [-o FILE]
//
// The plan printed is the one made by the script's LAST ntm.allocate call (read from the
// binding's registry slot while the host is alive). Saving opens a separate writable
// connection only after the script has finished, and writes in one transaction; without
// --write nothing is written.
#include <fstream>
#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/paths.h"
#include "app/plans.h"
#include "app/profile.h"
#include "app/provenance.h"
#include "app/run.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/script_list.h"
#include "cli/worker.h"
#include "cli/table_output.h"
#include "model/hash.h"
#include "model/i18n.h"
#include "model/text.h"
#include "model/units.h"
#include "report/writer.h"

namespace ntm::cli {

namespace {

namespace fs = std::filesystem;

// "460300", "460.300", "1.234.567", "460 300" → "460300". Anything else (a decimal comma,
// a dot that does not group thousands, a sign, letters) is an error naming the value.
std::string normalize_total(const std::string& given) {
  std::string t;
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (given[i] == ' ') continue;
    if (given.compare(i, 2, "\xC2\xA0") == 0) { ++i; continue; }            // no-break space
    if (given.compare(i, 3, "\xE2\x80\xAF") == 0) { i += 2; continue; }     // narrow no-break space
    t += given[i];
  }
  const std::string quoted = "'" + given + "'";
  if (t.empty() || t == "true") throw std::invalid_argument(tr("thiếu số tiền sau --total (triệu đồng, ví dụ --total 460.300)", "missing amount after --total (million VND, e.g. --total 460.300)"));
  bool negative = t[0] == '-';
  std::string body = negative || t[0] == '+' ? t.substr(1) : t;
  if (body.find(',') != std::string::npos)
    throw std::invalid_argument(tr("Tổng số tiền phân bổ (--total) phải là số nguyên triệu đồng, nhận ",
                                   "the total to allocate (--total) must be whole million VND, got ") + quoted +
                                tr(" (dấu phẩy là dấu thập phân; viết 460300 hoặc 460.300)",
                                   " (a comma is the decimal mark; write 460300 or 460.300)"));
  std::string digits;
  std::size_t group = 0;
  bool dotted = false, bad = body.empty();
  for (std::size_t i = 0; i < body.size() && !bad; ++i) {
    char c = body[i];
    if (c == '.') {
      bad = (dotted ? group != 3 : group == 0 || group > 3);
      dotted = true;
      group = 0;
    } else if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
    } else {
      throw std::invalid_argument(tr("Tổng số tiền phân bổ (--total) không phải là số: ", "the total to allocate (--total) is not a number: ") + quoted);
    }
  }
  if (dotted && group != 3) bad = true;
  if (bad)
    throw std::invalid_argument(tr("Tổng số tiền phân bổ (--total) phải là số nguyên triệu đồng, nhận ",
                                   "the total to allocate (--total) must be whole million VND, got ") + quoted +
                                tr(" (dấu chấm chỉ dùng để phân cách hàng nghìn, ví dụ 460.300)",
                                   " (a dot only groups thousands, e.g. 460.300)"));
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  if (digits.size() > 15)
    throw std::invalid_argument(tr("Tổng số tiền phân bổ (--total) quá lớn: ", "the total to allocate (--total) is too large: ") + quoted);
  if (negative && digits != "0")
    throw std::invalid_argument(tr("Tổng số tiền phân bổ không được âm: ", "the total to allocate cannot be negative: ") + quoted);
  return digits;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string weight_text(double w) {
  NumberFormat f;
  f.decimals = 4;
  f.trim_zeros = true;
  return format_number(w, f);
}

std::string raw_real(double w) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", w);
  return buf;
}

// What to write: "text", "csv", "json" or "document" (a report writer chosen by the
// output file's extension).
std::string resolve_format(std::string format, const std::string& output) {
  std::string ext = fs::path(output).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (format.empty()) {
    if (ext == ".csv") return "csv";
    if (ext == ".json") return "json";
    if (ext == ".xlsx" || ext == ".docx" || ext == ".html" || ext == ".htm" || ext == ".md") return "document";
    return "text";
  }
  if (format == "table") format = "text";
  if (format == "xlsx") {
    if (output.empty()) throw std::invalid_argument(tr("--format xlsx cần tệp ra: -o TỆP.xlsx", "--format xlsx needs an output file: -o FILE.xlsx"));
    return "document";
  }
  if (format != "text" && format != "csv" && format != "json")
    throw std::invalid_argument(tr("định dạng '", "format '") + format + tr("' không hỗ trợ (text, csv, json, xlsx)", "' is not supported (text, csv, json, xlsx)"));
  return format;
}

// Writes `text` to the output file, or to standard output when there is none.
void emit(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return;
  }
  std::ofstream out(output, std::ios::binary);
  if (!out) throw std::runtime_error(tr("không ghi được tệp ", "cannot write file ") + output);
  out << text;
  if (!out.flush()) throw std::runtime_error(tr("không ghi được tệp ", "cannot write file ") + output);
}

std::string plan_text(const app::Plan& plan) {
  std::ostringstream out;
  out << tr("Phương án phân bổ", "Allocation plan") << (plan.name.empty() ? "" : " '" + plan.name + "'") << tr(" — công thức ", " — formula ")
      << plan.formula;
  if (!plan.province_name.empty()) out << tr(", tỉnh ", ", province ") << plan.province_name;
  if (plan.year) out << tr(", năm ", ", year ") << *plan.year;
  out << "\n";
  if (!plan.created.empty())
    out << tr("Lưu lúc ", "Saved at ") << plan.created << tr("; mã đầu vào (SHA-256) ", "; inputs (SHA-256) ") << plan.inputs_hash << "\n";
  out << tr("Tổng số tiền: ", "Total: ") << format_integer(plan.total) << tr(" triệu đồng\n", " million VND\n");
  for (const auto& s : plan.set_asides) out << tr("Trích trước \"", "Set aside \"") << s.name << "\": " << format_integer(s.amount) << "\n";
  out << tr("Chia cho ", "Shared among ") << plan.lines.size() << tr(" đơn vị: ", " units: ") << format_integer(plan.lines_total()) << "\n\n";
  TextTable t;
  t.columns = {tr("TT", "No."), tr("Mã", "Code"), tr("Tên", "Name"), tr("Huyện", "District"), tr("Trọng số", "Weight"),
               tr("Số tiền", "Amount")};
  if (plan.has_counterpart) t.columns.push_back(tr("Vốn đối ứng", "Counterpart"));
  t.columns.push_back(tr("Giải thích", "Explanation"));
  t.numeric = {true, false, false, false, true, true};
  if (plan.has_counterpart) t.numeric.push_back(true);
  t.numeric.push_back(false);
  int n = 0;
  for (const auto& l : plan.lines) {
    std::vector<std::string> row = {std::to_string(++n), l.code, l.name, l.district, weight_text(l.weight),
                                    format_integer(l.amount)};
    if (plan.has_counterpart) row.push_back(l.counterpart ? format_integer(*l.counterpart) : "");
    row.push_back(l.explanation);
    t.rows.push_back(row);
  }
  print_aligned(t, out);
  auto districts = app::district_totals(plan);
  if (!districts.empty()) {
    out << tr("\nTổng hợp theo huyện\n", "\nBy district\n");
    TextTable d;
    d.columns = {tr("Huyện", "District"), tr("Số đơn vị", "Units"), tr("Trọng số", "Weight"), tr("Số tiền", "Amount")};
    d.numeric = {false, true, true, true, true};
    if (plan.has_counterpart) d.columns.push_back(tr("Vốn đối ứng", "Counterpart"));
    int recipients = 0;
    double weight = 0;
    std::int64_t counterpart = 0;
    for (const auto& x : districts) {
      std::vector<std::string> row = {x.district, std::to_string(x.recipients), weight_text(x.weight),
                                      format_integer(x.amount)};
      if (plan.has_counterpart) row.push_back(format_integer(x.counterpart));
      d.rows.push_back(row);
      recipients += x.recipients;
      weight += x.weight;
      counterpart += x.counterpart;
    }
    std::vector<std::string> total = {tr("Tổng cộng", "Total"), std::to_string(recipients), weight_text(weight),
                                      format_integer(plan.lines_total())};
    if (plan.has_counterpart) total.push_back(format_integer(counterpart));
    d.rows.push_back(total);
    print_aligned(d, out);
  }
  return out.str();
}

std::string plan_csv(const app::Plan& plan) {
  TextTable t;
  t.columns = {"code", "name", "district", "weight", "amount"};
  if (plan.has_counterpart) t.columns.push_back("counterpart");
  t.columns.push_back("explanation");
  for (const auto& l : plan.lines) {
    std::vector<std::string> row = {l.code, l.name, l.district, raw_real(l.weight), std::to_string(l.amount)};
    if (plan.has_counterpart) row.push_back(l.counterpart ? std::to_string(*l.counterpart) : "");
    row.push_back(l.explanation);
    t.rows.push_back(row);
  }
  std::ostringstream out;
  print_csv(t, out);
  return out.str();
}

void write_plan(const app::Plan& plan, const std::string& format, const std::string& output,
                const std::string& profile_path = {}) {
  std::string f = resolve_format(format, output);
  if (f == "document") {
    std::optional<report::Profile> profile;
    if (!profile_path.empty()) profile = app::load_profile(profile_path);
    report::write(app::plan_document(plan, profile ? &*profile : nullptr), output);
  }
  else if (f == "json") emit(app::plan_json(plan), output);
  else if (f == "csv") emit(plan_csv(plan), output);
  else emit(plan_text(plan), output);
}

void write_list(const store::Database& db, const std::string& format, const std::string& output) {
  std::string f = resolve_format(format, output);
  if (f == "document") throw std::invalid_argument(tr("--list chỉ in ra text, csv hoặc json", "--list prints text, csv or json only"));
  auto plans = app::list_plans(db);
  bool pretty = f == "text";
  TextTable t;
  t.columns = pretty ? std::vector<std::string>{tr("Tên", "Name"), tr("Công thức", "Formula"), tr("Tỉnh", "Province"), tr("Năm", "Year"),
                                                tr("Tổng (triệu đồng)", "Total (million VND)"), tr("Số dòng", "Lines"), tr("Lưu lúc", "Saved at")}
                     : std::vector<std::string>{"name", "formula", "province", "year", "total", "lines", "created"};
  t.numeric = {false, false, false, true, true, true, false};
  for (const auto& p : plans)
    t.rows.push_back({p.name, p.formula, p.province, p.year ? std::to_string(*p.year) : "",
                      pretty ? format_integer(p.total) : std::to_string(p.total), std::to_string(p.lines), p.created});
  std::ostringstream out;
  if (pretty && plans.empty())
    out << tr("Chưa lưu phương án phân bổ nào (lưu bằng: ntm allocate ... --save TÊN --write)\n",
              "No allocation plan saved yet (save one with: ntm allocate ... --save NAME --write)\n");
  else print_table(t, pretty ? "table" : f, out);
  emit(out.str(), output);
}

void write_diff(const app::Plan& a, const app::Plan& b, const std::string& format, const std::string& output) {
  std::string f = resolve_format(format, output);
  if (f == "document") throw std::invalid_argument(tr("--diff chỉ in ra text, csv hoặc json", "--diff prints text, csv or json only"));
  app::PlanDiff diff = app::diff_plans(a, b);
  auto note = [](const app::DiffLine& l) {
    return !l.a ? tr("chỉ có trong B", "only in B") : !l.b ? tr("chỉ có trong A", "only in A") : std::string();
  };
  std::ostringstream out;
  if (f == "json") {
    nlohmann::ordered_json j;
    j["a"] = a.name;
    j["b"] = b.name;
    j["total_a"] = diff.total_a;
    j["total_b"] = diff.total_b;
    j["difference"] = diff.total_b - diff.total_a;
    j["changed"] = diff.changed;
    j["only_a"] = nlohmann::ordered_json::array();
    j["only_b"] = nlohmann::ordered_json::array();
    j["lines"] = nlohmann::ordered_json::array();
    for (const auto& l : diff.lines) {
      if (!l.b) j["only_a"].push_back(l.code);
      if (!l.a) j["only_b"].push_back(l.code);
      nlohmann::ordered_json o = {{"code", l.code}, {"name", l.name}, {"district", l.district}};
      o["amount_a"] = l.a ? nlohmann::ordered_json(*l.a) : nlohmann::ordered_json(nullptr);
      o["amount_b"] = l.b ? nlohmann::ordered_json(*l.b) : nlohmann::ordered_json(nullptr);
      o["difference"] = l.difference();
      j["lines"].push_back(o);
    }
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    bool pretty = f == "text";
    auto amount = [&](const std::optional<std::int64_t>& v) {
      return !v ? std::string(pretty ? "—" : "") : pretty ? format_integer(*v) : std::to_string(*v);
    };
    auto signed_amount = [&](std::int64_t v) {
      if (!pretty) return std::to_string(v);
      return v > 0 ? "+" + format_integer(v) : format_integer(v);
    };
    TextTable t;
    t.columns = pretty ? std::vector<std::string>{tr("Mã", "Code"), tr("Tên", "Name"), tr("Huyện", "District"), "A: " + a.name, "B: " + b.name,
                                                  tr("Chênh lệch (B − A)", "Difference (B − A)"), tr("Ghi chú", "Note")}
                       : std::vector<std::string>{"code", "name", "district", "amount_a", "amount_b", "difference", "note"};
    t.numeric = {false, false, false, true, true, true, false};
    for (const auto& l : diff.lines)
      t.rows.push_back({l.code, l.name, l.district, amount(l.a), amount(l.b), signed_amount(l.difference()), note(l)});
    if (pretty) {
      t.rows.push_back({"", tr("Tổng cộng", "Total"), "", format_integer(diff.total_a), format_integer(diff.total_b),
                        signed_amount(diff.total_b - diff.total_a), ""});
      out << tr("So sánh phương án A '", "Plan A '") << a.name << "' (" << a.formula << tr(") với B '", ") against B '") << b.name << "' ("
          << b.formula << ")\n";
      print_aligned(t, out);
      out << tr("Khác số tiền: ", "Different amounts: ") << diff.changed << tr(" đơn vị; chỉ có trong A: ", " units; only in A: ")
          << diff.only_a << tr("; chỉ có trong B: ", "; only in B: ") << diff.only_b << "\n";
    } else {
      print_csv(t, out);
    }
  }
  emit(out.str(), output);
}

struct Options {
  std::string formula;
  std::string format;
  std::string profile;   // province profile for the document's header (--profile)
  std::string output;
  std::string save;
  bool write = false;
  bool replace = false;
  bool list = false;
  std::string show;
  std::vector<std::string> diff;
  bool help = false;
  LimitFlags limits;
};

int run_formula(const Options& o, const Global& global, CLI::App* cmd) {
  auto script = app::find_script(o.formula, "allocations");
  if (!script)
    throw std::invalid_argument(tr("không tìm thấy công thức phân bổ '", "allocation formula not found: '") + o.formula +
                                tr("' (danh sách: ntm allocate --help)", "' (list: ntm allocate --help)"));
  if (o.help) {
    app::print_script_help(*script, app::describe_script(*script), std::cout);
    return kOk;
  }
  auto args = parse_script_args(cmd->remaining());
  if (auto total = args.find("total"); total != args.end()) total->second = normalize_total(total->second);
  // ntm.toml's province and year for a formula that declares them: into the arguments, so
  // that the saved plan records the values it was made with.
  auto defaults = script_defaults(global);
  for (const auto& p : app::describe_script(*script).params)
    if (!args.count(p.name) && defaults.count(p.name)) args[p.name] = defaults[p.name];
  resolve_format(o.format, o.output);   // a bad --format fails before the script runs
  const std::string source = read_text(*script);
  fs::path db_path = app::database_path(global.db, !o.save.empty() && o.write ? app::Access::Write : app::Access::Read);

  if (auto p = args.find("province"); p != args.end()) {
    int y = 0;
    if (auto yy = args.find("year"); yy != args.end()) y = std::atoi(yy->second.c_str());
    auto a = args.find("as-of");
    check_province(db_path, p->second, map_date(a == args.end() ? std::string() : a->second, y));
  }
  // Opened before the formula runs, so a read-only or missing file fails before any work.
  std::optional<store::Database> target;
  if (!o.save.empty() && o.write) target.emplace(app::open_for_writing(db_path));
  std::optional<AllocatedPlan> made;
  // The script's print() goes to standard error: standard output carries the plan.
  auto run = app::run_script(db_path, *script, args, o.limits.limits(), std::cerr, std::cerr, [&](lua::Host& host) {
    if (const AllocatedPlan* p = lua::last_allocation(host.state())) made = *p;
  });
  if (!made)
    throw std::runtime_error(tr("công thức ", "formula ") + o.formula +
                             tr(" không gọi ntm.allocate nên không có phương án phân bổ", " did not call ntm.allocate, so there is no plan"));
  if (made->call > 1)
    std::cerr << tr("Công thức gọi ntm.allocate ", "The formula called ntm.allocate ") << made->call
              << tr(" lần; in và lưu phương án của lần cuối\n", " times; the last plan is printed and saved\n");

  std::string province_code, province_name;
  std::optional<int> year;
  if (auto y = args.find("year"); y != args.end()) {
    char* end = nullptr;
    long v = std::strtol(y->second.c_str(), &end, 10);
    if (!y->second.empty() && !*end) year = static_cast<int>(v);
  }
  // The map of the plan: --as-of, else 31/12 of the year, else today.
  std::string map_date = year ? year_end(*year) : today();
  if (auto a = args.find("as-of"); a != args.end())
    if (auto iso = parse_iso_date(a->second)) map_date = *iso;
  {
    store::Database db = app::open_for_scripts(db_path);
    if (auto p = args.find("province"); p != args.end()) {
      UnitLabel l = unit_label(db, find_province(db, p->second, map_date));
      province_code = l.code;
      province_name = l.name_with_type;
    }
  }
  // Stored parameters name the province by code, so that "dien bien" and "Điện Biên" give
  // the same inputs hash.
  auto stored_args = args;
  if (!province_code.empty()) stored_args["province"] = province_code;
  app::Plan plan = app::plan_from_run(*made, o.formula, source, stored_args, province_code, year);
  plan.map_date = map_date;
  plan.province_name = province_name;
  plan.scripts = run.scripts_run;
  print_provenance(plan.scripts, std::cerr);

  if (!o.save.empty()) {
    plan.name = o.save;
    if (!o.write) {
      bool exists = app::plan_exists(app::open_for_scripts(db_path), o.save);
      std::cerr << tr("Sẽ lưu phương án '", "Would save plan '") << o.save << "': " << plan.lines.size() << tr(" dòng, tổng ", " lines, total ")
                << format_integer(plan.total) << tr(" triệu đồng, công thức ", " million VND, formula ") << o.formula << " (SHA-256 "
                << plan.formula_sha256.substr(0, 12) << "…), mã đầu vào " << plan.inputs_hash.substr(0, 12) << "…";
      if (exists)
        std::cerr << (o.replace ? tr("; thay phương án cùng tên đã có", "; replacing the plan of that name")
                                : tr("; nhưng tên này đã có (cần --replace)", "; but that name exists (needs --replace)"));
      std::cerr << tr(".\nChưa ghi gì vào cơ sở dữ liệu: thêm --write để lưu.\n", ".\nNothing written to the database: add --write to save.\n");
      plan.name.clear();
    } else {
      std::int64_t id = app::save_plan(*target, plan, o.replace);
      std::cerr << tr("Đã lưu phương án '", "Saved plan '") << o.save << tr("' (số ", "' (number ") << id << ", " << plan.lines.size()
                << tr(" dòng).\n", " lines).\n");
    }
  }
  write_plan(plan, o.format, o.output, profile_path(o.profile, global));
  std::cerr << tr("Đã phân bổ ", "Allocated ") << format_integer(plan.lines_total()) << tr(" triệu đồng cho ", " million VND among ")
            << plan.lines.size() << tr(" đơn vị", " units") << (o.output.empty() ? "" : tr("; ghi vào ", "; written to ") + o.output)
            << ".\n";
  return kOk;
}

}  // namespace

void add_allocate(CLI::App& app, Global& global) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "allocate", tr("chạy công thức phân bổ vốn (scripts/allocations/) và in, ghi hoặc lưu phương án; "
                     "xem, so sánh các phương án đã lưu. Tham số của công thức viết --tên giá_trị",
                     "run an allocation formula (scripts/allocations/) and print, write or save its plan; "
                     "list and compare saved plans. Formula parameters as --name value"));
  cmd->set_help_flag();
  cmd->add_option("formula", o->formula, tr("tên hoặc đường dẫn công thức (he-so-nhom-xa, theo-nhu-cau, thuong-huyen, phan-bo-tinh)",
                                            "formula name or path (he-so-nhom-xa, theo-nhu-cau, thuong-huyen, phan-bo-tinh)"))
      ->option_text(tr("CÔNG_THỨC", "FORMULA"));
  cmd->add_option("--profile", o->profile,
                  tr("tệp hồ sơ tỉnh (TOML): cơ quan ban hành, địa danh cho phụ lục .docx/.xlsx/.html "
                     "(mặc định: profile trong ntm.toml)",
                     "province profile (TOML): issuer, place name for the .docx/.xlsx/.html annex "
                     "(default: profile in ntm.toml)"))
      ->option_text(tr("TỆP", "FILE"));
  add_format_option(cmd, o->format, {"text", "csv", "json", "xlsx"},
                    tr("cách in (mặc định: theo đuôi tệp -o, không có thì text)", "output format (default: by the -o extension, else text)"));
  cmd->add_option("-o,--output", o->output, tr("ghi ra tệp (.txt, .csv, .json, .xlsx, .docx, .html, .md)",
                                               "write to a file (.txt, .csv, .json, .xlsx, .docx, .html, .md)"))
      ->option_text(tr("TỆP", "FILE"));
  cmd->add_option("--save", o->save, tr("lưu phương án với tên này (cần --write)", "save the plan under this name (needs --write)"))
      ->option_text(tr("TÊN", "NAME"));
  cmd->add_flag("--write", o->write, tr("cho phép ghi vào cơ sở dữ liệu (--save)", "allow writing to the database (--save)"));
  cmd->add_flag("--replace", o->replace, tr("thay phương án đã lưu cùng tên", "replace a saved plan of the same name"));
  cmd->add_flag("--list", o->list, tr("liệt kê các phương án đã lưu", "list the saved plans"));
  cmd->add_option("--show", o->show, tr("in một phương án đã lưu", "print a saved plan"))->option_text(tr("TÊN", "NAME"));
  cmd->add_option("--diff", o->diff, tr("so sánh hai phương án đã lưu: --diff A B", "compare two saved plans: --diff A B"))
      ->expected(2)
      ->option_text("A B");
  cmd->add_flag("-h,--help", o->help, tr("trợ giúp; kèm CÔNG_THỨC: liệt kê tham số của công thức",
                                          "help; with FORMULA: the formula's parameters"));
  add_limit_flags(cmd, o->limits);
  add_global_options(cmd, global);
  cmd->footer([] {
    return tr("Tham số của công thức (--province, --year, --total, ...) viết sau CÔNG_THỨC; "
              "tỉnh và năm mặc định lấy từ ntm.toml. Mọi công thức nhận thêm --as-of NGÀY (bản đồ hành chính "
              "của ngày đó) và --set BỘ (bộ tiêu chí).\n",
              "Formula parameters (--province, --year, --total, ...) follow FORMULA; "
              "province and year default to ntm.toml. Every formula also takes --as-of DATE (the administrative "
              "map of that date) and --set SET (the criteria set).\n") +
           script_list({"allocations"}, true, tr("Các công thức phân bổ:", "Allocation formulas:"), {"province", "year", "as_of", "set"});
  });
  on_run(cmd, global, [&global, o, cmd] {
    auto body = [&] {
    int modes = !o->formula.empty() + o->list + !o->show.empty() + !o->diff.empty();
    if (modes == 0 && o->help) {
      std::cout << cmd->help("ntm");
      return kOk;
    }
    if (modes != 1)
      throw std::invalid_argument(tr("dùng một trong: ntm allocate CÔNG_THỨC ..., --list, --show TÊN, --diff A B",
                                     "use one of: ntm allocate FORMULA ..., --list, --show NAME, --diff A B"));
    if (o->write && o->save.empty()) throw std::invalid_argument(tr("--write chỉ dùng cùng --save TÊN", "--write goes with --save NAME"));
    if (o->replace && o->save.empty()) throw std::invalid_argument(tr("--replace chỉ dùng cùng --save TÊN", "--replace goes with --save NAME"));
    if (!o->formula.empty()) return run_formula(*o, global, cmd);
    if (!o->save.empty()) throw std::invalid_argument(tr("--save chỉ dùng khi chạy một công thức", "--save goes with running a formula"));
    reject_extras(cmd);
    store::Database db = app::open_for_scripts(app::database_path(global.db, app::Access::Read));
    if (o->list) write_list(db, o->format, o->output);
    else if (!o->show.empty()) write_plan(app::load_plan(db, o->show), o->format, o->output, profile_path(o->profile, global));
    else write_diff(app::load_plan(db, o->diff[0]), app::load_plan(db, o->diff[1]), o->format, o->output);
    return kOk;
    };
    // A plan saved writes (on a server: a working copy, sent when the worker is done).
    if (!o->save.empty() && o->write)
      return writing(global, [&] { return supervised(o->limits.limits(), std::nullopt, body); });
    return supervised(o->limits.limits(), global.db, body);
  }, true);
}

}  // namespace ntm::cli
