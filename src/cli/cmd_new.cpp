// ntm new check|allocation|report NAME [--dir DIR]: a commented script skeleton and its test
// in the user's script folder (./scripts by default), from scripts/templates/. Never
// overwrites a file.
#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include "app/paths.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "model/i18n.h"

namespace ntm::cli {

namespace {

namespace fs = std::filesystem;

std::string read_template(const std::string& name) {
  fs::path path = app::data_dir() / "scripts" / "templates" / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(tr("không đọc được mẫu ", "cannot read template ") + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string fill(std::string text, const std::string& name) {
  for (std::size_t at; (at = text.find("{{NAME}}")) != std::string::npos;) text.replace(at, 8, name);
  return text;
}

}  // namespace

void add_new(CLI::App& app, Global& global) {
  struct Options {
    std::string kind, name, dir = "scripts";
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("new", tr("tạo script mới có chú thích (và tệp kiểm thử) từ mẫu",
                                           "create a commented script skeleton (and its test) from a template"));
  mark_required(cmd->add_option("kind", o->kind, tr("loại script: check (quy tắc kiểm tra), allocation (công thức phân bổ), report (mẫu báo cáo)",
                                                    "kind of script: check (a check rule), allocation (a formula), report (a layout)"))
                    ->option_text("check|allocation|report")
                    ->check(one_of({"check", "allocation", "report"}, tr("loại script", "kind of script"))));
  mark_required(cmd->add_option("name", o->name, tr("tên script (chữ thường, số, - hoặc _), ví dụ: xa-duoi-10-tieu-chi",
                                                    "script name (lower case, digits, - or _), e.g. xa-duoi-10-tieu-chi"))
                    ->option_text(tr("TÊN", "NAME")));
  cmd->add_option("--dir", o->dir, tr("thư mục script của bạn (mặc định: ./scripts)", "your script folder (default: ./scripts)"))
      ->option_text(tr("THƯ_MỤC", "FOLDER"));
  add_global_options(cmd, global);
  cmd->footer(tr("Quy tắc mới (check) được tạo ở trạng thái CHƯA BẬT (dòng \"-- @disabled\" ở đầu tệp): ntm check bỏ qua nó "
                 "cho đến khi bạn sửa xong, kiểm thử (ntm test) và xóa dòng đó.",
                 "A new rule (check) starts NOT SWITCHED ON (the line \"-- @disabled\" at its top): ntm check skips it "
                 "until you have finished it, tested it (ntm test) and deleted that line."));
  on_run(cmd, global, [o] {
    if (o->kind.empty() || o->name.empty())
      throw std::invalid_argument(tr("cần LOẠI và TÊN, ví dụ: ntm new check xa-duoi-10-tieu-chi",
                                     "needs KIND and NAME, e.g. ntm new check xa-duoi-10-tieu-chi"));
    if (o->name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
      throw std::invalid_argument(tr("tên script chỉ gồm chữ thường không dấu, số, - và _: ", "a script name has only a-z, 0-9, - and _: ") + o->name);
    static const std::map<std::string, fs::path> folder{
        {"check", fs::path("checks") / "rules"}, {"allocation", "allocations"}, {"report", "reports"}};
    fs::path script = fs::path(o->dir) / folder.at(o->kind) / (o->name + ".lua");
    fs::path test = fs::path(o->dir) / "tests" / (o->name + "_test.lua");
    for (const auto& p : {script, test}) {
      std::error_code ec;
      if (fs::exists(p, ec)) {
        std::cerr << tr("Đã có tệp ", "File exists: ") << p.string()
                  << tr("; không ghi đè (đổi tên khác hoặc xóa tệp cũ).\n", "; not overwritten (choose another name).\n");
        return kDataError;
      }
    }
    std::string body = fill(read_template(o->kind + ".lua"), o->name);
    std::string test_body = fill(read_template(o->kind + "_test.lua"), o->name);
    fs::create_directories(script.parent_path());
    fs::create_directories(test.parent_path());
    std::ofstream(script, std::ios::binary) << body;
    std::ofstream(test, std::ios::binary) << test_body;
    std::cout << tr("Đã tạo:\n  ", "Created:\n  ") << script.string() << "\n  " << test.string() << "\n";
    if (o->kind == "check")
      std::cout << tr("Quy tắc này CHƯA BẬT: ntm check chưa chạy nó. Khi đã sửa xong và kiểm thử đạt, xóa dòng "
                      "\"-- @disabled\" ở đầu tệp để bật.\n",
                      "This rule is NOT SWITCHED ON: ntm check does not run it yet. When it is finished and its test "
                      "passes, delete the line \"-- @disabled\" at its top.\n");
    std::cout << tr("Tiếp theo: sửa script, rồi chạy kiểm thử: ntm test ", "Next: edit the script, then run its test: ntm test ")
              << (fs::path(o->dir) / "tests").string() << "\n"
              << tr("Tài liệu API: ntm doc\n", "API reference: ntm doc\n");
    return kOk;
  });
}

}  // namespace ntm::cli
