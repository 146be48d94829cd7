#include "app/exporter.h"
#include "model/csv.h"

#include <cmath>
#include <map>

#include "model/criteria.h"
#include "model/funding.h"
#include "model/map.h"
#include "model/map_history.h"
#include "model/text.h"
#include "model/units.h"
#include "report/writer.h"

namespace ntm::app {

namespace {

std::string num(double v) {
  if (std::isnan(v)) return {};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// Column titles, each folding to one of the importer's aliases.
const std::vector<std::string> kUnitHead{"Mã đơn vị", "Tên đơn vị", "Huyện"};
const std::vector<std::string> kCommuneHead{"Mã xã", "Tên xã", "Huyện"};

// Code, name and district name of a unit, for the first three columns.
std::vector<std::string> unit_cells(const Province& p, const Unit& u) {
  const Unit* d = u.kind == "district" ? &u : p.district_of(u);
  return {u.code, u.kind == "village" ? u.name_with_type : u.name, d ? d->name : std::string()};
}

Sheet begin(const std::vector<std::string>& head, std::vector<std::string> rest, std::vector<bool> numeric_rest) {
  Sheet s;
  s.header = head;
  s.header.insert(s.header.end(), rest.begin(), rest.end());
  s.numeric.assign(head.size(), false);
  s.numeric.insert(s.numeric.end(), numeric_rest.begin(), numeric_rest.end());
  return s;
}

void need_year(const ExportOptions& o) {
  if (!o.year) throw std::invalid_argument("xuất " + o.kind + " cần --year NĂM");
}

// The province on the map of each year, loaded once.
class Maps {
 public:
  Maps(const store::Database& db, UnitId province, std::string as_of) : db_(db), province_(province), as_of_(std::move(as_of)) {}
  const Province& at(const std::string& date) {
    auto& slot = maps_[date];
    if (!slot) slot = Province::load(db_, province_, date, std::atoi(date.substr(0, 4).c_str()));
    return *slot;
  }
  const Province& year(int y) { return at(!as_of_.empty() ? as_of_ : year_end(y)); }
 private:
  const store::Database& db_;
  UnitId province_;
  std::string as_of_;
  std::map<std::string, std::shared_ptr<const Province>> maps_;
};

// Rows of `table` for the province's units, each on the map of its own year (filtered to
// `year` when given), ordered by `order`: calls f(map, unit, statement) with the columns
// `columns` of the table.
template <typename F>
void each_row(const store::Database& db, Maps& maps, UnitId province, const std::string& table, const std::string& columns,
              int year, const std::string& order, F&& f) {
  std::string sql = R"(
    WITH RECURSIVE years(y) AS (SELECT DISTINCT year FROM )" + table + (year ? " WHERE year = ?2" : "") + R"(),
    tree(id, y) AS (
      SELECT ?1, y FROM years
      UNION ALL
      SELECT p.unit_id, t.y FROM unit_period p JOIN tree t ON p.parent_id = t.id
      WHERE ifnull(p.valid_from, '') <= t.y || '-12-31' AND ifnull(p.valid_to, '9999-12-31') >= t.y || '-12-31')
    SELECT x.unit_id, x.year, )" + columns + " FROM " + table + " x JOIN tree t ON t.id = x.unit_id AND t.y = x.year ORDER BY " + order;
  auto stmt = db.prepare(sql);
  stmt.bind(1, province);
  if (year) stmt.bind(2, std::int64_t{year});
  while (stmt.step()) {
    const Province& map = maps.year(static_cast<int>(stmt.get_int(1)));
    const Unit* u = map.find_id(stmt.get_int(0));
    if (u) f(map, *u, stmt);
  }
}

std::string col(const store::Statement& s, int i) { return s.is_null(i) ? std::string() : s.get_text(i); }
std::string numcol(const store::Statement& s, int i) { return s.is_null(i) ? std::string() : num(s.get_double(i)); }

}  // namespace

Sheet export_sheet(const store::Database& db, const ExportOptions& o) {
  std::string date = !o.as_of.empty() ? o.as_of : o.year ? year_end(o.year) : today();
  UnitId province = find_province(db, o.province, date);
  Maps maps(db, province, o.as_of);
  const Province& here = maps.at(date);
  std::vector<std::string> about{"Tỉnh: " + here.unit().name, "Mã tỉnh: " + here.unit().code};
  if (o.year) about.push_back("Năm: " + std::to_string(o.year));
  bool rows = !o.template_only;
  if (o.kind == "indicators" || o.kind == "statuses") {
    need_year(o);
    SetChoice choice = choose_set(db, province, o.year, o.set);
    auto set = CriteriaSet::load(db, choice.id);
    about.push_back("Bộ tiêu chí: " + set->id());
    about.push_back("Bản đồ ngày: " + vn_date(date));
    const Province& p = maps.year(o.year);
    bool ind = o.kind == "indicators";
    std::vector<std::string> ids;
    if (ind) for (const auto& i : set->indicators()) ids.push_back(i.id);
    else for (const auto& c : set->criteria()) ids.push_back(std::to_string(c.number));
    std::vector<std::string> titles;
    for (const auto& id : ids) titles.push_back((ind ? "CT " : "TC ") + id);
    Sheet s = begin(kCommuneHead, titles, std::vector<bool>(ids.size(), ind));
    s.about = about;
    std::map<UnitId, std::map<std::string, std::string>> values;   // unit → id → text
    if (rows) {
      std::string sql = ind ? "SELECT unit_id, indicator, value FROM indicator_value WHERE year = ?1 AND set_id = ?2"
                            : "SELECT unit_id, criterion, met FROM criterion_status WHERE year = ?1 AND set_id = ?2 AND by = 'assessed'";
      auto stmt = db.prepare(sql);
      stmt.bind(1, std::int64_t{o.year}).bind(2, set->id());
      while (stmt.step())
        values[stmt.get_int(0)][stmt.get_text(1)] = ind ? num(stmt.get_double(2)) : (stmt.get_int(2) ? "Đạt" : "Chưa đạt");
    }
    for (std::size_t i : p.communes()) {
      const Unit& u = p.units()[i];
      auto row = unit_cells(p, u);
      auto it = values.find(u.id);
      for (const auto& id : ids) row.push_back(it == values.end() || !it->second.count(id) ? "" : it->second.at(id));
      s.rows.push_back(std::move(row));
    }
    return s;
  }
  if (o.kind == "units") {
    Sheet s = begin({"Mã đơn vị", "Tên đơn vị", "Loại", "Cấp", "Mã cấp trên", "Tên cấp trên", "Đơn vị trước", "Từ ngày"}, {}, {});
    about.push_back("Bản đồ ngày: " + vn_date(date));
    s.about = about;
    for (const Unit& u : here.units()) {
      if (u.kind != "district" && u.kind != "commune") continue;
      const Unit* parent = here.find_id(u.parent_id);
      std::string preds;
      for (const auto& p : predecessors(db, u.id))
        preds += (preds.empty() ? "" : "; ") + p.code + (p.kind == "part" ? " (một phần)" : "");
      s.rows.push_back({u.code, u.name, type_word(u.type), u.kind == "district" ? "Huyện" : "Xã",
                        parent ? parent->code : "", parent ? parent->name_with_type : "", preds, vn_date(u.valid_from)});
    }
    return s;
  }
  if (o.kind == "classes") {
    static const std::vector<std::pair<const char*, const char*>> keys{
        {"nhom", "Nhóm"}, {"dbkk", "ĐBKK"}, {"bien-gioi", "Biên giới"}, {"mien-nui", "Miền núi"},
        {"atk", "ATK"}, {"khu-vuc", "Khu vực"}, {"region", "Vùng"}};
    std::vector<std::string> titles;
    for (const auto& [k, title] : keys) titles.push_back(title);
    Sheet s = begin(kCommuneHead, titles, std::vector<bool>(keys.size(), false));
    about.push_back("Bản đồ ngày: " + vn_date(date));
    s.about = about;
    const Province& p = o.year ? maps.year(o.year) : here;
    for (std::size_t i : p.communes()) {
      const Unit& u = p.units()[i];
      auto row = unit_cells(p, u);
      for (const auto& [k, title] : keys) {
        std::string v = rows ? u.klass(k) : "";
        // A commune's region is usually its province's: written only where it is its own.
        if (std::string(k) == "region" && p.unit().region() == v) v.clear();
        row.push_back(v == "1" && k != std::string("nhom") && k != std::string("khu-vuc") ? "x" : v);
      }
      s.rows.push_back(std::move(row));
    }
    return s;
  }
  if (o.kind == "recognitions") {
    Sheet s = begin(kUnitHead, {"Mức", "Năm", "Quyết định", "Ngày", "Thu hồi"}, {false, true, false, false, false});
    s.about = about;
    static const std::map<std::string, std::string> grade{
        {"standard", "Đạt chuẩn"}, {"advanced", "Nâng cao"}, {"model", "Kiểu mẫu"}, {"basic", "Cơ bản"}};
    if (rows)
      each_row(db, maps, province, "recognition", "x.grade, x.decision, x.date, x.revoked", o.year, "x.year, x.unit_id, x.grade",
               [&](const Province& map, const Unit& u, const store::Statement& st) {
                 auto row = unit_cells(map, u);
                 row.insert(row.end(), {grade.at(st.get_text(2)), col(st, 1), col(st, 3), vn_date(col(st, 4)), vn_date(col(st, 5))});
                 s.rows.push_back(std::move(row));
               });
    return s;
  }
  if (o.kind == "funding") {
    Sheet s = begin(kUnitHead, {"Năm", "Nguồn vốn", "Giai đoạn", "Hợp phần", "Số tiền", "Ghi chú"},
                    {true, false, false, false, true, false});
    s.about = about;
    FundingSources sources(db);
    std::map<std::string, std::string> components;
    auto cs = db.prepare("SELECT code, name FROM funding_component");
    while (cs.step()) components[cs.get_text(0)] = cs.get_text(1);
    static const std::map<std::string, std::string> stage{{"plan", "Kế hoạch"}, {"mobilised", "Huy động"}, {"disbursed", "Giải ngân"}};
    if (rows)
      each_row(db, maps, province, "funding", "x.source, x.stage, x.component, x.amount, x.note", o.year,
               "x.year, x.unit_id, x.source, x.stage, x.component",
               [&](const Province& map, const Unit& u, const store::Statement& st) {
                 auto row = unit_cells(map, u);
                 std::string component = col(st, 4);
                 row.insert(row.end(), {col(st, 1), sources.name(st.get_text(2)), stage.at(st.get_text(3)),
                                        components.count(component) ? components[component] : component, col(st, 5), col(st, 6)});
                 s.rows.push_back(std::move(row));
               });
    return s;
  }
  if (o.kind == "targets" || o.kind == "statistics") {
    bool stat = o.kind == "statistics";
    Sheet s = stat ? begin(kUnitHead, {"Năm", "Khóa", "Giá trị", "Như in", "Nguồn"}, {true, false, true, false, false})
                   : begin(kUnitHead, {"Năm", "Khóa", "Giá trị", "Ghi chú", "Năm lập kế hoạch"}, {true, false, true, false, true});
    s.about = about;
    std::string columns = stat ? "x.key, x.value, x.as_printed, x.source" : "x.key, x.value, x.note, x.plan_year";
    if (rows)
      each_row(db, maps, province, stat ? "statistic" : "target", columns, o.year, "x.year, x.unit_id, x.key",
               [&](const Province& map, const Unit& u, const store::Statement& st) {
                 auto row = unit_cells(map, u);
                 row.insert(row.end(), {col(st, 1), col(st, 2), numcol(st, 3), col(st, 4), col(st, 5)});
                 s.rows.push_back(std::move(row));
               });
    return s;
  }
  if (o.kind == "ocop") {
    Sheet s;
    s.about = about;
    s.header = {"Mã sản phẩm", "Tên sản phẩm", "Chủ thể", "Loại chủ thể", "Mã đơn vị", "Tên đơn vị", "Huyện",
                "Nhóm", "Sao", "Điểm", "Năm", "Ngày chứng nhận", "Hết hạn", "Quyết định"};
    s.numeric = {true, false, false, false, false, false, false, false, true, true, true, false, false, false};
    static const std::map<std::string, std::string> kind{{"enterprise", "Doanh nghiệp"}, {"cooperative", "HTX"},
                                                         {"cooperative_group", "Tổ hợp tác"}, {"household", "Hộ gia đình"},
                                                         {"other", "Khác"}};
    if (rows)
      each_row(db, maps, province, "ocop_product",
               "x.id, x.name, x.producer, x.producer_kind, x.product_group, x.stars, x.score, x.certified, x.expires, x.decision",
               o.year, "x.id", [&](const Province& map, const Unit& u, const store::Statement& st) {
                 auto uc = unit_cells(map, u);
                 s.rows.push_back({col(st, 2), col(st, 3), col(st, 4), kind.at(st.get_text(5)), uc[0], uc[1], uc[2],
                                   col(st, 6), col(st, 7), col(st, 8), col(st, 1), vn_date(col(st, 9)),
                                   vn_date(col(st, 10)), col(st, 11)});
               });
    return s;
  }
  throw std::invalid_argument("không biết loại dữ liệu '" + o.kind + "'");
}

std::string to_csv(const Sheet& sheet, char delimiter) {
  std::string out;
  auto field = [&](std::string f, bool numeric) {
    if (numeric && delimiter == ';')
      for (char& c : f)
        if (c == '.') c = ',';
    out += csv_cell(f, delimiter);   // quoting, and formulas neutralised
  };
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out += delimiter;
      field(cells[c], !header && c < sheet.numeric.size() && sheet.numeric[c]);
    }
    out += "\r\n";
  };
  if (!sheet.about.empty()) line(sheet.about, true);
  line(sheet.header, true);
  for (const auto& r : sheet.rows) line(r, false);
  return out;
}

