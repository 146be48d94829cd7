// Tests for the report document model and its writers (docx, xlsx, html, md, csv).
// Goldens live in tests/golden/report/; run with NTM_UPDATE_GOLDEN=1 to rewrite them.
#include <doctest/doctest.h>
#include <zip.h>

#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "report/document.h"
#include "report/writer.h"
#include "support.h"

#ifndef NTM_TEST_DIR
#error "NTM_TEST_DIR must name the tests/ folder"
#endif

namespace fs = std::filesystem;
using ntm::test::slurp;
using ntm::test::unzip;
using namespace ntm::report;

namespace {

Run text(std::string t, bool bold = false, bool italic = false) {
  Run r;
  r.text = std::move(t);
  r.bold = bold;
  r.italic = italic;
  return r;
}

Run note(std::string t, std::string footnote) {
  Run r = text(std::move(t));
  r.footnote = std::move(footnote);
  return r;
}

// A report like the provinces write: header, headings, a paragraph with a bold figure and
// a footnote, lists, two annex tables (one with a two-row merged header), two charts.
Document sample_document() {
  Document d;
  d.header.issuer = {"UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"};
  d.header.number = "123/BC-BCĐ";
  d.header.place = "Điện Biên";
  d.header.date = "2020-12-31";
  d.header.title = "Kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới năm 2020; "
                   "phương hướng, nhiệm vụ năm 2021";
  d.add_heading(1, "Phần thứ nhất. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH NĂM 2020");
  d.add_heading(2, "I. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ");
  d.add_heading(3, "1. Phát triển hạ tầng kinh tế - xã hội");
  Paragraph& p = d.add_paragraph();
  p.runs = {text("Giao thông: đến nay có "), text("55/115", true),
            text(" xã đạt tiêu chí số 2 về giao thông (đạt "), text("47,82%", true),
            note("), tăng 7 xã so với năm 2019", "Theo Báo cáo số 292/BC-SGTVT ngày 11/02/2020 của Sở Giao thông vận tải."),
            text(".")};
  d.add_paragraph("Tỷ lệ hộ nghèo <5% & thu nhập > 40 triệu đồng là \"mục tiêu\" của *các* xã_điểm.");
  d.add_heading(4, "a) Nguồn vốn");
  List& l = d.add_list(false);
  l.items = {{{text("Ngân sách Trung ương: "), text("546.200", true), text(" triệu đồng, trong đó:")}, 0},
             {{text("Vốn đầu tư phát triển: 460.300 triệu đồng;")}, 1},
             {{text("Vốn sự nghiệp: 85.900 triệu đồng;")}, 1},
             {{text("Vốn lồng ghép: 1.336.596 triệu đồng.", false, true)}, 0}};
  List& n = d.add_list(true);
  n.items = {{{text("Tập trung chỉ đạo các xã đăng ký đạt chuẩn năm 2021.")}, 0},
             {{note("Huy động nguồn lực xã hội hóa", "Gồm doanh nghiệp, hợp tác xã và cộng đồng dân cư."),
               text(".")}, 0}};
  d.add_page_break();

  Table& t = d.add_table("Biểu 01. Kết quả thực hiện tiêu chí giao thông theo huyện");
  t.header = {{{"TT", 2, 1}, {"Huyện", 2, 1}, {"Số xã", 2, 1}, {"Số xã đạt", 1, 2}},
              {{"Số lượng", 1, 1}, {"Tỷ lệ (%)", 1, 1}}};
  auto row = [](int tt, const char* name, int xa, int dat) {
    return std::vector<Cell>{Cell::of_text(std::to_string(tt), Align::Center), Cell::of_text(name), Cell::integer(xa),
                             Cell::integer(dat), Cell::percent(100.0 * dat / xa, 2)};
  };
  t.rows = {row(1, "Điện Biên", 21, 14), row(2, "Tuần Giáo", 18, 9), row(3, "Mường Nhé", 11, 2),
            row(4, "Các huyện còn lại", 65, 30)};
  Cell total = Cell::of_text("Toàn tỉnh", Align::Center);
  total.colspan = 2;
  t.totals = {total, Cell::integer(115), Cell::integer(55), Cell::percent(100.0 * 55 / 115, 2, ntm::Rounding::Truncate)};

  Table& v = d.add_table("Biểu 02. Nguồn vốn thực hiện Chương trình năm 2020");
  v.unit = "Đơn vị: triệu đồng";
  v.header = {{{"TT", 1, 1}, {"Nguồn vốn", 1, 1}, {"Kế hoạch", 1, 1}, {"Thực hiện", 1, 1}, {"Tỷ lệ (%)", 1, 1}}};
  v.rows = {{Cell::of_text("1", Align::Center), Cell::of_text("Ngân sách Trung ương (đầu tư, sự nghiệp)"),
             Cell::money(546200), Cell::money(470786), Cell::percent(86.1929, 1)},
            {Cell::of_text("2", Align::Center), Cell::of_text("Vốn \"lồng ghép\""), Cell::money(1336596),
             Cell::money(1336596.4), Cell::percent(100, 1)},
            {Cell::of_text("3", Align::Center), Cell::of_text("Vốn tín dụng"), Cell::money(74000), Cell::empty(),
             Cell::decimal(std::nan(""), 1)}};
  Cell all = Cell::of_text("Tổng cộng", Align::Center);
  all.colspan = 2;
  v.totals = {all, Cell::money(1956796), Cell::money(1807382.4), Cell::percent(92.3643, 1)};
  v.widths = {5, 40, 14, 14, 10};

  Chart& c = d.add_chart(Chart::Kind::Column, "Biểu đồ 1. Số xã theo nhóm tiêu chí đạt");
  c.categories = {"19 tiêu chí", "15–18", "10–14", "5–9", "Dưới 5"};
  c.series = {{"Năm 2019", {19, 10, 50, 36, 0}}, {"Năm 2020", {21, 12, 55, 27, 0}}};
  c.value_axis = "Số xã";
  Chart& h = d.add_chart(Chart::Kind::Bar, "Biểu đồ 2. Nhóm tiêu chí theo huyện");
  h.stacked = true;
  h.categories = {"Điện Biên", "Tuần Giáo", "Mường Nhé"};
  h.series = {{"Đạt chuẩn", {8, 2, 0}}, {"15–18", {4, 3, 1}}, {"Dưới 15", {9, 13, 10}}};

  d.add_paragraph("Trên đây là Báo cáo kết quả thực hiện Chương trình năm 2020./.");
  d.sign_off.recipients = {"BCĐ các CT MTQG TW;", "TT Tỉnh ủy, TT HĐND tỉnh;", "Lưu: VT."};
  d.sign_off.signer_role = {"TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"};
  d.sign_off.signer_name = "Nguyễn Văn An";
  return d;
}

// A fresh temporary folder, removed with its content at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ntm-report-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    REQUIRE(made != nullptr);
    path = made;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};



