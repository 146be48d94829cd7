// Data-entry workbooks built from the model (units, criteria sets, funding sources), and the
// import of the returned files.
#include "app/entry_forms.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "model/criteria.h"
#include "model/i18n.h"
#include "model/text.h"
#include "model/units.h"

namespace ntm::app {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kYesNo = {"Đạt", "Chưa đạt"};

std::string district_of(const Province& p, const Unit& u) {
  const Unit* d = &u;
  while (d && d->kind != "district" && d->kind != "province") d = p.find(d->parent);
  return d && d->kind == "district" ? d->name : std::string();
}

// "≥ 100 %" from a comparison, a value and a unit.
std::string threshold_text(const Indicator& ind, const Threshold* t) {
  if (!t) return "Ngưỡng: chưa có trong dữ liệu";
  if (ind.unit == "dat") return "Ngưỡng: Đạt";
  std::string cmp = ind.comparison == ">=" ? "≥" : ind.comparison == "<=" ? "≤" : ind.comparison;
  NumberFormat f;
  f.decimals = 2;
  f.trim_zeros = true;
  return "Ngưỡng: " + cmp + " " + format_number(t->value, f) + (ind.unit == "%" ? "%" : "") + (t->confirmed ? "" : " (chưa xác nhận)");
}

std::string unit_text(const std::string& unit) {
  if (unit == "%") return "(%)";
  if (unit == "dat") return "(Đạt/Chưa đạt)";
  if (unit.empty()) return "";
  std::string s = unit;
  std::replace(s.begin(), s.end(), '-', ' ');
  return "(" + s + ")";
}

std::string slug(const std::string& name) {
  std::string out;
  for (char c : fold(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// A group of units that share a workbook.
struct Group {
  std::string code, name, title;
  std::vector<const Unit*> units;
};

}  // namespace

const std::vector<std::string>& entry_kinds() {
  static const std::vector<std::string> kinds = {"indicators", "statuses", "funding", "ocop"};
  return kinds;
}

std::vector<EntryWorkbook> entry_workbooks(const store::Database& db, const EntryOptions& o) {
  if (std::find(entry_kinds().begin(), entry_kinds().end(), o.kind) == entry_kinds().end())
    throw std::invalid_argument("không có phiếu nhập cho loại '" + o.kind + "' (có: indicators, statuses, funding, ocop)");
  if (o.per != "province" && o.per != "district" && o.per != "commune")
    throw std::invalid_argument("--per phải là province, district hoặc commune, nhận '" + o.per + "'");
  if (!o.year) throw std::invalid_argument("phiếu nhập " + o.kind + " cần --year NĂM");
  std::string date = year_end(o.year);
  auto province = Province::load(db, find_province(db, o.province, date), date, o.year);
  const Province& p = *province;
  const Unit& tinh = p.unit();

  // The units of the workbooks: rural communes (and, for funding, districts and the
  // province itself in the province's workbook).
  std::vector<const Unit*> units;
  for (std::size_t i : p.communes()) units.push_back(&p.units()[i]);
  std::vector<Group> groups;
  if (o.per == "province") {
    Group g{tinh.code, tinh.name, tinh.name_with_type, units};
    if (o.kind == "funding") {
      g.units.insert(g.units.begin(), &tinh);
      for (std::size_t d : p.districts()) g.units.insert(g.units.begin() + 1, &p.units()[d]);
      std::sort(g.units.begin() + 1, g.units.end(), [](const Unit* a, const Unit* b) { return a->code < b->code; });
    }
    groups.push_back(std::move(g));
  } else if (o.per == "district") {
    std::map<std::string, Group> by;
    for (const Unit* u : units) {
      const Unit* d = p.district_of(*u);
      std::string code = d && d->kind == "district" ? d->code : tinh.code;
      Group& g = by[code];
      if (g.code.empty()) {
        g.code = code;
        g.name = d && d->kind == "district" ? d->name : tinh.name;
        g.title = (d && d->kind == "district" ? d->name_with_type + ", " : std::string()) + tinh.name_with_type;
        if (o.kind == "funding" && d && d->kind == "district") g.units.push_back(d);
      }
      g.units.push_back(u);
    }
    for (auto& [code, g] : by) groups.push_back(std::move(g));
  } else {
    for (const Unit* u : units) {
      std::string district = district_of(p, *u);
      groups.push_back(Group{u->code, u->name,
                             u->name_with_type + (district.empty() ? "" : ", " + district) + ", " + tinh.name_with_type, {u}});
    }
  }

  EntryWorkbook base;
  base.unit_titles = {"Mã xã", "Tên xã", "Huyện"};
  base.unit_widths = {9, 20, 16};
  std::string what;
  if (o.kind == "indicators" || o.kind == "statuses") {
    auto set = CriteriaSet::load(db, choose_set(db, p.id(), o.year, {}).id);
    if (o.kind == "indicators") {
      what = "SỐ LIỆU CHỈ TIÊU";
      base.sheet = "Chỉ tiêu " + std::to_string(o.year);
      for (std::size_t k = 0; k < set->indicators().size(); ++k) {
        const Indicator& ind = set->indicators()[k];
        EntryColumn c;
        c.title = "CT " + ind.id;
        c.detail = ind.name + "\n" + unit_text(ind.unit) + "\n" + threshold_text(ind, set->threshold(k, tinh, p.id(), o.year));
        if (ind.unit == "dat") {
          c.check = EntryColumn::Check::List;
          c.choices = kYesNo;
        } else {
          c.check = EntryColumn::Check::Number;
          c.min = ind.min_value;
          c.max = ind.max_value;
        }
        c.width = 16;
        base.columns.push_back(std::move(c));
      }
    } else {
      what = "KẾT QUẢ ĐÁNH GIÁ TIÊU CHÍ";
      base.sheet = "Tiêu chí " + std::to_string(o.year);
      for (const Criterion& cr : set->criteria()) {
        EntryColumn c;
        c.title = "TC " + std::to_string(cr.number);
        c.detail = cr.name;
        c.check = EntryColumn::Check::List;
        c.choices = kYesNo;
        c.width = 13;
        base.columns.push_back(std::move(c));
      }
    }
    base.note = "Điền vào các ô màu vàng nhạt (bộ tiêu chí " + set->name() + "). Số thập phân gõ như Excel của máy (11,5). "
                "Ô để trống: chưa có số liệu. Không sửa các cột mã, tên, huyện. Gửi lại tệp này cho Văn phòng Điều phối.";
  } else if (o.kind == "funding") {
    what = "SỐ LIỆU NGUỒN VỐN";
    base.sheet = "Nguồn vốn " + std::to_string(o.year);
    base.unit_titles = {"Mã đơn vị", "Tên đơn vị", "Huyện"};
    std::vector<std::string> sources;
    auto st = db.prepare("SELECT name FROM funding_source ORDER BY sort");
    while (st.step()) sources.push_back(st.get_text(0));
    EntryColumn year{"Năm", "", EntryColumn::Check::Integer, 1990, 2100, {}, 8};
    EntryColumn source{"Nguồn vốn", "", EntryColumn::Check::List, NAN, NAN, sources, 34};
    EntryColumn stage{"Giai đoạn", "", EntryColumn::Check::List, NAN, NAN, {"Kế hoạch", "Huy động", "Giải ngân"}, 12};
    EntryColumn amount{"Số tiền", "", EntryColumn::Check::Integer, 0, NAN, {}, 14};
    EntryColumn note{"Ghi chú", "", EntryColumn::Check::None, NAN, NAN, {}, 20};
    base.columns = {year, source, stage, amount, note};
    base.note = "Số tiền tính bằng triệu đồng (số nguyên). Mỗi dòng một nguồn vốn ở một giai đoạn; chọn nguồn và giai đoạn "
                "trong danh sách. Dòng để trống số tiền được bỏ qua.";
  } else {
    what = "SẢN PHẨM OCOP";
    base.sheet = "OCOP " + std::to_string(o.year);
    base.unit_titles = {"Mã đơn vị", "Tên đơn vị", "Huyện"};
    base.columns = {
        {"Tên sản phẩm", "", EntryColumn::Check::None, NAN, NAN, {}, 26},
        {"Chủ thể", "", EntryColumn::Check::None, NAN, NAN, {}, 24},
        {"Loại chủ thể", "", EntryColumn::Check::List, NAN, NAN, {"Doanh nghiệp", "HTX", "Tổ hợp tác", "Hộ gia đình", "Khác"}, 14},
        {"Nhóm", "", EntryColumn::Check::List, NAN, NAN,
         {"thuc-pham", "do-uong", "thao-duoc", "vai-may-mac", "luu-niem-noi-that-trang-tri", "dich-vu-du-lich"}, 18},
        {"Sao", "", EntryColumn::Check::Integer, 3, 5, {}, 6},
        {"Điểm", "", EntryColumn::Check::Number, 0, 100, {}, 7},
        {"Năm", "", EntryColumn::Check::Integer, 1990, 2100, {}, 7},
        {"Ngày chứng nhận", "", EntryColumn::Check::None, NAN, NAN, {}, 14},
        {"Quyết định", "", EntryColumn::Check::None, NAN, NAN, {}, 16},
    };
    base.note = "Mỗi dòng một sản phẩm được công nhận năm " + std::to_string(o.year) +
                "; dòng để trống tên sản phẩm được bỏ qua. Ngày ghi dd/mm/yyyy.";
  }

  // One commune's indicators: a long sheet, one indicator per row (the import reads the
  // "Chỉ tiêu" and "Giá trị" columns), readable on screen and on paper.
  if (o.kind == "indicators" && o.per == "commune") {
    std::vector<EntryWorkbook> out;
    for (const Group& g : groups) {
      const Unit& u = *g.units.front();
      EntryWorkbook wb;
      wb.title = "PHIẾU NHẬP SỐ LIỆU CHỈ TIÊU NĂM " + std::to_string(o.year);
      wb.subtitle = g.title;
      wb.note = base.note;
      wb.sheet = base.sheet;
      wb.unit_titles = {"Mã xã", "Tên xã", "Huyện", "Chỉ tiêu", "Nội dung (đơn vị, ngưỡng)"};
      wb.unit_widths = {8, 16, 16, 8, 60};
      EntryColumn value{"Giá trị", "", EntryColumn::Check::None, NAN, NAN, {}, 14};
      wb.columns = {value};
      wb.file_stem = o.kind + "-" + std::to_string(o.year) + "-" + g.code + "-" + slug(g.name);
      for (const EntryColumn& c : base.columns) {
        std::string detail = c.detail;
        std::replace(detail.begin(), detail.end(), '\n', ' ');
        wb.units.push_back({u.code, u.name, district_of(p, u), c.title.substr(3), detail});
        wb.values.push_back({""});
        wb.row_checks.push_back(c);
      }
      out.push_back(std::move(wb));
    }
    return out;
  }

  std::vector<EntryWorkbook> out;
  for (const Group& g : groups) {
    EntryWorkbook wb = base;
    wb.title = "PHIẾU NHẬP " + what + " NĂM " + std::to_string(o.year);
    wb.subtitle = g.title;
    wb.file_stem = o.kind + "-" + std::to_string(o.year) + "-" + g.code + "-" + slug(g.name);
    for (const Unit* u : g.units) {
      std::vector<std::string> cells = {u->code, u->kind == "commune" ? u->name : u->name_with_type, district_of(p, *u)};
      std::vector<std::string> values(wb.columns.size());
      if (o.kind == "funding") values[0] = std::to_string(o.year);
      if (o.kind == "ocop") values[6] = std::to_string(o.year);
      wb.units.push_back(std::move(cells));
      wb.values.push_back(std::move(values));
    }
    out.push_back(std::move(wb));
  }
  return out;
}

namespace {

// A returned workbook as CSV text without the rows nobody filled in, and the codes of the
// units that have at least one value.
struct Cleaned {
  bool ours = false;             // one of our workbooks (else imported as it is)
  std::string csv;
  std::set<std::string> sent;
};

std::string csv_field(const std::string& f) {
  if (f.find_first_of(",\"\r\n") == std::string::npos) return f;
  std::string q = "\"";
  for (char c : f) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

Cleaned clean(const fs::path& file, const std::string& kind) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CsvFile f;
  if (ext == ".xlsx") {
    f = read_xlsx(file);
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("không đọc được tệp '" + file.string() + "'");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    f = read_csv_text(bytes);
  }
  // The header: the first row whose first cell names a unit code column.
  std::size_t head = 0;
  for (; head < f.rows.size(); ++head) {
    const auto& cells = f.rows[head].fields;
    std::string first = cells.empty() ? "" : fold(cells[0].substr(0, cells[0].find('\n')));
    if (first == "ma xa" || first == "ma don vi") break;
  }
  Cleaned out;
  // Our workbooks are .xlsx titled "PHIẾU NHẬP …" above the header; anything else (an export,
  // a CSV a district made) is imported as it is.
  bool titled = !f.rows.empty() && !f.rows[0].fields.empty() && f.rows[0].fields[0].rfind("PHIẾU NHẬP", 0) == 0;
  if (head == f.rows.size() || !titled || ext != ".xlsx") return out;
  out.ours = true;
  const auto& header = f.rows[head].fields;
  // Value columns: after the three unit columns, except a year column (filled in advance).
  std::vector<std::size_t> value_cols;
  for (std::size_t c = 3; c < header.size(); ++c) {
    std::string h = fold(header[c].substr(0, header[c].find('\n')));
    if (h == "nam" || h == "chi tieu" || h.rfind("noi dung", 0) == 0) continue;
    if (kind == "funding" && (h == "nguon von" || h == "giai doan" || h == "ghi chu")) continue;
    if (kind == "ocop" && h != "ten san pham") continue;
    value_cols.push_back(c);
  }
  for (std::size_t r = head; r < f.rows.size(); ++r) {
    const auto& cells = f.rows[r].fields;
    bool keep = r == head;
    if (!keep)
      for (std::size_t c : value_cols)
        if (c < cells.size() && cells[c].find_first_not_of(" \t") != std::string::npos) keep = true;
    if (!keep) continue;
    if (r != head && !cells.empty()) out.sent.insert(cells[0]);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string v = cells[c];
      if (r == head) v = v.substr(0, v.find('\n'));   // the importer reads the first line
      out.csv += (c ? "," : "") + csv_field(v);
    }
    out.csv += "\r\n";
  }
  return out;
}

}  // namespace

ReturnedSummary import_returned(store::Database& db, const ImportOptions& base, const std::vector<fs::path>& files) {
  const std::string& kind = base.kind;
  const std::string& province = base.province;
  int year = base.year;
  bool dry_run = base.dry_run;
  ReturnedSummary out;
  std::vector<Cleaned> cleaned;
  std::set<std::string> sent;
  for (const auto& f : files) {
    cleaned.push_back(clean(f, kind));
    sent.insert(cleaned.back().sent.begin(), cleaned.back().sent.end());
  }
  // Each cleaned file goes through the importer as CSV (a private temporary file).
  auto run = [&](std::size_t i, bool dry) {
    char pattern[] = "/tmp/ntm-import-XXXXXX";
    int fd = ::mkstemp(pattern);
    if (fd < 0) throw std::runtime_error("không tạo được tệp tạm");
    ::close(fd);
    fs::path temp = fs::path(pattern);
    fs::path csv = temp;
    csv += ".csv";
    fs::rename(temp, csv);
    {
      std::ofstream o(csv, std::ios::binary);
      o << cleaned[i].csv;
    }
    ImportOptions opt = base;
    opt.file = cleaned[i].ours ? csv : files[i];
    opt.dry_run = dry;
    try {
      ImportSummary s = import_file(db, opt);
      fs::remove(csv);
      return s;
    } catch (const ImportError& e) {
      fs::remove(csv);
      std::vector<std::string> named;
      for (const auto& p : e.problems) named.push_back(files[i].filename().string() + ": " + p);
      throw ImportError(named);
    } catch (const std::exception&) {
      fs::remove(csv);
      throw;
    }
  };
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (cleaned[i].ours && cleaned[i].csv.find('\n') == cleaned[i].csv.rfind('\n')) continue;   // header only: nothing sent
    try {
      run(i, true);
    } catch (const ImportError& e) {
      problems.insert(problems.end(), e.problems.begin(), e.problems.end());
    }
  }
  if (!problems.empty()) throw ImportError(problems);
  // All the files or none: each import is a savepoint of this one transaction, so a write
  // error on the last file (a full disk) leaves the first ones unwritten too.
  {
    store::Transaction all(db);
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (cleaned[i].ours && cleaned[i].csv.find('\n') == cleaned[i].csv.rfind('\n')) continue;
      out.files.push_back(run(i, dry_run));
    }
    try {
      all.commit();
    } catch (const store::DbError& e) {
      throw ImportStorageError(tr("không lưu được (COMMIT): ", "cannot commit: ") + e.what());
    }
  }
  // Who has not sent theirs back (known only when every file is one of our workbooks).
  out.checked = std::all_of(cleaned.begin(), cleaned.end(), [](const Cleaned& c) { return c.ours; });
  if (!out.checked) return out;
  std::string date = year ? year_end(year) : today();
  auto p = Province::load(db, find_province_identity(db, province, date), date, year ? year : 0);
  for (std::size_t i : p->communes()) {
    const Unit& u = p->units()[i];
    ++out.expected;
    if (!sent.count(u.code)) out.missing.push_back(u.name_with_type + " (" + u.code + ")");
  }
  return out;
}

}  // namespace ntm::app