void write_xlsx_sheet(const Sheet& sheet, const std::string& title, const std::filesystem::path& path) {
  report::Document doc;
  doc.header.kind = "";
  report::Table& t = doc.add_table(title);
  if (!sheet.about.empty()) {
    std::vector<report::HeaderCell> about;
    for (const auto& a : sheet.about) about.push_back(report::HeaderCell{a});
    while (about.size() < sheet.header.size()) about.push_back(report::HeaderCell{""});
    t.header.push_back(about);
  }
  std::vector<report::HeaderCell> head;
  for (const auto& h : sheet.header) head.push_back(report::HeaderCell{h});
  t.header.push_back(head);
  for (const auto& r : sheet.rows) {
    std::vector<report::Cell> cells;
    for (std::size_t c = 0; c < r.size(); ++c) {
      bool numeric = c < sheet.numeric.size() && sheet.numeric[c] && !r[c].empty();
      char* end = nullptr;
      double v = numeric ? std::strtod(r[c].c_str(), &end) : 0;
      if (numeric && end && *end == 0) {
        auto dot = r[c].find('.');
        int decimals = dot == std::string::npos ? 0 : static_cast<int>(r[c].size() - dot - 1);
        cells.push_back(decimals ? report::Cell::decimal(v, decimals) : report::Cell::integer(v));
      } else {
        cells.push_back(report::Cell::of_text(r[c]));
      }
    }
    t.rows.push_back(std::move(cells));
  }
  report::write(doc, path);
}

}  // namespace ntm::app
