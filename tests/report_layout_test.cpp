// Tests for ntm.report (the document binding), `ntm report` and the shipped layouts
// (scripts/reports/annual.lua, dien-bien.lua, bac-giang.lua) on the two sample databases.
#include <doctest/doctest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/paths.h"
#include "app/run.h"
#include "lua/bind_report.h"
#include "lua/host.h"
#include "model/hash.h"
#include "support.h"

namespace fs = std::filesystem;
using ntm::test::slurp;
using ntm::test::unzip;
using ntm::test::run_lua;
using ntm::test::sample_db;

namespace {

// A fresh folder under the test binary's temporary folder.
fs::path fresh_dir(const std::string& name) {
  static int counter = 0;
  fs::path dir = ntm::test::temp_dir() / ("layout-" + name + "-" + std::to_string(++counter));
  fs::create_directories(dir);
  return dir;
}


std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }


// A small well-formedness check: tags nest and close in order, one root element.
bool well_formed(const std::string& xml) {
  std::vector<std::string> open;
  int roots = 0;
  std::size_t i = 0;
  while ((i = xml.find('<', i)) != std::string::npos) {
    if (xml.compare(i, 4, "<!--") == 0) { i = xml.find("-->", i); if (i == std::string::npos) return false; continue; }
    if (xml.compare(i, 2, "<?") == 0) { i = xml.find("?>", i); if (i == std::string::npos) return false; continue; }
    std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return false;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return false;
      open.pop_back();
      continue;
    }
    bool self_closing = tag.back() == '/';
    std::string name = tag.substr(0, tag.find_first_of(" \t\r\n/"));
    if (open.empty()) ++roots;
    if (!self_closing) open.push_back(name);
  }
  return open.empty() && roots == 1;
}

// Runs `ntm report LAYOUT` on a sample with `outputs` (file names in a fresh folder).
struct Rendered {
  ntm::test::Command command;
  fs::path dir;
};

Rendered render(const std::string& layout, const std::string& sample, const std::string& province,
                const std::vector<std::string>& outputs) {
  Rendered r;
  r.dir = fresh_dir(layout);
  std::string args = "--db " + quoted(sample_db(sample)) + " -v report " + layout + " --province '" + province + "' --year 2020";
  for (const auto& o : outputs) args += " -o " + o;
  r.command = ntm::test::ntm(args, r.dir);
  return r;
}

// Runs a snippet that returns a document and hands back its C++ copy.
ntm::report::Document document_of(const std::string& source) {
  fs::path script = ntm::test::temp_dir() / "doc-snippet.lua";
  {
    std::ofstream out(script, std::ios::binary);
    out << source;
  }
  std::ostringstream out, err;
  ntm::report::Document doc;
  ntm::app::run_script(ntm::test::reference_db(), script, {}, {}, out, err, [&](ntm::lua::Host& host) {
    doc = ntm::lua::returned_document(host.state(), -1, script.string());
  });
  return doc;
}

}  // namespace

