// ntm server init: the ntm schema on an empty PostgreSQL database (app/server.h), so that a
// province office can keep its data on a shared server. The database itself is made with the
// server's own tools (createdb); this command fills it.
#include <iostream>

#include "app/paths.h"
#include "app/server.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

// The PostgreSQL address the command works on: --db, else $NTM_DB, else db in ntm.toml. A file
// path there is a command-line error naming the command.
std::string server_address(const Global& global, const std::string& command) {
  std::string setting = app::database_setting(global.db);
  if (!app::is_postgres_address(setting))
    throw std::invalid_argument(tr("ntm ", "ntm ") + command +
                                tr(" chạy trên máy chủ PostgreSQL: cho --db postgresql://MÁY/CSDL hoặc --db 'host=… dbname=…' "
                                   "(đang là tệp ",
                                   " runs on a PostgreSQL server: give --db postgresql://HOST/DB or --db 'host=… dbname=…' "
                                   "(got the file ") +
                                setting + ")");
  return setting;
}

void add_server(CLI::App& app, Global& global) {
  auto action = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("server", tr("tạo lược đồ ntm trên một cơ sở dữ liệu PostgreSQL trống (máy chủ của văn phòng tỉnh)",
                                              "create the ntm schema on an empty PostgreSQL database (a province office's server)"));
  mark_required(cmd->add_option("action", *action, tr("init: tạo bảng và dữ liệu tham chiếu, nhóm quyền, quy tắc theo tỉnh",
                                                      "init: create the tables and reference data, group roles, per-province rules"))
                    ->option_text("init")
                    ->check(one_of({"init"}, tr("việc", "action"))));
  add_global_options(cmd, global);
  cmd->footer(tr("Ví dụ (Debian, gói postgresql):\n  sudo -u postgres createdb ntm\n  sudo -u postgres ntm server init --db postgresql:///ntm\n"
                 "Chạy lại không thay đổi gì. Cần một vai trò superuser của máy chủ: nó sở hữu các bảng.",
                 "Example (Debian, package postgresql):\n  sudo -u postgres createdb ntm\n  sudo -u postgres ntm server init --db postgresql:///ntm\n"
                 "Running it again changes nothing. Needs a superuser role of the server, which owns the tables."));
  on_run(cmd, global, [&global, action] {
    std::string address = server_address(global, "server " + *action);
    app::ServerInit done = app::init_server(address);
    const std::string where = tr("cơ sở dữ liệu \"", "database \"") + done.database + tr("\" trên máy chủ PostgreSQL ", "\" on the PostgreSQL server ") + done.server;
    const std::string map = done.map_rows ? tr("bản đồ đơn vị hành chính (2020 và các thay đổi đến nay, ", "the map of units (2020 and its changes to date, ") +
                                                format_integer(done.map_rows) + tr(" dòng)", " rows)")
                                          : std::string();
    if (done.created) {
      std::cerr << tr("Đã tạo lược đồ ntm phiên bản ", "Created the ntm schema, version ") << done.version << tr(" trên ", " on ") << where
                << ": " << done.tables << tr(" bảng, ", " tables, ") << done.rows_added << tr(" dòng dữ liệu tham chiếu từ ", " reference rows from ")
                << done.reference.size() << tr(" tệp, ", " files, ") << (map.empty() ? "" : map + ", ")
                << tr("nhóm quyền ntm_viewer, ntm_editor, ntm_admin. Thêm người dùng: ntm user add.",
                      "group roles ntm_viewer, ntm_editor, ntm_admin. Add users with ntm user add.")
                << "\n";
    } else if (!done.reference.empty() || !map.empty()) {
      std::cerr << where << tr(" đã có lược đồ ntm phiên bản ", " already has the ntm schema, version ") << done.version << tr("; đã nạp thêm ", "; loaded ")
                << (done.reference.empty() ? "" : std::to_string(done.reference.size()) + tr(" tệp dữ liệu tham chiếu mới", " new reference files"))
                << (!done.reference.empty() && !map.empty() ? tr(" và ", " and ") : "") << map << ".\n";
    } else {
      std::cerr << where << tr(" đã có lược đồ ntm phiên bản ", " already has the ntm schema, version ") << done.version
                << tr(": không thay đổi gì.", ": nothing changed.") << "\n";
    }
    return kOk;
  });
}

}  // namespace ntm::cli
