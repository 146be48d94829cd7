// ntm report LAYOUT --province P (--year Y | --from Y1 --to Y2) -o FILE [-o FILE ...] [--name value ...]
//
// Runs a layout script (by path, or by name under scripts/reports/) that builds and returns
// an ntm.report document, then writes it once per -o file in the format its extension
// names (.docx .xlsx .html .md .csv). Every output is checked before the script runs (a
// known extension, an existing writable folder): a bad one is a command-line error (exit
// 2) and nothing is written. Each file is written to a temporary file and renamed, so a
// failing script or writer leaves no file behind. Without -o the document is printed as
// Markdown. Every file is written all or none (report::write_all).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "app/paths.h"
#include "app/profile.h"
#include "app/provenance.h"
#include "app/run.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/help.h"
#include "cli/script_list.h"
#include "cli/worker.h"
#include "lua/bind_report.h"
#include "model/i18n.h"
#include "report/docx_template.h"
#include "report/map_draw.h"
#include "report/writer.h"

namespace ntm::cli {

namespace {

namespace fs = std::filesystem;

// Throws std::invalid_argument (exit 2) when `path` cannot be a report output.
void check_output(const std::string& path) {
  fs::path p(path);
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::set<std::string> known = {".docx", ".xlsx", ".html", ".htm", ".md", ".csv"};
  if (!known.count(ext))
    throw std::invalid_argument(tr("tệp ", "file ") + path +
                                (ext.empty() ? tr(": thiếu đuôi tệp", ": no extension") : tr(": đuôi '", ": extension '") + ext + "'") +
                                tr(" không được hỗ trợ (dùng .docx, .xlsx, .html, .md, .csv)",
                                   " is not supported (use .docx, .xlsx, .html, .md, .csv)"));
  fs::path dir = p.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw std::invalid_argument(tr("tệp ", "file ") + path + tr(": thư mục '", ": folder '") + dir.string() +
                                tr("' không tồn tại", "' does not exist"));
  // A real probe rather than access(2), which says yes to root on read-only places.
  fs::path probe = dir / (".ntm-probe-" + std::to_string(::getpid()));
  int fd = ::open(probe.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0600);
  if (fd < 0)
    throw std::invalid_argument(tr("tệp ", "file ") + path + tr(": không có quyền ghi vào thư mục '", ": cannot write to folder '") +
                                dir.string() + "'");
  ::close(fd);
  ::unlink(probe.c_str());
  if (fs::is_directory(p, ec))
    throw std::invalid_argument(tr("tệp ", "file ") + path + tr(" là một thư mục", " is a folder"));
}

// Names of the layouts under the script folders' reports/, for the "not found" message.
std::string available_layouts() {
  std::set<std::string> names;
  for (const auto& dir : app::script_dirs()) {
    std::error_code ec;
    for (fs::directory_iterator it(dir / "reports", ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".lua") names.insert(it->path().stem().string());
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return list;
}

// `--fields`: every field with the value of this run, lists as list.key with their first item.
void print_fields(const report::Document& doc, std::ostream& out) {
  if (doc.fields.empty() && doc.lists.empty()) {
    out << tr("Mẫu báo cáo này chưa công bố trường nào (doc:fields{...}).\n",
              "This layout publishes no fields (doc:fields{...}).\n");
    return;
  }
  std::size_t width = 0;
  for (const auto& [k, v] : doc.fields) width = std::max(width, k.size() + 4);
  for (const auto& [list, rows] : doc.lists)
    if (!rows.empty())
      for (const auto& [k, v] : rows.front()) width = std::max(width, list.size() + k.size() + 5);
  auto line = [&](const std::string& name, const std::string& value) {
    std::string shown = value;
    if (shown.size() > 70) {
      std::size_t cut = 67;
      while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;   // not inside a letter
      shown = shown.substr(0, cut) + "...";
    }
    out << name << std::string(width + 2 - std::min(width + 1, name.size()), ' ') << shown << "\n";
  };
  for (const auto& [k, v] : doc.fields) line("{{" + k + "}}", v);
  for (const auto& [list, rows] : doc.lists) {
    out << tr("\nDanh sách ", "\nList ") << list << " (" << rows.size()
        << tr(" dòng; đặt {{" , " rows; put {{") << list << tr(".…}} trong một dòng bảng để lặp dòng đó):\n",
                                                               ".…}} in a table row to repeat that row):\n");
    if (!rows.empty())
      for (const auto& [k, v] : rows.front()) line("{{" + list + "." + k + "}}", v);
  }
}

// The office's Word template: a .docx file (exit 2 otherwise).
void check_template(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".docx")
    throw std::invalid_argument(tr("--template cần tệp .docx, nhận ", "--template needs a .docx file, got ") + path);
}

// The province profile (--profile, else ntm.toml's profile) with --text in place of its prose.
std::shared_ptr<report::Profile> load_report_profile(const std::string& profile_file, const std::string& text) {
  std::shared_ptr<report::Profile> profile;
  if (!profile_file.empty()) profile = std::make_shared<report::Profile>(app::load_profile(profile_file));
  if (!text.empty()) {
    if (!profile) profile = std::make_shared<report::Profile>();
    profile->prose_file = fs::absolute(text);
    profile->prose = app::load_prose(text);
  }
  return profile;
}

}  // namespace

void add_report(CLI::App& app, Global& global) {
  struct Options {
    std::string layout, province, as_of, set, profile, text, template_path;
    int year = 0, from = 0, to = 0;
    std::vector<std::string> outputs;
    bool fields = false, help = false;
    LimitFlags limits;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("report", tr("viết báo cáo theo một mẫu (scripts/reports/): .docx, .xlsx, .html, .md, .csv",
                                              "write a report from a layout (scripts/reports/): .docx, .xlsx, .html, .md, .csv"));
  cmd->set_help_flag();
  mark_required(cmd->add_option("layout", o->layout, tr("mẫu báo cáo: tên (annual, dien-bien, bac-giang, ho-so-xa, ca-nuoc) hoặc đường dẫn",
                                                        "layout: a name (annual, dien-bien, bac-giang, ho-so-xa, ca-nuoc) or a path"))
                    ->option_text(tr("MẪU", "LAYOUT")));
  add_province_option(cmd, o->province, false);   // the layout says when it needs one
  add_year_option(cmd, o->year,
                  tr("năm báo cáo (bắt buộc, trừ khi có --from/--to hoặc year trong ntm.toml)",
                     "report year (required unless --from/--to or year in ntm.toml)"),
                  false);
  add_span_flags(cmd, o->from, o->to);
  add_map_flags(cmd, o->as_of, &o->set);
  cmd->add_option("-o,--output", o->outputs,
                  tr("tệp kết quả, lặp lại được; định dạng theo đuôi tệp (không có -o: in Markdown ra màn hình)",
                     "output file, repeatable; format by extension (no -o: Markdown on the screen)"))
      ->option_text(tr("TỆP", "FILE"))
      ->allow_extra_args(false);
  cmd->add_option("--profile", o->profile,
                  tr("tệp hồ sơ tỉnh (TOML): cơ quan ban hành, người ký, nơi nhận, làm tròn, tệp văn bản của văn phòng "
                     "(mặc định: profile trong ntm.toml)",
                     "province profile (TOML): issuer, signer, recipients, rounding, the office's text file "
                     "(default: profile in ntm.toml)"))
      ->option_text(tr("TỆP", "FILE"));
  cmd->add_option("--text", o->text,
                  tr("văn bản của văn phòng (Markdown hoặc .docx; thay tệp trong hồ sơ tỉnh)",
                     "the office's text (Markdown or .docx; instead of the profile's file)"))
      ->option_text(tr("TỆP", "FILE"))
      ->check(existing_file());
  cmd->add_option("--template", o->template_path,
                  tr("mẫu Word của văn phòng (.docx) có {{trường}}: các tệp -o .docx được điền theo mẫu này",
                     "the office's Word template (.docx) with {{fields}}: -o .docx outputs are filled from it"))
      ->option_text(tr("TỆP", "FILE"))
      ->check(existing_file());
  cmd->add_flag("--fields", o->fields,
                tr("liệt kê các trường của mẫu báo cáo (dùng trong mẫu Word) với giá trị của lần chạy này",
                   "list the layout's fields (for Word templates) with their values in this run"));
  cmd->add_flag("-h,--help", o->help, tr("trợ giúp; kèm MẪU: cả tham số riêng của mẫu (--number, --signer, ...)",
                                          "help; with LAYOUT: also the layout's own parameters (--number, --signer, ...)"));
  add_limit_flags(cmd, o->limits);
  add_global_options(cmd, global);
  cmd->footer([] {
    return tr("Mỗi mẫu có thể có tham số riêng, viết --tên giá_trị sau MẪU:\n",
              "Each layout may take parameters of its own, written --name value after LAYOUT:\n") +
           script_list({"reports"}, true, tr("Các mẫu báo cáo:", "Layouts:"), {"province", "year", "from", "to", "profile", "as_of", "set"});
  });
  on_run(cmd, global, [&global, o, cmd] { return supervised(o->limits.limits(), global.db, [&] {
    if (o->help) {
      std::cout << cmd->help("ntm");
      if (auto script = app::find_script(o->layout, "reports"); script && !o->layout.empty()) {
        std::cout << "\n";
        app::print_script_help(*script, app::describe_script(*script), std::cout);
      }
      return kOk;
    }
    if (o->layout.empty()) throw std::invalid_argument(tr("thiếu MẪU báo cáo (có: ", "missing LAYOUT (available: ") + available_layouts() + ")");
    for (const auto& out : o->outputs) check_output(out);
    if (!o->template_path.empty()) check_template(o->template_path);
    auto script = app::find_script(o->layout, "reports");
    if (!script)
      throw std::invalid_argument(tr("không tìm thấy mẫu báo cáo '", "layout not found: '") + o->layout +
                                  tr("' (có: ", "' (available: ") + available_layouts() + ")");
    auto args = parse_script_args(cmd->remaining());
    // Not every layout is about one province (ca-nuoc, ho-so-xa): the province is checked
    // when one is given here or in ntm.toml, and the layout says when it needs one.
    std::string province = project_or(o->province, global, "province");
    bool span = o->from || o->to;
    // A span (layout giai-doan) runs on the map of its last year.
    int year = span ? span_year(o->year, o->from, o->to) : need_year(o->year, global);
    auto defaults = script_defaults(global);
    if (!o->province.empty()) args["province"] = o->province;
    if (o->year) args["year"] = std::to_string(o->year);
    if (span) {
      args["from"] = std::to_string(o->from);
      args["to"] = std::to_string(o->to);
      args["year"] = std::to_string(o->to);
      defaults.erase("year");
    }
    if (!o->as_of.empty()) args["as-of"] = o->as_of;
    if (!o->set.empty()) args["set"] = o->set;
    std::string profile_file = profile_path(o->profile, global);
    if (!profile_file.empty()) defaults["profile"] = profile_file;
    if (!province.empty()) check_province(app::database_path(global.db, app::Access::Read), province, map_date(o->as_of, year));
    else map_date(o->as_of, year);   // a bad --as-of is a command-line error before the layout runs
    auto profile = load_report_profile(profile_file, o->text);
    auto lower_ext = [](const std::string& out) {
      std::string ext = fs::path(out).extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      return ext;
    };
    // A .docx written without a template carries each map as a picture: drawn on a second
    // thread while the layout goes on (report::start_map_png).
    report::draw_maps_ahead(o->template_path.empty() && std::any_of(o->outputs.begin(), o->outputs.end(), [&](const std::string& out) {
                              return lower_ext(out) == ".docx";
                            }));
    report::Document doc;
    auto run = app::run_script(
        app::database_path(global.db, app::Access::Read), *script, args, o->limits.limits(), std::cout, std::cerr,
        [&](lua::Host& host) {
          try {
            doc = lua::returned_document(host.state(), -1, script->string());
          } catch (const std::runtime_error& e) {
            throw lua::ScriptError(lua::ErrorKind::Script, e.what(), script->string());
          }
        },
        false, defaults, profile);
    report::validate(doc);
    print_provenance(run.scripts_run, std::cerr);
    if (o->fields) {
      print_fields(doc, std::cout);
      return kOk;
    }
    if (o->outputs.empty()) {
      std::cout << report::to_markdown(doc);
      return kOk;
    }
    doc.provenance = app::hashes_text(run.scripts_run);   // into each file's metadata
    // Word templates are filled first, then every file is written all or none: a failure on
    // the last one leaves none of them behind.
    std::map<fs::path, std::string> ready;
    std::map<fs::path, report::FilledTemplate> filled;
    if (!o->template_path.empty())
      for (const auto& out : o->outputs)
        if (lower_ext(out) == ".docx" && !filled.count(out)) {
          auto& f = filled[out] = report::fill_template(o->template_path, doc);
          ready[out] = std::move(f.bytes);
        }
    report::write_all(doc, std::vector<fs::path>(o->outputs.begin(), o->outputs.end()), ready);
    std::vector<std::string> written;
    for (const auto& out : o->outputs) {
      if (auto it = filled.find(out); it != filled.end()) {
        for (const auto& name : it->second.unknown)
          std::cerr << tr("Chú ý: mẫu báo cáo không có trường {{", "Note: the layout has no field {{") << name
                    << tr("}} (để nguyên trong ", "}} (left as written in ") << out << tr("; xem --fields)", "; see --fields)") << "\n";
        written.push_back(out + tr(" (theo mẫu ", " (from the template ") + o->template_path + ", " +
                          std::to_string(it->second.replaced) + tr(" chỗ điền)", " placeholders filled)"));
        continue;
      }
      if (lower_ext(out) == ".csv")
        for (const auto& p : report::csv_paths(doc, out)) written.push_back(p.string());
      else
        written.push_back(out);
    }
    std::string list;
    for (const auto& w : written) list += (list.empty() ? "" : ", ") + w;
    std::cerr << tr("Đã ghi ", "Wrote ") << list << "\n";
    return kOk;
  }); }, true);
}

}  // namespace ntm::cli