TEST_CASE("ntm.report: a script's document reaches C++ intact") {
  auto doc = document_of(R"LUA(
    local doc = ntm.report.document{ issuer = {"UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"}, number = "12/BC-BCĐ",
                                     place = "Điện Biên", date = "2020-12-31", title = "Kết quả năm 2020" }
    doc:heading(2, "%s. KẾT QUẢ", "II")
    doc:paragraph("Có %d xã đạt chuẩn nông thôn mới, đạt %s.", 21, ntm.fmt.percent(21, 115, {decimals = 2, mode = "truncate"}))
    doc:paragraph("đạt 100%")
    doc:paragraph{ "Có ", {bold = "21 xã"}, " đạt chuẩn", {footnote = "Theo các quyết định công nhận."}, ".", align = "center" }
    doc:bullet("Giao thông")
    doc:bullet{ level = 1, "Vốn trong nước" }
    doc:list{ numbered = true, items = { "Một", {level = 1, {italic = "Hai"}} } }
    doc:table{ title = "Biểu 01", unit = "Đơn vị: xã",
      header = { {{"TT", rowspan = 2}, {"Huyện", rowspan = 2}, {"Số xã đạt", colspan = 2}}, {"Số lượng", "Tỷ lệ (%)"} },
      rows = { {1, "Mường Nhé", 3, {value = 27.2727, kind = "percent", decimals = 2, mode = "truncate"}},
               {2, "Nậm Pồ", nil, 11.5} },
      totals = { {text = "Toàn tỉnh", colspan = 2}, 21, {value = 18.26, kind = "percent"} },
      widths = {5, 20, 10, 10}, decimals = 1 }
    doc:chart{ kind = "bar", stacked = true, title = "Nhóm", categories = {"A", "B"},
               series = { {name = "19", values = {1, 2}}, {name = "15-18", values = {3, 4}} } }
    doc:page_break()
    doc:sign_off{ recipients = {"Lưu: VT."}, role = "TM. BAN CHỈ ĐẠO", name = "Nguyễn Văn An" }
    return doc
  )LUA");
  using namespace ntm::report;
  CHECK(doc.header.issuer == std::vector<std::string>{"UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"});
  CHECK(doc.header.number == "12/BC-BCĐ");
  CHECK(doc.header.kind == "BÁO CÁO");
  REQUIRE(doc.blocks.size() == 9);
  CHECK(std::get<Heading>(doc.blocks[0]).text == "II. KẾT QUẢ");
  CHECK(std::get<Heading>(doc.blocks[0]).level == 2);
  CHECK(std::get<Paragraph>(doc.blocks[1]).runs[0].text == "Có 21 xã đạt chuẩn nông thôn mới, đạt 18,26%.");
  CHECK(std::get<Paragraph>(doc.blocks[2]).runs[0].text == "đạt 100%");
  const auto& runs = std::get<Paragraph>(doc.blocks[3]);
  REQUIRE(runs.runs.size() == 5);
  CHECK(runs.align == Align::Center);
  CHECK(runs.runs[1].bold);
  CHECK(runs.runs[1].text == "21 xã");
  CHECK(runs.runs[3].text.empty());
  CHECK(runs.runs[3].footnote == "Theo các quyết định công nhận.");
  const auto& bullets = std::get<List>(doc.blocks[4]);
  CHECK_FALSE(bullets.numbered);
  REQUIRE(bullets.items.size() == 2);   // the second bullet joined the first list
  CHECK(bullets.items[1].level == 1);
  const auto& numbered = std::get<List>(doc.blocks[5]);
  CHECK(numbered.numbered);
  CHECK(numbered.items[1].runs[0].italic);
  const auto& t = std::get<Table>(doc.blocks[6]);
  CHECK(t.header.size() == 2);
  CHECK(t.header[0][2].colspan == 2);
  CHECK(t.header[0][0].rowspan == 2);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][0].number_kind == NumberKind::Integer);
  CHECK(t.rows[0][3].number_kind == NumberKind::Percent);
  CHECK(display_text(t.rows[0][3]) == "27,27");
  CHECK(t.rows[1][2].kind == Cell::Kind::Empty);   // a nil hole is an empty cell
  CHECK(display_text(t.rows[1][3]) == "11,5");      // table-wide decimals = 1
  CHECK(t.totals[0].colspan == 2);
  const auto& c = std::get<Chart>(doc.blocks[7]);
  CHECK(c.kind == Chart::Kind::Bar);
  CHECK(c.stacked);
  CHECK(c.series[1].values == std::vector<double>{3, 4});
  CHECK(std::holds_alternative<PageBreak>(doc.blocks[8]));
  CHECK(doc.sign_off.signer_role == std::vector<std::string>{"TM. BAN CHỈ ĐẠO"});
  CHECK(doc.sign_off.signer_name == "Nguyễn Văn An");
}

