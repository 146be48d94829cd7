// ntm report LAYOUT --province P --year Y -o FILE [-o FILE ...] [--name value ...]
//
// Runs a layout script (by path, or by name under scripts/reports/) that builds and returns
// an ntm.report document, then writes it once per -o file in the format its extension
// names (.docx .xlsx .html .md .csv). Every output is checked before the script runs (a
// known extension, an existing writable folder): a bad one is a command-line error (exit
// 2) and nothing is written. Each file is written to a temporary file and renamed, so a
// failing script or writer leaves no file behind. Without -o the document is printed as
// Markdown.
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
#include "cli/worker.h"
#include "lua/bind_report.h"
#include "model/i18n.h"
#include "report/docx_template.h"
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

}  // namespace

void add_report(CLI::App& app, Global& global) {
  struct Options {
    std::string layout, province, as_of, set;
    int year = 0, from = 0, to = 0;
    std::vector<std::string> outputs;
    std::string profile, text, template_path;
    bool fields = false;
    LimitFlags limits;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("report", tr("viết báo cáo theo một mẫu (scripts/reports/): .docx, .xlsx, .html, .md, .csv",
                                              "write a report from a layout (scripts/reports/): .docx, .xlsx, .html, .md, .csv"));
  cmd->add_option("layout", o->layout, tr("mẫu báo cáo: tên (annual, dien-bien, bac-giang) hoặc đường dẫn",
                                          "layout: a name (annual, dien-bien, bac-giang) or a path"))->required();
  cmd->add_option("--province", o->province,
                  tr("tỉnh (tên hoặc mã, không cần dấu); mẫu nào cần thì bắt buộc", "province (name or code); required by the layouts that need it"));
  cmd->add_option("--year", o->year, tr("năm báo cáo", "report year"))->check(CLI::Range(1990, 2100));
  add_span_flags(cmd, o->from, o->to);
  cmd->add_option("-o,--output", o->outputs,
                  tr("tệp kết quả, lặp lại được; định dạng theo đuôi tệp (không có: in Markdown ra màn hình)",
                     "output file, repeatable; format by extension (none: Markdown on the screen)"))
      ->allow_extra_args(false);
  add_map_flags(cmd, o->as_of, &o->set);
  cmd->add_option("--profile", o->profile,
                  tr("tệp hồ sơ tỉnh (TOML): cơ quan ban hành, người ký, nơi nhận, làm tròn, tệp văn bản của văn phòng",
                     "province profile (TOML): issuer, signer, recipients, rounding, the office's text file"))
      ->check(CLI::ExistingFile);
  cmd->add_option("--text", o->text,
                  tr("văn bản của văn phòng (Markdown hoặc .docx; thay tệp trong hồ sơ tỉnh)",
                     "the office's text (Markdown or .docx; instead of the profile's file)"))
      ->check(CLI::ExistingFile);
  cmd->add_option("--template", o->template_path,
                  tr("mẫu Word của văn phòng (.docx) có {{trường}}: các tệp -o .docx được điền theo mẫu này",
                     "the office's Word template (.docx) with {{fields}}: -o .docx outputs are filled from it"))
      ->check(CLI::ExistingFile);
  cmd->add_flag("--fields", o->fields,
                tr("liệt kê các trường của mẫu báo cáo (dùng trong mẫu Word) với giá trị của lần chạy này",
                   "list the layout's fields (for Word templates) with their values in this run"));
  add_db_option(cmd, global.db);
  add_limit_flags(cmd, o->limits);
  cmd->allow_extras();
  cmd->callback([&global, o, cmd] {
    global.status = supervised(o->limits.limits(), [&] {
      for (const auto& out : o->outputs) check_output(out);
      auto script = app::find_script(o->layout, "reports");
      if (!script)
        throw std::invalid_argument(tr("không tìm thấy mẫu báo cáo '", "layout not found: '") + o->layout +
                                    tr("' (có: ", "' (available: ") + available_layouts() + ")");
      auto args = parse_script_args(cmd->remaining());
      o->year = span_year(o->year, o->from, o->to);   // a span runs on the map of its last year
      if (o->from) {
        args["from"] = std::to_string(o->from);
        args["to"] = std::to_string(o->to);
      }
      if (!o->province.empty()) {
        args["province"] = o->province;
        check_province(app::database_path(global.db), o->province, map_date(o->as_of, o->year));
      }
      args["year"] = std::to_string(o->year);
      if (!o->as_of.empty()) args["as-of"] = o->as_of;
      if (!o->set.empty()) args["set"] = o->set;
      std::shared_ptr<report::Profile> profile;
      if (!o->profile.empty()) profile = std::make_shared<report::Profile>(app::load_profile(o->profile));
      if (!o->text.empty()) {
        if (!profile) profile = std::make_shared<report::Profile>();
        profile->prose_file = fs::absolute(o->text);
        profile->prose = app::load_prose(o->text);
      }
      if (!o->template_path.empty()) {
        fs::path t(o->template_path);
        std::string ext = t.extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (ext != ".docx")
          throw std::invalid_argument(tr("--template cần tệp .docx, nhận ", "--template needs a .docx file, got ") + o->template_path);
      }
      report::Document doc;
      auto run = app::run_script(app::database_path(global.db), *script, args, o->limits.limits(), std::cout, std::cerr,
                      [&](lua::Host& host) {
                        try {
                          doc = lua::returned_document(host.state(), -1, script->string());
                        } catch (const std::runtime_error& e) {
                          throw lua::ScriptError(lua::ErrorKind::Script, e.what(), script->string());
                        }
                      }, false, profile);
      report::validate(doc);
      app::print_script_hashes(run.scripts_run, std::cerr);
      if (o->fields) {
        print_fields(doc, std::cout);
        return kOk;
      }
      if (o->outputs.empty()) {
        std::cout << report::to_markdown(doc);
        return kOk;
      }
      doc.provenance = app::hashes_text(run.scripts_run);   // into each file's metadata
      // Word templates are filled first, then every file is written all or none: a failure
      // on the last one leaves none of them behind.
      std::map<fs::path, std::string> ready;
      std::map<fs::path, report::FilledTemplate> filled;
      auto lower_ext = [](const std::string& out) {
        std::string ext = fs::path(out).extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return ext;
      };
      if (!o->template_path.empty())
        for (const auto& out : o->outputs)
          if (lower_ext(out) == ".docx" && !filled.count(out)) {
            auto& f = filled[out] = report::fill_template(o->template_path, doc);
            ready[out] = std::move(f.bytes);
          }
      report::write_all(doc, std::vector<fs::path>(o->outputs.begin(), o->outputs.end()), ready);
      for (const auto& out : o->outputs) {
        std::string ext = lower_ext(out);
        if (auto it = filled.find(out); it != filled.end()) {
          for (const auto& name : it->second.unknown)
            std::cerr << tr("Chú ý: mẫu báo cáo không có trường {{", "Note: the layout has no field {{") << name
                      << tr("}} (để nguyên trong ", "}} (left as written in ") << out << tr("; xem --fields)", "; see --fields)") << "\n";
          std::cout << tr("Đã ghi ", "Wrote ") << out << tr(" theo mẫu ", " from the template ") << o->template_path << " ("
                    << it->second.replaced << tr(" chỗ điền)", " placeholders filled)") << "\n";
          continue;
        }
        if (ext == ".csv")
          for (const auto& p : report::csv_paths(doc, out)) std::cout << tr("Đã ghi ", "Wrote ") << p.string() << "\n";
        else
          std::cout << tr("Đã ghi ", "Wrote ") << out << "\n";
      }
      return kOk;
    });
  });
}

}  // namespace ntm::cli
