// ntm map [--as-of DD/MM/YYYY] [--province P [--list]] [--format text|csv|json]
// ntm map history CODE
// ntm map changes --from DD/MM/YYYY --to DD/MM/YYYY [--province P]
// The administrative map over time: counts of a date's map, a province's units, the history
// of a code, the changes between two dates.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/map_info.h"
#include "app/paths.h"
#include "app/run.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/help.h"
#include "cli/table_output.h"
#include "model/i18n.h"
#include "model/map_history.h"

namespace ntm::cli {

namespace {

std::string kind_word(const std::string& kind) {
  if (kind == "province") return tr("tỉnh", "province");
  if (kind == "district") return tr("huyện", "district");
  if (kind == "commune") return tr("xã", "commune");
  return tr("thôn", "village");
}

std::string period_text(const std::string& from, const std::string& to) {
  return (from.empty() ? tr("trước 02/02/2020", "before 02/02/2020") : vn_date(from)) + " – " +
         (to.empty() ? tr("nay", "today") : vn_date(to));
}

int show_summary(const store::Database& db, const std::string& date, const std::string& province, bool list,
                 const std::string& format) {
  app::MapSummary s = app::map_summary(db, date, province, list);
  auto count = [&](const char* kind) {
    auto it = s.counts.by_kind.find(kind);
    return it == s.counts.by_kind.end() ? 0 : it->second;
  };
  if (format == "json") {
    nlohmann::ordered_json j;
    j["date"] = date;
    if (!s.province.code.empty()) j["province"] = {{"code", s.province.code}, {"name", s.province.name_with_type}};
    j["provinces"] = count("province");
    j["districts"] = count("district");
    j["communes"] = count("commune");
    for (const auto& [kind, types] : s.counts.by_type)
      for (const auto& [type, n] : types) j["by_type"][type] = n;
    if (list) {
      j["units"] = nlohmann::ordered_json::array();
      for (const auto& u : s.units)
        j["units"].push_back({{"code", u.code}, {"kind", u.kind}, {"type", u.type}, {"name", u.name_with_type},
                              {"parent", u.parent}, {"valid_from", u.valid_from}});
    }
    std::cout << j.dump(2) << "\n";
    return kOk;
  }
  if (format == "csv" || list) {
    TextTable t;
    t.columns = {tr("Mã", "Code"), tr("Cấp", "Level"), tr("Tên", "Name"), tr("Mã cấp trên", "Parent"), tr("Từ ngày", "From")};
    for (const auto& u : s.units)
      t.rows.push_back({u.code, kind_word(u.kind), u.name_with_type, u.parent, vn_date(u.valid_from)});
    if (!list) {
      t.columns = {tr("Cấp", "Level"), tr("Loại", "Type"), tr("Số đơn vị", "Units")};
      t.numeric = {false, false, true};
      for (const auto& [kind, types] : s.counts.by_type)
        for (const auto& [type, n] : types) t.rows.push_back({kind_word(kind), type_word(type), std::to_string(n)});
    }
    if (format == "csv") { print_csv(t, std::cout); return kOk; }
    print_aligned(t, std::cout);
    return kOk;
  }
  std::cout << tr("Bản đồ hành chính ngày ", "The administrative map of ") << vn_date(date);
  if (!s.province.code.empty()) std::cout << " — " << s.province.name_with_type << " (" << s.province.code << ")";
  std::cout << "\n";
  if (s.province.code.empty()) std::cout << "  " << tr("Tỉnh, thành phố: ", "Provinces: ") << count("province") << "\n";
  std::cout << "  " << tr("Đơn vị cấp huyện: ", "Districts: ") << count("district")
            << (count("district") == 0 ? tr(" (không còn cấp huyện từ 01/07/2025)", " (no districts from 01/07/2025)") : "") << "\n";
  std::cout << "  " << tr("Đơn vị cấp xã: ", "Communes: ") << count("commune");
  auto types = s.counts.by_type.find("commune");
  if (types != s.counts.by_type.end()) {
    std::string parts;
    for (const auto& [type, n] : types->second) parts += (parts.empty() ? "" : ", ") + type_word(type) + " " + std::to_string(n);
    std::cout << " (" << parts << ")";
  }
  std::cout << "\n";
  return kOk;
}

int show_history(const store::Database& db, const std::string& code) {
  auto ids = app::code_history(db, code);
  if (ids.empty()) throw std::invalid_argument(tr("chưa có đơn vị nào mang mã ", "no unit ever had the code ") + code);
  std::cout << tr("Mã ", "Code ") << code << ": " << ids.size() << tr(" đơn vị qua các thời kỳ\n", " units over time\n");
  for (const auto& c : ids) {
    std::cout << "\n" << c.label.name_with_type << " (" << kind_word(c.kind) << ", "
              << period_text(c.label.valid_from, c.label.valid_to) << ")\n";
    for (const auto& p : c.periods) {
      std::cout << "  " << period_text(p.valid_from, p.valid_to) << ": " << p.name_with_type;
      if (!p.parent_name.empty()) std::cout << tr(", thuộc ", ", in ") << p.parent_name;
      if (!p.act.empty()) std::cout << " [" << p.act << "]";
      std::cout << "\n";
    }
    for (const auto& s : c.predecessors)
      std::cout << tr("  hình thành từ: ", "  formed from: ") << s.name_with_type << " (" << s.code << ")"
                << (s.kind == "part" ? tr(", một phần", ", in part") : tr(", toàn bộ", ", whole")) << tr(", từ ", ", from ")
                << vn_date(s.date) << "\n";
    for (const auto& u : c.unresolved) std::cout << tr("  tên trong văn bản chưa xác định: ", "  unresolved name: ") << u << "\n";
    for (const auto& s : c.successors)
      std::cout << tr("  thành: ", "  became: ") << s.name_with_type << " (" << s.code << ")"
                << (s.kind == "part" ? tr(", một phần", ", in part") : tr(", toàn bộ", ", whole")) << tr(", từ ", ", from ")
                << vn_date(s.date) << "\n";
    if (!c.label.valid_to.empty() && c.successors.empty())
      std::cout << tr("  kết thúc ", "  ended ") << vn_date(c.label.valid_to)
                << tr(", không rõ đơn vị kế thừa (dữ liệu không ghi)\n", ", successor not recorded\n");
  }
  return kOk;
}

int show_changes(const store::Database& db, const std::string& from, const std::string& to, const std::string& province,
                 const std::string& format) {
  auto changes = app::map_changes(db, from, to, province);
  TextTable t;
  t.columns = {tr("Ngày", "Date"), tr("Thay đổi", "Change"), tr("Cấp", "Level"), tr("Mã", "Code"), tr("Tên", "Name"),
               tr("Chi tiết", "Detail"), tr("Văn bản", "Act")};
  for (const auto& c : changes) t.rows.push_back({vn_date(c.date), c.what, kind_word(c.kind), c.code, c.name, c.detail, c.act});
  if (format == "json") { print_json(t, std::cout); return kOk; }
  if (format == "csv") { print_csv(t, std::cout); return kOk; }
  std::cout << changes.size() << tr(" thay đổi từ ", " changes from ") << vn_date(from) << tr(" đến ", " to ") << vn_date(to)
            << (province.empty() ? "" : " (" + province + ")") << "\n";
  t.columns.pop_back();
  for (auto& r : t.rows) r.pop_back();
  print_aligned(t, std::cout);
  return kOk;
}

}  // namespace

void add_map(CLI::App& app, Global& global) {
  struct Options {
    std::string as_of, province, format = "text", code, from, to;
    bool list = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("map", tr("bản đồ hành chính theo thời gian: số đơn vị của một ngày, lịch sử một mã, các thay đổi",
                                           "the administrative map over time: units of a date, a code's history, changes"));
  cmd->add_option("--as-of", o->as_of, tr("ngày của bản đồ, viết NN/TT/NNNN (mặc định: hôm nay)", "the map's date, DD/MM/YYYY (default: today)"))
      ->option_text(tr("NGÀY", "DATE"));
  add_province_option(cmd, o->province, false)
      ->description(tr("chỉ một tỉnh (tên hoặc mã trên bản đồ của ngày đó)", "one province only (name or code on that date's map)"));
  cmd->add_flag("--list", o->list, tr("liệt kê các đơn vị của tỉnh", "list the province's units"));
  add_format_option(cmd, o->format, {"text", "csv", "json"}, tr("cách in (mặc định: text, để đọc)", "output format (default: text, for reading)"));
  add_global_options(cmd, global);
  cmd->footer(tr("Ví dụ: ntm map --as-of 01/07/2025 --province \"Điện Biên\" --list; ntm map history 03144; "
                 "ntm map changes --from 01/01/2025 --to 01/07/2025 --province 11",
                 "Examples: ntm map --as-of 01/07/2025 --province \"Điện Biên\" --list; ntm map history 03144; "
                 "ntm map changes --from 01/01/2025 --to 01/07/2025 --province 11"));

  auto* history = cmd->add_subcommand("history", tr("mọi đơn vị từng mang một mã: các thời kỳ, hình thành từ đâu, thành gì",
                                                    "every unit that carried a code: periods, predecessors, successors"));
  mark_required(history->add_option("code", o->code, tr("mã đơn vị", "unit code"))->option_text(tr("MÃ", "CODE")));
  add_global_options(history, global);
  history->allow_extras();

  auto* changes = cmd->add_subcommand("changes", tr("các thay đổi của bản đồ giữa hai ngày", "the map's changes between two dates"));
  mark_required(changes->add_option("--from", o->from, tr("từ ngày, viết NN/TT/NNNN", "from this date, DD/MM/YYYY"))
                    ->option_text(tr("NGÀY", "DATE")));
  changes->add_option("--to", o->to, tr("đến ngày (mặc định: hôm nay)", "to this date (default: today)"))
      ->option_text(tr("NGÀY", "DATE"));
  add_province_option(changes, o->province, false)->description(tr("chỉ một tỉnh", "one province only"));
  add_format_option(changes, o->format, {"text", "csv", "json"}, tr("cách in (mặc định: text, để đọc)", "output format (default: text, for reading)"));
  add_global_options(changes, global);
  changes->allow_extras();

  // One action for the command and its two subcommands (the parent's callback runs last).
  on_run(cmd, global, [&global, o, history, changes] {
    if (history->parsed()) {
      reject_extras(history);
      if (o->code.empty()) throw std::invalid_argument(tr("thiếu MÃ đơn vị (ví dụ: ntm map history 03144)",
                                                         "missing the unit CODE (e.g. ntm map history 03144)"));
      store::Database db = app::open_for_scripts(app::database_path(global.db, app::Access::Read));
      return show_history(db, o->code);
    }
    if (changes->parsed()) {
      reject_extras(changes);
      if (o->from.empty()) throw std::invalid_argument(tr("thiếu --from NGÀY", "missing --from DATE"));
      auto from = parse_iso_date(o->from);
      if (!from)
        throw std::invalid_argument("--from: " + tr("ngày '", "date '") + o->from +
                                    tr("' không hợp lệ (viết NN/TT/NNNN, ví dụ 01/07/2025)", "' is not valid (write DD/MM/YYYY)"));
      std::string to = o->to.empty() ? today() : map_date(o->to, 0);
      store::Database db = app::open_for_scripts(app::database_path(global.db, app::Access::Read));
      return show_changes(db, *from, to, o->province, o->format);
    }
    std::string date = map_date(o->as_of, 0);
    if (!o->province.empty()) check_province(app::database_path(global.db, app::Access::Read), o->province, date);
    store::Database db = app::open_for_scripts(app::database_path(global.db, app::Access::Read));
    return show_summary(db, date, o->province, o->list, o->format);
  });
}

}  // namespace ntm::cli