TEST_CASE("ntm.report: bad arguments give Vietnamese errors naming the method and the value") {
  struct Case {
    const char* code;
    std::vector<const char*> words;
  };
  const Case cases[] = {
      {"doc:heading(7, 'x')", {"doc:heading", "từ 1 đến 4", "số 7"}},
      {"doc.heading(1, 'x')", {"doc:heading", "dấu hai chấm"}},
      {"doc:paragraph(42.5)", {"doc:paragraph", "phải là chuỗi", "42,5"}},
      {"doc:paragraph('%d xã', 'abc')", {"doc:paragraph", "number expected"}},
      {"doc:paragraph{ 'a', 3.25 }", {"doc:paragraph", "phần thứ 2", "ntm.fmt"}},
      {"doc:paragraph{ {bold = 5} }", {"doc:paragraph", "bold", "số 5"}},
      {"doc:list{ items = {} }", {"doc:list", "không có mục"}},
      {"doc:table{ title = 'Biểu 02', header = {'A', 'B'}, rows = { {1, {value = 2, kind = 'percentt'}} } }",
       {"doc:table 'Biểu 02'", "dòng 1, ô 2", "percentt"}},
      {"doc:table{ title = 'Biểu 03', header = {'A', 'B'}, rows = { {1, 2, 3} } }", {"doc:table", "Biểu 03", "3 cột"}},
      {"doc:table{ title = 'Biểu 04', rows = { {1, {value = 'x'}} } }", {"value phải là số", "chuỗi \"x\""}},
      {"doc:chart{ kind = 'pie', categories = {'a'}, series = {} }", {"doc:chart", "pie"}},
      {"doc:chart{ categories = {'a', 'b'}, series = { {name = 's', values = {1}} } }", {"doc:chart", "dãy 's'"}},
      {"doc:sign_off{ role = 5 }", {"doc:sign_off", "role", "số 5"}},
      {"ntm.report.document{ titel = 'x' }", {"ntm.report.document", "titel", "title"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.code);
    auto r = run_lua(std::string("local doc = ntm.report.document{}\n") + c.code + "\n", ntm::test::reference_db(), {},
                     "bad_report");
    REQUIRE_FALSE(r.ok);
    CHECK(r.message.find("bad_report.lua:2:") != std::string::npos);
    for (const char* w : c.words) {
      CAPTURE(w);
      CHECK(r.message.find(w) != std::string::npos);
    }
  }
  // Scripts cannot reach or replace the metatable (and so its __gc).
  auto meta = run_lua("local doc = ntm.report.document{}\nreturn getmetatable(doc) == false or error('visible')\n");
  CHECK(meta.ok);
  auto readonly = run_lua("ntm.report.document = nil\n");
  CHECK_FALSE(readonly.ok);
  CHECK(readonly.message.find("ntm.report") != std::string::npos);
}

TEST_CASE("ntm.report: many documents are created and collected") {
  // The collector frees them through the host's __gc while the script runs (the C++ objects
  // live outside the Lua heap: a leak or a double free shows under NTM_SANITIZE).
  ntm::lua::Limits limits;
  limits.memory_bytes = 32u << 20;
  auto r = run_lua(R"LUA(
    for i = 1, 20000 do
      local d = ntm.report.document{ title = "t" .. i }
      d:paragraph("xã %d", i)
      d:table{ header = {"A"}, rows = { {i} } }
    end
    local d = ntm.report.document{ title = "cuối" }
    print(tostring(d))
  )LUA", ntm::test::reference_db(), limits);
  REQUIRE(r.ok);
  CHECK(r.out.find("ntm.Document: cuối") != std::string::npos);
}

TEST_CASE("ntm report annual: docx, xlsx and html from the Điện Biên sample") {
  auto r = render("annual", "dien-bien-2020", "Điện Biên", {"bc.docx", "bieu.xlsx", "bc.html"});
  INFO(r.command.err);
  REQUIRE(r.command.status == 0);
  CHECK(r.command.out.empty());   // the files are the result; what was written is said on standard error
  CHECK(r.command.err.find("Đã ghi bc.docx, bieu.xlsx, bc.html\n") != std::string::npos);

  auto docx = unzip(r.dir / "bc.docx");
  REQUIRE(docx.count("word/document.xml") == 1);
  const std::string& body = docx["word/document.xml"];
  CHECK(well_formed(body));
  CHECK(body.find("UBND TỈNH ĐIỆN BIÊN") != std::string::npos);
  CHECK(body.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
  CHECK(body.find("BÁO CÁO") != std::string::npos);
  CHECK(body.find("Có 21 xã đạt chuẩn nông thôn mới, đạt 18,26%") != std::string::npos);
  CHECK(body.find("Biểu 01") != std::string::npos);

  // The annex tables hold numbers, not text: the funding total and a criterion percentage.
  auto xlsx = unzip(r.dir / "bieu.xlsx");
  bool total = false, percent = false;
  for (const auto& [name, bytes] : xlsx) {
    if (name.rfind("xl/worksheets/sheet", 0) != 0) continue;
    CHECK(well_formed(bytes));
    total = total || bytes.find("<v>1986281</v>") != std::string::npos;
    percent = percent || bytes.find("<v>0.4783</v>") != std::string::npos;   // 47,83% as a fraction
  }
  CHECK(total);
  CHECK(percent);
  CHECK(xlsx["xl/sharedStrings.xml"].find("1.986.281") == std::string::npos);
  CHECK(xlsx["xl/sharedStrings.xml"].find("Biểu 03") != std::string::npos);

  std::string html = slurp(r.dir / "bc.html");
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("55/115 xã đạt (47,83%), tăng 7 xã so với năm 2019") != std::string::npos);

  // Provenance: each file names the scripts that made it with their SHA-256, the same
  // lines the command printed, and no absolute path of this machine.
  std::string layout_hash = ntm::sha256_hex(slurp(fs::path(NTM_SOURCE_DIR) / "scripts" / "reports" / "annual.lua"));
  std::string line = layout_hash + "  reports/annual.lua";
  CHECK(r.command.err.find("[ntm] sha256 " + line) != std::string::npos);
  CHECK(r.command.err.find("lib/annual_data.lua") != std::string::npos);
  CHECK(docx["docProps/core.xml"].find("<dc:description>ntm: ") != std::string::npos);
  CHECK(docx["docProps/core.xml"].find(line) != std::string::npos);
  CHECK(docx["docProps/core.xml"].find(NTM_SOURCE_DIR) == std::string::npos);
  CHECK(xlsx["docProps/core.xml"].find(line) != std::string::npos);
  CHECK(html.find("<meta name=\"ntm-scripts\" content=\"") != std::string::npos);
  CHECK(html.find(line) != std::string::npos);
}

TEST_CASE("ntm report dien-bien: truncated percentages and the province's wording") {
  auto r = render("dien-bien", "dien-bien-2020", "dien bien", {"bc.md"});
  INFO(r.command.err);
  REQUIRE(r.command.status == 0);
  std::string md = slurp(r.dir / "bc.md");
  CHECK(md.find("Có 21 xã đạt chuẩn nông thôn mới, đạt 18,26%") != std::string::npos);
  CHECK(md.find("55/115 xã đạt tiêu chí số 2 về giao thông (đạt 47,82%), tăng 7 xã so với năm 2019.") != std::string::npos);
  CHECK(md.find("102/115 xã đạt tiêu chí số 7") != std::string::npos);
  CHECK(md.find("(đạt 88,69%), tăng 8 xã") != std::string::npos);    // 88,695... truncated
  CHECK(md.find("(đạt 40%), tăng 3 xã") != std::string::npos);       // 46/115 = 40 exactly
  CHECK(md.find("số tiêu chí bình quân đạt 11,75 tiêu chí/xã") != std::string::npos);
  CHECK(md.find("số tiêu chí bình quân đạt 12,52 tiêu chí/xã. Trong đó, huyện Mường Nhé 11,67 tiêu chí/xã, "
                "huyện Mường Chà 15 tiêu chí/xã, huyện Điện Biên 13,92 tiêu chí/xã, huyện Nậm Pồ 10,12 tiêu chí/xã") !=
        std::string::npos);
  CHECK(md.find("Vốn đầu tư phát triển: giải ngân 390.193/460.300 triệu đồng, đạt 84,76% kế hoạch giao.") != std::string::npos);
  CHECK(md.find("Tổng nguồn vốn huy động thực hiện Chương trình năm 2020 là 1.986.281 triệu đồng") != std::string::npos);
  CHECK(md.find("Chưa có xã nào đạt xã nông thôn mới nâng cao, kiểu mẫu.") != std::string::npos);
  CHECK(md.find("Biểu 01. Kết quả huy động nguồn lực") != std::string::npos);   // funding is Biểu 01
  // 2020 results are compared with the 2020 plan only (the sample has none); the 2021 plan
  // is a target of Phần thứ hai.
  CHECK(md.find("kế hoạch năm 2021 (23 xã)") == std::string::npos);
  CHECK(md.find("Số xã đạt chuẩn nông thôn mới: 23 xã (năm 2020: 21 xã)") != std::string::npos);
}

TEST_CASE("ntm report bac-giang: percentages rounded to one decimal") {
  auto r = render("bac-giang", "bac-giang-2020", "Bắc Giang", {"bc.md"});
  INFO(r.command.err);
  REQUIRE(r.command.status == 0);
  std::string md = slurp(r.dir / "bc.md");
  CHECK(md.find("151 xã đạt tiêu chí hộ nghèo (chiếm 82,1%)") != std::string::npos);
  CHECK(md.find("154 xã đạt tiêu chí giao thông (chiếm 83,7%)") != std::string::npos);
  CHECK(md.find("184 xã đạt tiêu chí y tế (chiếm 100%)") != std::string::npos);
  CHECK(md.find("toàn tỉnh có 127/184 xã đạt chuẩn, chiếm 69%") != std::string::npos);
  CHECK(md.find("Đạt 16,3 tiêu chí/xã, tăng 0,5 tiêu chí/xã so với năm 2019; không còn xã đạt dưới 10 tiêu chí, "
                "giảm 9 xã so với năm 2019.") != std::string::npos);
  CHECK(md.find("Ngân sách trung ương: 620.260 triệu đồng, chiếm 48,7%") != std::string::npos);
  CHECK(md.find("Cộng đồng dân cư: 140.130 triệu đồng, chiếm 11,0%") != std::string::npos);
  CHECK(md.find("Có thêm 32 thôn nông thôn mới (huyện Hiệp Hòa 20 thôn, Yên Thế 11 thôn, Lục Ngạn 1 thôn), lũy kế 154 thôn.") !=
        std::string::npos);
  CHECK(md.find("24 sản phẩm 4 sao (chiếm 25,3%); 71 sản phẩm 3 sao (chiếm 74,7%)") != std::string::npos);
  CHECK(md.find("Tân Yên") != std::string::npos);
}

TEST_CASE("every shipped layout renders on both samples") {
  std::vector<std::string> layouts;
  for (const auto& e : fs::directory_iterator(ntm::app::data_dir() / "scripts" / "reports"))
    if (e.path().extension() == ".lua" && e.path().stem() != "ho-so-xa" && e.path().stem() != "ca-nuoc" &&
        e.path().stem() != "giai-doan")   // their own tests (giai-doan: periods_test)
      layouts.push_back(e.path().stem().string());
  std::sort(layouts.begin(), layouts.end());
  REQUIRE(layouts.size() >= 3);
  const std::pair<const char*, const char*> samples[] = {{"dien-bien-2020", "Điện Biên"}, {"bac-giang-2020", "Bắc Giang"}};
  for (const auto& layout : layouts) {
    for (const auto& [sample, province] : samples) {
      CAPTURE(layout);
      CAPTURE(sample);
      auto r = render(layout, sample, province, {"bc.md", "bc.html"});
      INFO(r.command.err);
      REQUIRE(r.command.status == 0);
      std::string md = slurp(r.dir / "bc.md"), html = slurp(r.dir / "bc.html");
      CHECK(md.find("BÁO CÁO") != std::string::npos);
      CHECK(md.find(std::string(province)) != std::string::npos);
      CHECK(md.find("tiêu chí/xã") != std::string::npos);
      CHECK(md.find("Biểu 01.") != std::string::npos);
      CHECK(html.find("</html>") != std::string::npos);
      CHECK(html.find("<svg") != std::string::npos);
    }
  }
}

TEST_CASE("ntm report ho-so-xa: one commune's criteria, indicators, history and money") {
  fs::path dir = fresh_dir("ho-so");
  auto r = ntm::test::ntm("--db " + quoted(sample_db("dien-bien-2020")) + " report ho-so-xa --commune 'muong phang' --year 2020 -o hs.md -o hs.docx", dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string md = slurp(dir / "hs.md");
  CHECK(md.find("Xã Mường Phăng") != std::string::npos);
  CHECK(md.find("Được công nhận đạt chuẩn nông thôn mới năm 2020.") != std::string::npos);
  CHECK(md.find("| 2.1 |") != std::string::npos);            // every indicator has a row
  CHECK(md.find("| **19** |") != std::string::npos);          // and every criterion
  CHECK(md.find("Số tiêu chí đạt qua các năm") != std::string::npos);   // 2019 and 2020 in the sample
  CHECK(unzip(dir / "hs.docx").count("word/document.xml") == 1);
  auto unknown = ntm::test::ntm("--db " + quoted(sample_db("dien-bien-2020")) + " report ho-so-xa --commune 'khong co xa nay' --year 2020 -o x.md", dir);
  // A commune the map does not have is the user's wrong --commune (exit 2), one line, no traceback.
  CHECK(unknown.status == 2);
  CHECK(unknown.err.rfind("Lỗi dòng lệnh: --commune khong co xa nay: không có xã 'khong co xa nay' trên bản đồ ngày 31/12/2020", 0) == 0);
  CHECK(std::count(unknown.err.begin(), unknown.err.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(dir / "x.md"));
  // A name that communes of several provinces share asks for the code or the province.
  auto shared = ntm::test::ntm("--db " + quoted(sample_db("dien-bien-2020")) + " report ho-so-xa --commune 'Tân Lập' --year 2020", dir);
  CHECK(shared.status == 2);
  CHECK(shared.err.find("xã tên 'Tân Lập': ") != std::string::npos);
  CHECK(shared.err.find("; ghi mã xã hoặc thêm tỉnh") != std::string::npos);
  // A code needs no province.
  auto code = ntm::test::ntm("--db " + quoted(sample_db("dien-bien-2020")) + " report ho-so-xa --commune 03166 --year 2020", dir);
  CHECK(code.status == 0);
  CHECK(code.out.find("Điện Biên") != std::string::npos);
}

TEST_CASE("ntm report: bad outputs and failing layouts write nothing") {
  const std::string db = "--db " + quoted(sample_db("dien-bien-2020"));
  const std::string base = db + " report annual --province 'Điện Biên' --year 2020";
  fs::path dir = fresh_dir("bad");

  auto ext = ntm::test::ntm(base + " -o bc.md -o bc.pdf", dir);
  CHECK(ext.status == 2);
  CHECK(ext.err.find(".pdf") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "bc.md"));   // checked before anything runs

  auto missing = ntm::test::ntm(base + " -o khong-co/bc.md", dir);
  CHECK(missing.status == 2);
  CHECK(missing.err.find("khong-co") != std::string::npos);

  auto unwritable = ntm::test::ntm(base + " -o bc.md -o /proc/bc.md", dir);
  CHECK(unwritable.status == 2);
  CHECK(unwritable.err.find("/proc") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "bc.md"));
  if (::geteuid() != 0) {
    fs::create_directories(dir / "ro");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    auto ro = ntm::test::ntm(base + " -o ro/bc.md", dir);
    CHECK(ro.status == 2);
    fs::permissions(dir / "ro", fs::perms::owner_all);
  }

  {
    std::ofstream out(dir / "hong.lua");
    out << "local doc = ntm.report.document{ title = 'x' }\ndoc:heading(1, 'ok')\nlocal t = nil\nt.x = 1\nreturn doc\n";
  }
  auto broken = ntm::test::ntm(db + " report ./hong.lua --province 'Điện Biên' --year 2020 -o bc.docx -o bc.md", dir);
  CHECK(broken.status == 1);
  CHECK(broken.err.find("hong.lua:4:") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "bc.docx"));
  CHECK_FALSE(fs::exists(dir / "bc.md"));

  {
    std::ofstream out(dir / "khong-tra.lua");
    out << "local doc = ntm.report.document{}\nreturn 5\n";
  }
  auto nothing = ntm::test::ntm(db + " report ./khong-tra.lua --province 'Điện Biên' --year 2020 -o bc.md", dir);
  CHECK(nothing.status == 1);
  CHECK(nothing.err.find("return doc") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "bc.md"));

  auto unknown = ntm::test::ntm(db + " report khong-co-mau --province 'Điện Biên' --year 2020 -o bc.md", dir);
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("annual") != std::string::npos);   // lists the layouts there are

  // Nothing else was left in the folder (no temporary files either).
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir)) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  CHECK(left == std::vector<std::string>{"hong.lua", "khong-tra.lua"});
}
