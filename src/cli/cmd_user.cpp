// ntm user add NAME --province P --role R [--password-stdin] | remove NAME | list: the users of
// a PostgreSQL server made by `ntm server init` (app/server.h). A user is a login role of the
// server, a member of ntm_viewer, ntm_editor or ntm_admin, and writes only its own province's
// rows (db/pg/access.sql); a national user has no province.
#include <iostream>
#include <iterator>

#include "app/server.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/table_output.h"
#include "model/i18n.h"

namespace ntm::cli {

namespace {

std::string role_words(const std::string& role) {
  if (role == "viewer") return tr("xem", "read");
  if (role == "editor") return tr("nhập liệu", "enter data");
  if (role == "admin") return tr("quản trị", "administer");
  return role;
}

std::string province_words(const app::ServerUser& u) {
  if (u.province_code.empty()) return tr("toàn quốc", "national");
  return tr("tỉnh ", "province ") + u.province_name + " (" + u.province_code + ")";
}

// The whole of standard input, without the line end a shell's echo or a file adds.
std::string password_from_stdin() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.empty())
    throw std::invalid_argument(tr("--password-stdin: không đọc được mật khẩu nào từ đầu vào chuẩn",
                                   "--password-stdin: no password on standard input"));
  if (text.find('\n') != std::string::npos)
    throw std::invalid_argument(tr("--password-stdin: mật khẩu phải nằm trên một dòng", "--password-stdin: the password must be one line"));
  return text;
}

int list_users(const std::string& address, const std::string& format) {
  auto users = app::list_server_users(address);
  TextTable t;
  if (format == "text") {
    t.columns = {tr("Người dùng", "User"), tr("Quyền", "Role"), tr("Mã tỉnh", "Code"), tr("Tỉnh", "Province")};
    for (const auto& u : users)
      t.rows.push_back({u.name, u.role + " (" + role_words(u.role) + ")", u.province_code,
                        u.province_code.empty() ? tr("(toàn quốc)", "(national)") : u.province_name});
    print_aligned(t, std::cout);
    return kOk;
  }
  t.columns = {"name", "role", "province_code", "province"};
  for (const auto& u : users) t.rows.push_back({u.name, u.role, u.province_code, u.province_name});
  print_table(t, format, std::cout);
  return kOk;
}

}  // namespace

void add_user(CLI::App& app, Global& global) {
  struct Options {
    std::string name, province, role, format = "text";
    bool password_stdin = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("user", tr("người dùng của máy chủ PostgreSQL: thêm, xoá, liệt kê (mỗi người một tỉnh và một quyền)",
                                            "users of a PostgreSQL server: add, remove, list (each with a province and a role)"));
  cmd->footer(tr("Ví dụ:\n  ntm user add dienbien_nhap --province \"Điện Biên\" --role editor --password-stdin < matkhau.txt\n"
                 "  ntm user add bo_xem --role viewer          (toàn quốc, không mật khẩu: pg_hba.conf quyết định)\n"
                 "  ntm user list\n  ntm user remove dienbien_nhap\n"
                 "--db là máy chủ: postgresql://MÁY/CSDL hoặc 'host=… dbname=…' (hoặc $NTM_DB).",
                 "Examples:\n  ntm user add dienbien_nhap --province \"Điện Biên\" --role editor --password-stdin < password.txt\n"
                 "  ntm user add bo_xem --role viewer          (national, no password: pg_hba.conf decides)\n"
                 "  ntm user list\n  ntm user remove dienbien_nhap\n"
                 "--db is the server: postgresql://HOST/DB or 'host=… dbname=…' (or $NTM_DB)."));
  add_global_options(cmd, global);

  auto* add = cmd->add_subcommand("add", tr("thêm một người dùng (một vai trò đăng nhập của máy chủ)", "add a user (a login role of the server)"));
  mark_required(add->add_option("name", o->name, tr("tên đăng nhập: chữ thường không dấu, chữ số, _",
                                                    "login name: lower-case a–z, digits, _"))
                    ->option_text(tr("TÊN", "NAME")));
  add->add_option("--province", o->province, tr("tỉnh của người dùng: tên (không cần dấu) hoặc mã; all hoặc bỏ trống: toàn quốc",
                                                "the user's province: name (accents optional) or code; all or omitted: national"))
      ->option_text(tr("TỈNH", "PROVINCE"));
  mark_required(add->add_option("--role", o->role, tr("viewer (xem), editor (nhập số liệu của tỉnh), admin (như editor, đọc thêm nhật ký thay đổi)",
                                                      "viewer (read), editor (enter the province's data), admin (as editor, also reads the audit)"))
                    ->option_text("viewer|editor|admin")
                    ->check(one_of({"viewer", "editor", "admin"}, tr("quyền", "role"))));
  add->add_flag("--password-stdin", o->password_stdin, tr("đọc mật khẩu từ đầu vào chuẩn (không bao giờ viết trên dòng lệnh)",
                                                          "read the password from standard input (never on the command line)"));
  add_global_options(add, global);
  add->allow_extras();

  auto* remove = cmd->add_subcommand("remove", tr("xoá một người dùng và vai trò đăng nhập của nó", "remove a user and its login role"));
  mark_required(remove->add_option("name", o->name, tr("tên đăng nhập", "login name"))->option_text(tr("TÊN", "NAME")));
  add_global_options(remove, global);
  remove->allow_extras();

  auto* list = cmd->add_subcommand("list", tr("liệt kê người dùng, quyền và tỉnh", "list users, roles and provinces"));
  add_format_option(list, o->format, {"text", "csv", "json"}, tr("cách in (mặc định: text, để đọc)", "output format (default: text, for reading)"));
  add_global_options(list, global);
  list->allow_extras();

  on_run(cmd, global, [&global, o, add, remove, list] {
    if (add->parsed()) {
      reject_extras(add);
      std::string address = server_address(global, "user add");
      std::string password = o->password_stdin ? password_from_stdin() : "";
      app::ServerUser u = app::add_server_user(address, o->name, o->province, o->role, password);
      std::cerr << tr("Đã thêm người dùng \"", "Added the user \"") << u.name << "\": " << u.role << " (" << role_words(u.role) << "), "
                << province_words(u) << (password.empty() ? tr(", không mật khẩu", ", no password") : tr(", có mật khẩu", ", with a password"))
                << ".\n";
      return kOk;
    }
    if (remove->parsed()) {
      reject_extras(remove);
      std::string address = server_address(global, "user remove");
      app::remove_server_user(address, o->name);
      std::cerr << tr("Đã xoá người dùng \"", "Removed the user \"") << o->name << "\".\n";
      return kOk;
    }
    if (list->parsed()) {
      reject_extras(list);
      return list_users(server_address(global, "user list"), o->format);
    }
    throw std::invalid_argument(tr("thiếu việc: ntm user add, remove hoặc list (ntm user --help)",
                                   "missing the action: ntm user add, remove or list (ntm user --help)"));
  });
}

}  // namespace ntm::cli
