#include "app/exporter.h"
#include "model/csv.h"

#include <cmath>
#include <map>

#include "model/criteria.h"
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

std::string vn_date(const std::string& iso) {
  int y, m, d;
  if (iso.empty() || !parse_date(iso, y, m, d)) return iso;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
  return buf;
}

// Column titles, each folding to one of the importer's aliases.
const std::vector<std::string> kUnitHead{"Mã đơn vị", "Tên đơn vị", "Huyện"};
const std::vector<std::string> kCommuneHead{"Mã xã", "Tên xã", "Huyện"};

// Code, name and district name of a unit, for the first three columns.
std::vector<std::string> unit_cells(const Province& p, const Unit& u) {
  std::string district;
  const Unit* d = &u;
  while (d && d->kind != "district" && d->kind != "province") d = p.find(d->parent);
  if (d && d->kind == "district") district = d->name;
  return {u.code, u.kind == "village" ? u.name_with_type : u.name, district};
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

// Rows of `sql` (unit_code first) for units of the province; `year` bound to ?1 when given.
template <typename F>
void each_row(const store::Database& db, const Province& p, const std::string& sql, int year, F&& f) {
  auto stmt = db.prepare(sql);
  if (stmt.parameter_count() >= 1) stmt.bind(1, std::int64_t{year});
  while (stmt.step()) {
    const Unit* u = p.find(stmt.get_text(0));
    if (u) f(*u, stmt);
  }
}

std::string col(const store::Statement& s, int i) { return s.is_null(i) ? std::string() : s.get_text(i); }
std::string numcol(const store::Statement& s, int i) { return s.is_null(i) ? std::string() : num(s.get_double(i)); }

const char* year_filter(int year) { return year ? " WHERE year = ?1" : ""; }

}  // namespace