// A small XML well-formedness check: one root, tags balanced and properly nested,
// attributes quoted, only the five predefined entities or character references.
// Returns "" when well-formed, else a description of the first problem.
std::string xml_problem(const std::string& x) {
  std::vector<std::string> stack;
  std::size_t i = 0;
  int roots = 0;
  auto entity_ok = [&](std::size_t at) {
    std::size_t end = x.find(';', at);
    if (end == std::string::npos || end - at > 10) return false;
    std::string e = x.substr(at + 1, end - at - 1);
    return e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos" ||
           (e.size() > 1 && e[0] == '#');
  };
  while (i < x.size()) {
    if (x[i] == '&') {
      if (!entity_ok(i)) return "bad entity at " + std::to_string(i);
      ++i;
    } else if (x[i] != '<') {
      if (stack.empty() && !std::isspace(static_cast<unsigned char>(x[i]))) return "text outside root";
      ++i;
    } else if (x.compare(i, 4, "<!--") == 0) {
      std::size_t end = x.find("-->", i);
      if (end == std::string::npos) return "unclosed comment";
      i = end + 3;
    } else if (x.compare(i, 2, "<?") == 0) {
      std::size_t end = x.find("?>", i);
      if (end == std::string::npos) return "unclosed declaration";
      i = end + 2;
    } else if (x.compare(i, 2, "</") == 0) {
      std::size_t end = x.find('>', i);
      if (end == std::string::npos) return "unclosed end tag";
      std::string name = x.substr(i + 2, end - i - 2);
      while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
      if (stack.empty() || stack.back() != name) return "mismatched </" + name + ">";
      stack.pop_back();
      i = end + 1;
    } else {
      std::size_t j = i + 1;
      while (j < x.size() && !std::isspace(static_cast<unsigned char>(x[j])) && x[j] != '>' && x[j] != '/') ++j;
      std::string name = x.substr(i + 1, j - i - 1);
      if (name.empty()) return "empty tag name";
      // Attributes: name="value" or name='value'.
      while (true) {
        while (j < x.size() && std::isspace(static_cast<unsigned char>(x[j]))) ++j;
        if (j >= x.size()) return "unclosed tag <" + name;
        if (x[j] == '>' || x.compare(j, 2, "/>") == 0) break;
        std::size_t eq = x.find('=', j);
        if (eq == std::string::npos || eq + 1 >= x.size()) return "bad attribute in <" + name;
        char q = x[eq + 1];
        if (q != '"' && q != '\'') return "unquoted attribute in <" + name;
        std::size_t close = x.find(q, eq + 2);
        if (close == std::string::npos) return "unclosed attribute in <" + name;
        std::string value = x.substr(eq + 2, close - eq - 2);
        if (value.find('<') != std::string::npos) return "< in attribute of <" + name;
        for (std::size_t a = value.find('&'); a != std::string::npos; a = value.find('&', a + 1))
          if (!entity_ok(eq + 2 + a)) return "bad entity in attribute of <" + name;
        j = close + 1;
      }
      bool self_closing = x[j] == '/';
      if (stack.empty()) ++roots;
      if (!self_closing) stack.push_back(name);
      i = j + (self_closing ? 2 : 1);
    }
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  if (roots != 1) return "expected one root, found " + std::to_string(roots);
  return "";
}

fs::path golden_dir() { return fs::path(NTM_TEST_DIR) / "golden" / "report"; }

// Compares `actual` with the golden file (or rewrites it under NTM_UPDATE_GOLDEN=1).
void check_golden(const std::string& name, const std::string& actual) {
  fs::path p = golden_dir() / name;
  if (const char* u = std::getenv("NTM_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    fs::create_directories(golden_dir());
    std::ofstream(p, std::ios::binary) << actual;
  }
  REQUIRE_MESSAGE(fs::exists(p), "missing golden file " << p);
  std::string expected = slurp(p);
  CHECK_MESSAGE(actual == expected, "output differs from " << p);
}

// A worksheet cell as stored: its t= attribute ("" for a number) and its <v> text.
struct SheetCell {
  bool found = false;
  std::string type, value;
};

SheetCell sheet_cell(const std::string& sheet, const std::string& ref) {
  SheetCell cell;
  std::size_t at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return cell;
  std::size_t tag_end = sheet.find('>', at);
  std::string tag = sheet.substr(at, tag_end - at);
  cell.found = true;
  if (std::size_t t = tag.find(" t=\""); t != std::string::npos)
    cell.type = tag.substr(t + 4, tag.find('"', t + 4) - t - 4);
  if (tag.back() == '/') return cell;
  std::size_t close = sheet.find("</c>", tag_end);
  std::size_t v = sheet.find("<v>", tag_end);
  if (v != std::string::npos && v < close) cell.value = sheet.substr(v + 3, sheet.find("</v>", v) - v - 3);
  return cell;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("report: cells print figures the Vietnamese way") {
  CHECK(display_text(Cell::integer(1986281)) == "1.986.281");
  CHECK(display_text(Cell::money(546200)) == "546.200");
  CHECK(display_text(Cell::percent(100.0 * 55 / 115, 2)) == "47,83");
  CHECK(display_text(Cell::percent(100.0 * 55 / 115, 2, ntm::Rounding::Truncate)) == "47,82");
  CHECK(rounded_value(Cell::percent(100.0 * 55 / 115, 2, ntm::Rounding::Truncate)) == doctest::Approx(47.82));
  CHECK(display_text(Cell::decimal(11.7478, 2)) == "11,75");
  CHECK(display_text(Cell::decimal(std::nan(""), 2)).empty());
  CHECK(resolve(Cell::integer(5)) == Align::Right);
  CHECK(resolve(Cell::of_text("x")) == Align::Left);

  Header h;
  h.place = "Điện Biên";
  h.date = "31/12/2020";
  CHECK(place_and_date(h) == "Điện Biên, ngày 31 tháng 12 năm 2020");
}

TEST_CASE("report: merged headers are laid out and flattened") {
  Document d = sample_document();
  const Table& t = std::get<Table>(d.blocks[9]);
  HeaderLayout layout = layout_header(t);
  CHECK(layout.rows == 2);
  CHECK(layout.cols == 5);
  REQUIRE(layout.cells.size() == 6);
  CHECK(layout.cells[4].row == 1);
  CHECK(layout.cells[4].col == 3);  // "Số lượng" goes under "Số xã đạt"
  CHECK(layout.cells[5].col == 4);
  std::vector<std::string> flat = flat_header(t);
  CHECK(flat == std::vector<std::string>{"TT", "Huyện", "Số xã", "Số xã đạt – Số lượng", "Số xã đạt – Tỷ lệ (%)"});
  std::vector<double> widths = column_widths(t);
  REQUIRE(widths.size() == 5);
  CHECK(widths[1] > widths[0]);
}

TEST_CASE("report: validation names the problem") {
  Document d;
  Table& t = d.add_table("Biểu 03. Thử");
  t.header = {{{"A", 1, 1}, {"B", 1, 2}}};
  t.rows = {{Cell::integer(1), Cell::integer(2)}};
  try {
    validate(d);
    FAIL("expected DocumentError");
  } catch (const DocumentError& e) {
    CHECK(std::string(e.what()) == "Bảng 'Biểu 03. Thử': dòng 1 có 2 cột, tiêu đề có 3 cột");
  }
  t.header = {{{"A", 3, 1}, {"B", 1, 2}}, {{"C", 1, 1}, {"D", 1, 1}}};
  CHECK_THROWS_WITH_AS(validate(d), doctest::Contains("gộp 3 dòng"), DocumentError);
  t.header = {{{"A", 2, 1}, {"B", 1, 2}}, {{"C", 1, 1}}};
  CHECK_THROWS_WITH_AS(validate(d), doctest::Contains("thiếu ô ở cột 3"), DocumentError);

  Document c;
  Chart& ch = c.add_chart(Chart::Kind::Column, "X");
  ch.categories = {"a", "b"};
  ch.series = {{"s", {1}}};
  CHECK_THROWS_WITH_AS(validate(c), doctest::Contains("có 1 giá trị, cần 2"), DocumentError);

  Document h;
  h.add_heading(5, "Sâu quá");
  CHECK_THROWS_AS(validate(h), DocumentError);

  TempDir dir;
  CHECK_THROWS_AS(write(d, dir.path / "x.docx"), DocumentError);
  CHECK(dir.names().empty());
}

TEST_CASE("report: docx is a valid WordprocessingML package") {
  TempDir dir;
  Document d = sample_document();
  fs::path out = dir.path / "bao-cao.docx";
  write(d, out);
  CHECK(dir.names() == std::vector<std::string>{"bao-cao.docx"});
  auto parts = unzip(out);
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/_rels/document.xml.rels", "word/footnotes.xml", "word/settings.xml",
                           "docProps/core.xml", "docProps/app.xml", "word/header1.xml", "word/charts/chart1.xml",
                           "word/charts/chart2.xml"})
    CHECK_MESSAGE(parts.count(name) == 1, name);
  CHECK(parts.size() == 12);
  for (const auto& [name, bytes] : parts) CHECK_MESSAGE(xml_problem(bytes) == "", name << ": " << xml_problem(bytes));
  const std::string& doc = parts["word/document.xml"];
  CHECK(doc.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>") != std::string::npos);
  CHECK(doc.find("w:left=\"1701\"") != std::string::npos);  // 30 mm
  CHECK(doc.find("<w:gridSpan w:val=\"2\"/>") != std::string::npos);
  CHECK(count(doc, "<w:vMerge w:val=\"restart\"/>") == 3);  // TT, Huyện, Số xã
  CHECK(count(doc, "<w:vMerge/>") == 3);
  CHECK(count(doc, "<w:tblHeader/>") >= 3);
  CHECK(doc.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
  CHECK(doc.find("Điện Biên, ngày 31 tháng 12 năm 2020") != std::string::npos);
  CHECK(doc.find("Số: 123/BC-BCĐ") != std::string::npos);
  CHECK(doc.find(">47,82<") != std::string::npos);
  CHECK(doc.find(">1.807.382<") != std::string::npos);
  CHECK(doc.find("<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1.336.596<") != std::string::npos);
  CHECK(doc.find("&lt;5% &amp; thu nhập &gt; 40") != std::string::npos);
  CHECK(doc.find("<w:footnoteReference w:id=\"1\"/>") != std::string::npos);
  CHECK(doc.find("<w:footnoteReference w:id=\"2\"/>") != std::string::npos);
  CHECK(doc.find("<w:br w:type=\"page\"/>") != std::string::npos);
  CHECK(doc.find("Nơi nhận:") != std::string::npos);
  CHECK(parts["word/footnotes.xml"].find("Sở Giao thông vận tải.") != std::string::npos);
  CHECK(parts["word/styles.xml"].find("w:ascii=\"Times New Roman\"") != std::string::npos);
  CHECK(parts["word/styles.xml"].find("<w:sz w:val=\"28\"/>") != std::string::npos);  // 14 pt
  CHECK(parts["word/settings.xml"].find("<w:footnote w:id=\"-1\"/>") != std::string::npos);
  CHECK(parts["[Content_Types].xml"].find("/word/footnotes.xml") != std::string::npos);
  CHECK(parts["docProps/core.xml"].find("2020-12-31T00:00:00Z") != std::string::npos);
  // Page numbers from the second page on; charts as DrawingML parts.
  CHECK(doc.find("<w:headerReference w:type=\"default\" r:id=\"rId3\"/>") != std::string::npos);
  CHECK(doc.find("<w:titlePg/>") != std::string::npos);
  CHECK(parts["word/header1.xml"].find(" PAGE ") != std::string::npos);
  CHECK(doc.find("<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"rIdChart2\"/>") !=
        std::string::npos);
  CHECK(parts["word/_rels/document.xml.rels"].find("Target=\"charts/chart2.xml\"") != std::string::npos);
  CHECK(parts["[Content_Types].xml"].find("/word/charts/chart1.xml") != std::string::npos);
  const std::string& chart1 = parts["word/charts/chart1.xml"];
  CHECK(chart1.find("<c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>") != std::string::npos);
  CHECK(chart1.find("<c:tx><c:v>Năm 2020</c:v></c:tx>") != std::string::npos);
  CHECK(chart1.find("<c:pt idx=\"2\"><c:v>55</c:v></c:pt>") != std::string::npos);
  CHECK(count(chart1, "<c:ser>") == 2);
  const std::string& chart2 = parts["word/charts/chart2.xml"];
  CHECK(chart2.find("<c:barDir val=\"bar\"/><c:grouping val=\"stacked\"/>") != std::string::npos);
  CHECK(chart2.find("<c:overlap val=\"100\"/>") != std::string::npos);

  // Reproducible: the same document gives the same bytes.
  fs::path again = dir.path / "lai.docx";
  write(d, again);
  CHECK(slurp(out) == slurp(again));

  // Without footnotes there is no footnotes part.
  Document plain;
  plain.add_paragraph("Không có chú thích.");
  write(plain, dir.path / "plain.docx");
  auto plain_parts = unzip(dir.path / "plain.docx");
  CHECK(plain_parts.count("word/footnotes.xml") == 0);
  CHECK(plain_parts["[Content_Types].xml"].find("footnotes") == std::string::npos);
  CHECK(xml_problem(plain_parts["word/document.xml"]) == "");
}

TEST_CASE("report: xlsx has numeric cells, merged headers, frozen panes and charts") {
  TempDir dir;
  Document d = sample_document();
  fs::path out = dir.path / "bieu.xlsx";
  write(d, out);
  CHECK(dir.names() == std::vector<std::string>{"bieu.xlsx"});
  auto parts = unzip(out);
  for (const auto& [name, bytes] : parts)
    if (name.size() > 4 && (name.ends_with(".xml") || name.ends_with(".rels")))
      CHECK_MESSAGE(xml_problem(bytes) == "", name << ": " << xml_problem(bytes));
  const std::string& wb = parts["xl/workbook.xml"];
  CHECK(wb.find("name=\"Biểu 01\"") != std::string::npos);
  CHECK(wb.find("name=\"Biểu 02\"") != std::string::npos);
  CHECK(wb.find("name=\"Biểu đồ 1\"") != std::string::npos);
  CHECK(wb.find("name=\"Biểu đồ 2\"") != std::string::npos);

  const std::string& s1 = parts["xl/worksheets/sheet1.xml"];
  // Title in row 1, header rows 2-3, body from row 4: figures are numbers, not strings.
  auto number = [](const SheetCell& c, const std::string& value) {
    CHECK(c.found);
    CHECK(c.type == "");
    CHECK(c.value == value);
  };
  number(sheet_cell(s1, "D8"), "55");
  number(sheet_cell(s1, "E8"), "0.4782");  // 47,82% truncated as the report prints it, as a fraction
  number(sheet_cell(s1, "C4"), "21");
  CHECK(sheet_cell(s1, "B4").type == "s");  // district names are (shared) strings
  CHECK(s1.find("<mergeCell ref=\"A1:E1\"/>") != std::string::npos);
  CHECK(s1.find("<mergeCell ref=\"A2:A3\"/>") != std::string::npos);
  CHECK(s1.find("<mergeCell ref=\"D2:E2\"/>") != std::string::npos);
  CHECK(s1.find("<mergeCell ref=\"A8:B8\"/>") != std::string::npos);  // "Toàn tỉnh"
  CHECK(s1.find("ySplit=\"3\"") != std::string::npos);
  CHECK(s1.find("state=\"frozen\"") != std::string::npos);
  CHECK(s1.find("<cols>") != std::string::npos);

  const std::string& s2 = parts["xl/worksheets/sheet2.xml"];
  number(sheet_cell(s2, "C4"), "546200");
  number(sheet_cell(s2, "D5"), "1336596");  // 1336596.4 rounded to the cell's 0 decimals
  CHECK(sheet_cell(s2, "E6").found);        // NaN: a blank cell that keeps its border
  CHECK(sheet_cell(s2, "E6").value == "");
  CHECK(parts["xl/sharedStrings.xml"].find("Số xã đạt") != std::string::npos);
  CHECK(parts["xl/sharedStrings.xml"].find("Đơn vị: triệu đồng") != std::string::npos);
  const std::string& styles = parts["xl/styles.xml"];
  CHECK(styles.find("formatCode=\"#,##0\"") != std::string::npos);
  CHECK(styles.find("formatCode=\"0.00%\"") != std::string::npos);   // percentages shown with Excel's % format
  CHECK(styles.find("formatCode=\"0.0%\"") != std::string::npos);
  CHECK(styles.find("Times New Roman") != std::string::npos);

  REQUIRE(parts.count("xl/charts/chart1.xml") == 1);
  REQUIRE(parts.count("xl/charts/chart2.xml") == 1);
  CHECK(parts["xl/charts/chart1.xml"].find("<c:barDir val=\"col\"/>") != std::string::npos);
  CHECK(parts["xl/charts/chart2.xml"].find("<c:barDir val=\"bar\"/>") != std::string::npos);
  CHECK(parts["xl/charts/chart2.xml"].find("<c:grouping val=\"stacked\"/>") != std::string::npos);
  CHECK(parts["docProps/core.xml"].find("2020-12-31T00:00:00Z") != std::string::npos);

  // Reproducible: libxlsxwriter stamps the zip entries with a fixed time.
  write(d, dir.path / "lai.xlsx");
  CHECK(slurp(out) == slurp(dir.path / "lai.xlsx"));
}

TEST_CASE("report: html, markdown and csv match their goldens") {
  TempDir dir;
  Document d = sample_document();
  write(d, dir.path / "bao-cao.html");
  write(d, dir.path / "bao-cao.md");
  write(d, dir.path / "bao-cao.csv");
  CHECK(dir.names() == std::vector<std::string>{"bao-cao-2.csv", "bao-cao.csv", "bao-cao.html", "bao-cao.md"});

  std::string html = slurp(dir.path / "bao-cao.html");
  CHECK(html.find("<th rowspan=\"2\">TT</th>") != std::string::npos);
  CHECK(html.find("<th colspan=\"2\">Số xã đạt</th>") != std::string::npos);
  CHECK(count(html, "<svg") == 2);
  CHECK(html.find("@page { size: A4") != std::string::npos);
  CHECK(html.find("&lt;5% &amp; thu nhập &gt; 40 triệu đồng là &quot;mục tiêu&quot;") != std::string::npos);
  CHECK(html.find("<td class=\"r b\">47,82</td>") != std::string::npos);
  CHECK(html.find("id=\"fn2\"") != std::string::npos);
  check_golden("sample.html", html);

  std::string md = slurp(dir.path / "bao-cao.md");
  CHECK(md.find("| TT | Huyện | Số xã | Số xã đạt – Số lượng | Số xã đạt – Tỷ lệ (%) |") != std::string::npos);
  CHECK(md.find("[^1]: Theo Báo cáo số 292/BC-SGTVT") != std::string::npos);
  CHECK(md.find("\\<5% & thu nhập \\> 40") != std::string::npos);
  check_golden("sample.md", md);

  std::string csv1 = slurp(dir.path / "bao-cao.csv");
  std::string csv2 = slurp(dir.path / "bao-cao-2.csv");
  CHECK(csv1.rfind("\xEF\xBB\xBFTT,Huyện,Số xã,Số xã đạt – Số lượng,Số xã đạt – Tỷ lệ (%)\r\n", 0) == 0);
  CHECK(csv1.find("Toàn tỉnh,,115,55,47.82\r\n") != std::string::npos);
  CHECK(csv2.find("1,\"Ngân sách Trung ương (đầu tư, sự nghiệp)\",546200,470786,86.2\r\n") != std::string::npos);
  CHECK(csv2.find("2,\"Vốn \"\"lồng ghép\"\"\",1336596,1336596,100.0\r\n") != std::string::npos);
  CHECK(csv2.find("3,Vốn tín dụng,74000,,\r\n") != std::string::npos);
  check_golden("sample.csv", csv1);
  check_golden("sample-2.csv", csv2);

  CHECK(csv_paths(d, "/x/y/bc.csv") == std::vector<fs::path>{"/x/y/bc.csv", "/x/y/bc-2.csv"});
  Document empty;
  empty.add_paragraph("Không có bảng.");
  CHECK_THROWS_WITH_AS(write(empty, dir.path / "rong.csv"), doctest::Contains("không có bảng nào"), WriteError);
}

TEST_CASE("report: errors leave nothing behind") {
  TempDir dir;
  Document d = sample_document();
  try {
    write(d, dir.path / "bao-cao.pdf");
    FAIL("expected WriteError");
  } catch (const WriteError& e) {
    CHECK(std::string(e.what()) == "Không hỗ trợ định dạng '.pdf' (chỉ .docx, .xlsx, .html, .md, .csv)");
  }
  CHECK(dir.names().empty());

  for (const char* name : {"bao-cao.docx", "bao-cao.xlsx", "bao-cao.md", "bao-cao.csv"}) {
    fs::path missing = dir.path / "khong-co" / name;
    try {
      write(d, missing);
      FAIL("expected WriteError");
    } catch (const WriteError& e) {
      CHECK(std::string(e.what()) == "Không ghi được tệp '" + missing.string() + "': thư mục không tồn tại");
    }
  }
  CHECK(dir.names().empty());

  // A folder in the way: the rename fails, the temporary file is removed.
  fs::create_directory(dir.path / "bao-cao.html");
  CHECK_THROWS_WITH_AS(write(d, dir.path / "bao-cao.html"), doctest::Contains("bao-cao.html"), WriteError);
  CHECK(dir.names() == std::vector<std::string>{"bao-cao.html"});

  // An existing file is replaced whole on success and untouched on failure.
  fs::path md = dir.path / "bao-cao.md";
  std::ofstream(md) << "cũ";
  Document bad = d;
  std::get<Table>(bad.blocks[9]).rows[0].pop_back();
  CHECK_THROWS_AS(write(bad, md), DocumentError);
  CHECK(slurp(md) == "cũ");
  write(d, md);
  CHECK(slurp(md) == to_markdown(d));
  CHECK(dir.names() == std::vector<std::string>{"bao-cao.html", "bao-cao.md"});
}

TEST_CASE("report: sparse documents and odd values still give valid files") {
  TempDir dir;
  Document empty;
  for (const char* name : {"rong.docx", "rong.xlsx", "rong.html", "rong.md"}) write(empty, dir.path / name);
  auto parts = unzip(dir.path / "rong.docx");
  CHECK(xml_problem(parts["word/document.xml"]) == "");
  CHECK(parts["word/document.xml"].find("CỘNG HÒA") == std::string::npos);  // no header block without data
  CHECK(parts["word/document.xml"].find("Nơi nhận") == std::string::npos);
  CHECK(unzip(dir.path / "rong.xlsx").count("xl/worksheets/sheet1.xml") == 1);
  CHECK(slurp(dir.path / "rong.md") == "# BÁO CÁO\n");

  // A table without header rows, a chart with a missing value and a negative one, text
  // with invalid UTF-8 and control characters.
  Document d;
  d.header.title = "Thử \x01ký tự \xff lạ";
  Table& t = d.add_table("");
  t.rows = {{Cell::of_text("a,b"), Cell::decimal(-0.004, 2)}, {Cell::of_text("c"), Cell::integer(3)}};
  Chart& c = d.add_chart(Chart::Kind::Column, "Âm & thiếu");
  c.categories = {"x", "y", "z"};
  c.series = {{"s", {1, std::nan(""), -2}}};
  for (const char* name : {"le.docx", "le.xlsx", "le.html", "le.md", "le.csv"}) write(d, dir.path / name);
  auto le = unzip(dir.path / "le.docx");
  for (const auto& [name, bytes] : le) CHECK_MESSAGE(xml_problem(bytes) == "", name << ": " << xml_problem(bytes));
  CHECK(le["word/document.xml"].find("Thử ký tự \xEF\xBF\xBD lạ") != std::string::npos);
  CHECK(le["word/charts/chart1.xml"].find("<c:pt idx=\"2\"><c:v>-2</c:v></c:pt>") != std::string::npos);
  const std::string& chart = le["word/charts/chart1.xml"];
  CHECK(chart.substr(chart.find("<c:numLit>")).find("<c:pt idx=\"1\">") == std::string::npos);  // the gap
  auto lx = unzip(dir.path / "le.xlsx");
  for (const auto& [name, bytes] : lx)
    if (name.ends_with(".xml")) CHECK_MESSAGE(xml_problem(bytes) == "", name << ": " << xml_problem(bytes));
  CHECK(slurp(dir.path / "le.csv") == "\xEF\xBB\xBF\"a,b\",0.00\r\nc,3\r\n");
  std::string md = slurp(dir.path / "le.md");
  CHECK(md.find("|  |  |\n| --- | ---: |\n| a,b | 0,00 |") != std::string::npos);
  std::string html = slurp(dir.path / "le.html");
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Âm &amp; thiếu") != std::string::npos);
}

TEST_CASE("report: characters XML forbids never reach a file, and several outputs are written all or none") {
  TempDir dir;
  Document d;
  d.header.title = "Xã \xef\xbf\xbe\xef\xbf\xbf\x01 đỏ";   // U+FFFE, U+FFFF, a control character
  d.add_paragraph("đoạn \xef\xbf\xbe văn");
  Table& t = d.add_table("Bảng \xef\xbf\xbf");
  t.header.push_back({HeaderCell{"cột \x1b"}});
  t.rows.push_back({Cell::of_text("ô \xef\xbf\xbe")});
  write(d, dir.path / "a.docx");
  write(d, dir.path / "a.xlsx");
  write(d, dir.path / "a.html");
  for (const char* name : {"a.docx", "a.xlsx"})
    for (const auto& [part, bytes] : ntm::test::unzip(dir.path / name)) {
      CAPTURE(part);
      CHECK(bytes.find("\xef\xbf\xbe") == std::string::npos);
      CHECK(bytes.find("\xef\xbf\xbf") == std::string::npos);
      CHECK(bytes.find('\x1b') == std::string::npos);
    }
  std::string html = slurp(dir.path / "a.html");
  CHECK(html.find("\xef\xbf\xbe") == std::string::npos);
  CHECK(html.find("đoạn  văn") != std::string::npos);

  // Three outputs, the last of which cannot be written: none is left behind, and a file
  // that was there before stays as it was.
  TempDir out;
  std::ofstream(out.path / "b.md") << "cũ";
  std::vector<fs::path> paths{out.path / "b.md", out.path / "b.csv", out.path / "khong-co" / "b.html"};
  CHECK_THROWS_AS(write_all(sample_document(), paths), WriteError);
  CHECK(out.names() == std::vector<std::string>{"b.md"});
  CHECK(slurp(out.path / "b.md") == "cũ");
  write_all(sample_document(), {out.path / "b.md", out.path / "b.html"});
  CHECK(slurp(out.path / "b.md") == to_markdown(sample_document()));
  CHECK(fs::exists(out.path / "b.html"));
}

TEST_CASE("report: a layout cannot write without end") {
  Document d;
  for (int i = 0; i < 201; ++i) {
    Table& t = d.add_table("Bảng " + std::to_string(i));
    t.header.push_back({HeaderCell{"a"}});
    t.rows.push_back({Cell::integer(i)});
  }
  TempDir dir;
  CHECK_THROWS_WITH_AS(write(d, dir.path / "x.csv"), doctest::Contains("quá giới hạn 200 tệp"), WriteError);
  CHECK(dir.names().empty());
  Document wide;
  Table& t = wide.add_table("rộng");
  t.rows.push_back(std::vector<Cell>(kMaxColumns + 1, Cell::integer(1)));
  CHECK_THROWS_WITH_AS(validate(wide), doctest::Contains("16384"), DocumentError);
}
