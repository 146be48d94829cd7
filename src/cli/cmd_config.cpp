// ntm config list | get KEY | set KEY VALUE | unset KEY: the project file ntm.toml
// (app/project.h), so that everyday commands need no --db, --province, --year.
//
// The file edited is ./ntm.toml when it exists, else ntm.toml beside the database when that
// exists, else a new ./ntm.toml.
#include <iostream>

#include "app/paths.h"
#include "app/project.h"
#include "app/run.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "model/i18n.h"
#include "model/text.h"
#include "model/units.h"

namespace ntm::cli {

namespace {

namespace fs = std::filesystem;

fs::path file_to_edit(const Global& global) {
  if (auto local = app::local_project_file()) return *local;
  app::Project p = project(global);
  if (!p.file.empty()) return p.file;
  return "ntm.toml";
}

std::string describe_key(const std::string& key) {
  if (key == "db") return tr("tệp cơ sở dữ liệu", "database file");
  if (key == "province") return tr("tỉnh", "province");
  if (key == "year") return tr("năm", "year");
  if (key == "set") return tr("bộ tiêu chí", "criteria set");
  if (key == "profile") return tr("tệp hồ sơ của tỉnh cho báo cáo", "province profile file of reports");
  return key;
}

// A province is stored by its full name, once the database knows it.
std::string checked_value(const Global& global, const std::string& key, const std::string& value) {
  if (key != "province") return value;
  std::string setting = app::database_setting(global.db);
  if (app::is_postgres_address(setting)) return value;   // checked by the commands that use it
  fs::path db = setting;
  std::error_code ec;
  if (!fs::is_regular_file(db, ec)) return value;
  store::Database database = app::open_for_scripts(db);
  try {
    // Today's map, else the province under a name it had before (the latest period's name).
    UnitId id = find_province_identity(database, value, today());
    auto name = database.prepare("SELECT name FROM unit_period WHERE unit_id = ? ORDER BY ifnull(valid_from, '') DESC LIMIT 1");
    name.bind(1, id);
    return name.step() ? name.get_text(0) : value;
  } catch (const NotFound& e) {
    throw std::invalid_argument("province " + value + ": " + e.what());
  }
}

}  // namespace

void add_config(CLI::App& app, Global& global) {
  struct Options {
    std::string action, key, value;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("config", tr("xem và đặt mặc định của dự án trong ntm.toml (db, province, year, set, profile)",
                                              "show and set project defaults in ntm.toml (db, province, year, set, profile)"));
  mark_required(cmd->add_option("action", o->action, tr("list (liệt kê), get KHÓA, set KHÓA GIÁ_TRỊ, unset KHÓA",
                                                        "list, get KEY, set KEY VALUE, unset KEY"))
                    ->option_text("list|get|set|unset")
                    ->check(one_of({"list", "get", "set", "unset"}, tr("việc", "action"))));
  cmd->add_option("key", o->key, tr("db, province, year, set hoặc profile", "db, province, year, set or profile"))
      ->option_text(tr("KHÓA", "KEY"));
  cmd->add_option("value", o->value, tr("giá trị mới (với set)", "the new value (with set)"))->option_text(tr("GIÁ_TRỊ", "VALUE"));
  add_global_options(cmd, global);
  cmd->footer(tr("Ví dụ:\n  ntm config set db out/dien-bien-2020.db\n  ntm config set province \"Điện Biên\"\n"
                 "  ntm config set year 2020\n  ntm check            (giờ không cần --province, --year)\n"
                 "Cờ trên dòng lệnh luôn thắng ntm.toml; $NTM_DB thắng db.",
                 "Examples:\n  ntm config set db out/dien-bien-2020.db\n  ntm config set province \"Điện Biên\"\n"
                 "  ntm config set year 2020\n  ntm check            (no --province, --year needed now)\n"
                 "Flags on the command line always win over ntm.toml; $NTM_DB wins over db."));
  on_run(cmd, global, [&global, o] {
    std::string action = o->action.empty() ? "list" : o->action;
    auto known = [](const std::string& key) {
      for (const auto& k : app::project_keys())
        if (k == key) return true;
      return false;
    };
    if (action != "list" && !known(o->key)) {
      std::string keys;
      for (const auto& k : app::project_keys()) keys += (keys.empty() ? "" : ", ") + k;
      throw std::invalid_argument((o->key.empty() ? tr("thiếu KHÓA", "missing KEY") : tr("không có khóa '", "no key '") + o->key + "'") +
                                  tr(" (có: ", " (known: ") + keys + ")");
    }
    if (action == "set" && o->value.empty())
      throw std::invalid_argument(tr("thiếu GIÁ_TRỊ: ntm config set ", "missing VALUE: ntm config set ") + o->key + tr(" GIÁ_TRỊ", " VALUE"));
    if (action != "set" && !o->value.empty())
      throw std::invalid_argument(tr("thừa đối số '", "unexpected argument '") + o->value + "'");
    if (action == "list") {
      if (!o->key.empty()) throw std::invalid_argument(tr("thừa đối số '", "unexpected argument '") + o->key + "'");
      app::Project p = project(global);
      if (p.file.empty()) {
        std::cout << tr("Chưa có ntm.toml (ở thư mục này hoặc cạnh cơ sở dữ liệu). Tạo bằng: ntm config set KHÓA GIÁ_TRỊ\n",
                        "No ntm.toml yet (here or beside the database). Make one with: ntm config set KEY VALUE\n");
        return kOk;
      }
      std::cout << tr("Tệp: ", "File: ") << p.file.string() << "\n";
      auto shown = [&](const std::string& k) {
        auto it = p.raw.find(k);
        return it == p.raw.end() ? tr("(chưa đặt)", "(not set)") : it->second;
      };
      int width = 0;
      for (const auto& k : app::project_keys()) width = std::max(width, display_width(shown(k)));
      for (const auto& k : app::project_keys()) {
        std::string value = shown(k);
        std::cout << "  " << k << std::string(10 - k.size(), ' ') << value
                  << std::string(static_cast<std::size_t>(width - display_width(value) + 4), ' ') << describe_key(k) << "\n";
      }
      return kOk;
    }
    if (action == "get") {
      app::Project p = project(global);
      auto it = p.raw.find(o->key);
      if (it == p.raw.end()) {
        std::cerr << o->key << tr(" chưa đặt", " is not set") << (p.file.empty() ? "" : " (" + p.file.string() + ")") << "\n";
        return kDataError;
      }
      std::cout << it->second << "\n";
      return kOk;
    }
    fs::path file = file_to_edit(global);
    if (action == "unset") {
      bool removed = app::unset_project_value(file, o->key);
      std::cerr << (removed ? tr("Đã bỏ ", "Removed ") : tr("Chưa đặt ", "Not set: ")) << o->key << " (" << file.string() << ")\n";
      return kOk;
    }
    std::string value = checked_value(global, o->key, o->value);
    app::set_project_value(file, o->key, value);
    std::cerr << tr("Đã đặt ", "Set ") << o->key << " = " << value << " (" << file.string() << ")\n";
    return kOk;
  });
}

}  // namespace ntm::cli