Sheet export_sheet(const store::Database& db, const ExportOptions& o) {
  auto province = Province::load(db, find_province_code(db, o.province));
  const Province& p = *province;
  bool rows = !o.template_only;
  if (o.kind == "indicators" || o.kind == "statuses") {
    need_year(o);
    auto set = CriteriaSet::load(db, set_for_year(db, o.year));
    bool ind = o.kind == "indicators";
    std::vector<std::string> ids;
    if (ind) for (const auto& i : set->indicators()) ids.push_back(i.id);
    else for (const auto& c : set->criteria()) ids.push_back(std::to_string(c.number));
    std::vector<std::string> titles;
    for (const auto& id : ids) titles.push_back((ind ? "CT " : "TC ") + id);
    Sheet s = begin(kCommuneHead, titles, std::vector<bool>(ids.size(), ind));
    std::map<std::string, std::map<std::string, std::string>> values;   // code → id → text
    if (rows) {
      std::string sql = ind ? "SELECT unit_code, indicator, value FROM indicator_value WHERE year = ?1 AND set_id = ?2"
                            : "SELECT unit_code, criterion, met FROM criterion_status WHERE year = ?1 AND set_id = ?2 AND by = 'assessed'";
      auto stmt = db.prepare(sql);
      stmt.bind(1, std::int64_t{o.year}).bind(2, set->id());
      while (stmt.step())
        values[stmt.get_text(0)][stmt.get_text(1)] =
            ind ? num(stmt.get_double(2)) : (stmt.get_int(2) ? "Đạt" : "Chưa đạt");
    }
    for (std::size_t i : p.communes()) {
      const Unit& u = p.units()[i];
      auto row = unit_cells(p, u);
      auto it = values.find(u.code);
      for (const auto& id : ids) row.push_back(it == values.end() || !it->second.count(id) ? "" : it->second.at(id));
      s.rows.push_back(std::move(row));
    }
    return s;
  }
  if (o.kind == "units") {
    Sheet s = begin(kCommuneHead, {"Loại", "ĐBKK", "Biên giới", "Miền núi"}, {false, false, false, false});
    static const std::map<std::string, std::string> type{{"xa", "Xã"}, {"phuong", "Phường"}, {"thi-tran", "Thị trấn"}};
    for (const Unit& u : p.units()) {
      if (u.kind != "commune") continue;
      auto row = unit_cells(p, u);
      auto t = type.find(u.type);
      row.push_back(t == type.end() ? u.type : t->second);
      for (bool f : {u.extremely_difficult, u.border, u.mountainous}) row.push_back(f ? "x" : "");
      s.rows.push_back(std::move(row));
    }
    return s;
  }
  if (o.kind == "recognitions") {
    Sheet s = begin(kUnitHead, {"Mức", "Năm", "Quyết định", "Ngày", "Thu hồi"}, {false, true, false, false, false});
    static const std::map<std::string, std::string> grade{
        {"standard", "Đạt chuẩn"}, {"advanced", "Nâng cao"}, {"model", "Kiểu mẫu"}, {"basic", "Cơ bản"}};
    if (rows)
      each_row(db, p, std::string("SELECT unit_code, grade, year, decision, date, revoked FROM recognition") +
                          year_filter(o.year) + " ORDER BY unit_code, grade", o.year,
               [&](const Unit& u, const store::Statement& st) {
                 auto row = unit_cells(p, u);
                 row.insert(row.end(), {grade.at(st.get_text(1)), col(st, 2), col(st, 3), vn_date(col(st, 4)),
                                        vn_date(col(st, 5))});
                 s.rows.push_back(std::move(row));
               });
    return s;
  }
  if (o.kind == "funding") {
    Sheet s = begin(kUnitHead, {"Năm", "Nguồn vốn", "Giai đoạn", "Số tiền", "Ghi chú"}, {true, false, false, true, false});
    static const std::map<std::string, std::string> stage{{"plan", "Kế hoạch"}, {"mobilised", "Huy động"}, {"disbursed", "Giải ngân"}};
    if (rows)
      each_row(db, p, std::string("SELECT unit_code, year, source, stage, amount, note FROM funding") + year_filter(o.year) +
                          " ORDER BY unit_code, year, source, stage", o.year,
               [&](const Unit& u, const store::Statement& st) {
                 auto row = unit_cells(p, u);
                 row.insert(row.end(), {col(st, 1), col(st, 2), stage.at(st.get_text(3)), col(st, 4), col(st, 5)});
                 s.rows.push_back(std::move(row));
               });
    return s;
  }
  if (o.kind == "targets" || o.kind == "statistics") {
    bool stat = o.kind == "statistics";
    Sheet s = stat ? begin(kUnitHead, {"Năm", "Khóa", "Giá trị", "Như in", "Nguồn"}, {true, false, true, false, false})
                   : begin(kUnitHead, {"Năm", "Khóa", "Giá trị", "Ghi chú"}, {true, false, true, false});
    std::string sql = stat ? "SELECT unit_code, year, key, value, as_printed, source FROM statistic"
                           : "SELECT unit_code, year, key, value, note FROM target";
    if (rows)
      each_row(db, p, sql + year_filter(o.year) + " ORDER BY unit_code, year, key", o.year,
               [&](const Unit& u, const store::Statement& st) {
                 auto row = unit_cells(p, u);
                 row.insert(row.end(), {col(st, 1), col(st, 2), numcol(st, 3), col(st, 4)});
                 if (stat) row.push_back(col(st, 5));
                 s.rows.push_back(std::move(row));
               });
    return s;
  }
  if (o.kind == "ocop") {
    Sheet s;
    s.header = {"Mã sản phẩm", "Tên sản phẩm", "Chủ thể", "Loại chủ thể", "Mã đơn vị", "Tên đơn vị", "Huyện",
                "Nhóm", "Sao", "Điểm", "Năm", "Ngày chứng nhận", "Hết hạn", "Quyết định"};
    s.numeric = {true, false, false, false, false, false, false, false, true, true, true, false, false, false};
    static const std::map<std::string, std::string> kind{{"enterprise", "Doanh nghiệp"}, {"cooperative", "HTX"},
                                                         {"cooperative_group", "Tổ hợp tác"}, {"household", "Hộ gia đình"},
                                                         {"other", "Khác"}};
    if (rows)
      each_row(db, p, std::string("SELECT unit_code, id, name, producer, producer_kind, product_group, stars, score, year, "
                                  "certified, expires, decision FROM ocop_product") + year_filter(o.year) + " ORDER BY id",
               o.year, [&](const Unit& u, const store::Statement& st) {
                 auto uc = unit_cells(p, u);
                 s.rows.push_back({col(st, 1), col(st, 2), col(st, 3), kind.at(st.get_text(4)), uc[0], uc[1], uc[2],
                                   col(st, 5), col(st, 6), col(st, 7), col(st, 8), vn_date(col(st, 9)),
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
  line(sheet.header, true);
  for (const auto& r : sheet.rows) line(r, false);
  return out;
}

void write_xlsx_sheet(const Sheet& sheet, const std::string& title, const std::filesystem::path& path) {
  report::Document doc;
  doc.header.kind = "";
  report::Table& t = doc.add_table(title);
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
