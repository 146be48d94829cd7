// ntm import / ntm export: CSV as Excel writes it, all-or-nothing imports, round trips.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/exporter.h"
#include "app/importer.h"
#include "model/csv.h"
#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;
using ntm::test::slurp;
using ntm::app::DecimalMark;

namespace {

fs::path db_copy(const std::string& sample, const std::string& name) {
  fs::path to = ntm::test::temp_dir() / ("import-" + name + ".db");
  fs::copy_file(ntm::test::sample_db(sample), to, fs::copy_options::overwrite_existing);
  return to;
}


void spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A fingerprint of the indicator values: count and sum, to see that nothing changed.
std::string values_fingerprint(const fs::path& db) {
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  auto s = d.prepare("SELECT count(*), printf('%.6f', total(value)), (SELECT count(*) FROM unit) FROM indicator_value");
  s.step();
  return s.get_text(0) + "/" + s.get_text(1) + "/" + s.get_text(2);
}

// Rewrites an exported CSV as Excel on a Vietnamese Windows saves it: ';' delimiter, decimal
// commas, and applies `edits` (commune code, column title → new cell text).
std::string as_excel_vn(const std::string& csv, const std::map<std::pair<std::string, std::string>, std::string>& edits) {
  auto file = ntm::app::read_csv_text(csv);
  // The line above the header says what the file holds ("Tỉnh: Điện Biên", ...).
  std::size_t h = file.rows[0].fields[0].rfind("Tỉnh:", 0) == 0 ? 1 : 0;
  const auto& head = file.rows[h].fields;
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t r = 0; r < file.rows.size(); ++r) {
    auto fields = file.rows[r].fields;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      if (r > h && c >= 3)
        for (char& ch : fields[c])
          if (ch == '.') ch = ',';
      if (r > h) {
        auto e = edits.find({fields[0], head[c]});
        if (e != edits.end()) fields[c] = e->second;
      }
      out += (c ? ";" : "") + fields[c];
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace

TEST_CASE("CSV text: BOM, delimiter, encoding, Excel's sep= line") {
  auto f = ntm::app::read_csv_text("\xEF\xBB\xBFMã xã;Tên xã\r\n03145;Thanh Minh\r\n;;\r\n");
  CHECK(f.bom);
  CHECK(f.delimiter == ';');
  REQUIRE(f.rows.size() == 2);   // the empty row Excel pads with is dropped
  CHECK(f.rows[1].fields[1] == "Thanh Minh");
  CHECK(f.rows[1].line == 2);

  auto sep = ntm::app::read_csv_text("sep=;\nA;B\n1,5;2\n");
  CHECK(sep.delimiter == ';');
  CHECK(sep.rows[1].line == 3);

  // "Mã xã" in Windows-1258: 'ã' is a single byte 0xE3, not UTF-8.
  try {
    ntm::app::read_csv_text("M\xE3 x\xE3,T\xEAn\n03145,A\n");
    FAIL("a Windows-1258 file was accepted");
  } catch (const std::runtime_error& e) {
    std::string m = e.what();
    CHECK(m.find("Tệp không phải UTF-8") != std::string::npos);
    CHECK(m.find("File > Save As") != std::string::npos);
    CHECK(m.find("CSV UTF-8") != std::string::npos);
  }
}

TEST_CASE("numbers as Excel writes them: decimal comma or point, thousands") {
  using ntm::app::parse_number;
  CHECK(*parse_number("11,75", DecimalMark::Comma) == doctest::Approx(11.75));
  CHECK(*parse_number("1.986.281", DecimalMark::Comma) == 1986281);
  CHECK(*parse_number(" -3,5 ", DecimalMark::Comma) == doctest::Approx(-3.5));
  CHECK(*parse_number("1,986,281.5", DecimalMark::Point) == doctest::Approx(1986281.5));
  CHECK(*parse_number("1\xC2\xA0" "234", DecimalMark::Point) == 1234);   // no-break space
  CHECK_FALSE(parse_number("10.5", DecimalMark::Comma));    // a point in a decimal-comma file
  CHECK_FALSE(parse_number("1.23.4", DecimalMark::Comma));
  CHECK_FALSE(parse_number("abc", DecimalMark::Point));
  CHECK_FALSE(parse_number("", DecimalMark::Point));

  using ntm::app::detect_decimal;
  CHECK(detect_decimal({"3,5", "12"}, ',') == DecimalMark::Comma);
  CHECK(detect_decimal({"3.5", "1.0"}, ';') == DecimalMark::Point);
  CHECK(detect_decimal({"1.986.281"}, ',') == DecimalMark::Comma);
  CHECK(detect_decimal({"1.234"}, ';') == DecimalMark::Comma);   // no evidence: the delimiter decides
  CHECK(detect_decimal({"1.234"}, ',') == DecimalMark::Point);
}

TEST_CASE("export, edit three values in Excel's Vietnamese CSV, import, check reflects it") {
  fs::path db = db_copy("dien-bien-2020", "roundtrip");
  fs::path dir = ntm::test::temp_dir();
  std::string q = " --db '" + db.string() + "'";
  auto exp = ntm::test::ntm("export indicators --province 'Điện Biên' --year 2020 -o '" + (dir / "x.csv").string() + "'" + q);
  REQUIRE(exp.status == 0);
  std::string csv = slurp(dir / "x.csv");
  CHECK(csv.rfind("\xEF\xBB\xBFTỉnh: Điện Biên,Mã tỉnh: 11,Năm: 2020,Bộ tiêu chí: 1980-xa,Bản đồ ngày: 31/12/2020\r\n"
                  "Mã xã,Tên xã,Huyện,CT 1.1,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 117);   // what it holds, header, 115 communes

  auto before = nlohmann::json::parse(ntm::test::ntm("check --province 11 --year 2020 --format json --no-rules" + q).out);
  REQUIRE(before["criteria"]["10"] == 24);

  // 03166 Chà Cang has 36,1 million VND per person: met (TDMNPB threshold 36). 35,5 fails.
  std::string edited = as_excel_vn(csv, {{{"03166", "CT 10.1"}, "35,5"},
                                         {{"03145", "CT 17.1"}, "91,5"},
                                         {{"03154", "CT 17.1"}, "99"}});
  spit(dir / "x-vn.csv", edited);
  std::string file = " '" + (dir / "x-vn.csv").string() + "' --province 'dien bien' --year 2020" + q;

  auto dry = ntm::test::ntm("import indicators" + file + " --dry-run");
  CHECK(dry.status == 0);
  CHECK(dry.out.find("3 thay đổi: 0 thêm mới, 3 cập nhật, 5747 không đổi") != std::string::npos);
  CHECK(dry.out.find("dấu phân cách ';', số thập phân dùng dấu phẩy") != std::string::npos);
  CHECK(dry.out.find("Xã Chà Cang (03166) 10.1: 36,1 → 35,5") != std::string::npos);
  auto unchanged = nlohmann::json::parse(ntm::test::ntm("check --province 11 --year 2020 --format json --no-rules" + q).out);
  CHECK(unchanged["criteria"]["10"] == 24);   // a dry run writes nothing

  auto imp = ntm::test::ntm("import indicators" + file);
  CHECK(imp.status == 0);
  CHECK(imp.out.find("3 thay đổi") != std::string::npos);
  CHECK(imp.out.find("Xã Thanh Minh (03145) 17.1: 90,6 → 91,5") != std::string::npos);

  auto after = nlohmann::json::parse(ntm::test::ntm("check --province 11 --year 2020 --format json --no-rules" + q).out);
  CHECK(after["criteria"]["10"] == 23);
  CHECK(after["criteria"]["17"] == before["criteria"]["17"]);

  // The same file again changes nothing.
  auto again = ntm::test::ntm("import indicators" + file);
  CHECK(again.status == 0);
  CHECK(again.out.find("0 thay đổi: 0 thêm mới, 0 cập nhật, 5750 không đổi") != std::string::npos);
}

TEST_CASE("an import into a year where some communes have values and others none counts and writes each row right") {
  // The importer skips the per-row lookup for a commune-year with no values at all; a commune
  // with values still has each row compared. Half the communes lose their 2020 values, one
  // value of a commune that kept its values is edited, and the file holds every commune.
  fs::path db = db_copy("dien-bien-2020", "mixed");
  fs::path dir = ntm::test::temp_dir();
  std::string q = " --db '" + db.string() + "'";
  REQUIRE(ntm::test::ntm("export indicators --province 'Điện Biên' --year 2020 -o '" + (dir / "m.csv").string() + "'" + q).status == 0);
  std::string full = values_fingerprint(db);
  std::int64_t removed = 0;
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    d.exec("DELETE FROM indicator_value WHERE year = 2020 AND unit_id IN "
           "(SELECT id FROM unit WHERE kind = 'commune' AND CAST(code AS INTEGER) % 2 = 0)");
    removed = d.changes();
  }
  REQUIRE(removed > 0);
  // 03145 (odd) kept its values; its 17.1 goes from 90,6 to 91,5.
  spit(dir / "m-vn.csv", as_excel_vn(slurp(dir / "m.csv"), {{{"03145", "CT 17.1"}, "91,5"}}));
  auto imp = ntm::test::ntm("import indicators '" + (dir / "m-vn.csv").string() + "'" + q);
  INFO(imp.out, imp.err);
  REQUIRE(imp.status == 0);
  CHECK(imp.out.find(std::to_string(removed + 1) + " thay đổi: " + std::to_string(removed) + " thêm mới, 1 cập nhật, " +
                     std::to_string(5750 - removed - 1) + " không đổi") != std::string::npos);
  // Every value back, with the one edit: the same count, the sum up by 0,9.
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  auto s = d.prepare("SELECT count(*), value FROM indicator_value v JOIN unit u ON u.id = v.unit_id "
                     "WHERE u.code = '03145' AND v.year = 2020 AND v.indicator = '17.1'");
  REQUIRE(s.step());
  CHECK(s.get_double(1) == doctest::Approx(91.5));
  CHECK(values_fingerprint(db).substr(0, full.find('/')) == full.substr(0, full.find('/')));
}

TEST_CASE("a file with two bad rows is refused whole, naming both rows") {
  fs::path db = db_copy("dien-bien-2020", "bad-rows");
  fs::path dir = ntm::test::temp_dir();
  std::string q = " --db '" + db.string() + "'";
  std::string csv = "\xEF\xBB\xBFMã xã;Tên xã;Huyện;CT 10.1;CT 17.1\r\n"
                    "03145;Thanh Minh;Điện Biên Phủ;40;95\r\n"       // fine: would change 2 values
                    "03154;Sín Thầu;Mường Nhé;abc;90\r\n"           // line 3: not a number
                    "99999;Không Có;;20;20\r\n"                     // line 4: unknown commune
                    "03166;Chà Cang;Nậm Pồ;36,1;150\r\n";           // line 5: 150 % out of range
  spit(dir / "bad.csv", csv);
  std::string fp = values_fingerprint(db);
  auto r = ntm::test::ntm("import indicators '" + (dir / "bad.csv").string() + "' --province 11 --year 2020" + q);
  CHECK(r.status == 1);
  CHECK(r.err.find("3 lỗi; không nhập dòng nào") != std::string::npos);
  CHECK(r.err.find("dòng 3, cột 'CT 10.1': 'abc' không phải số") != std::string::npos);
  CHECK(r.err.find("dòng 4, cột 'Mã xã': tỉnh Điện Biên không có xã nào mã '99999' trên bản đồ ngày 31/12/2020 (mã xã có 5 chữ số, ví dụ 03166)") != std::string::npos);
  CHECK(r.err.find("dòng 5, cột 'CT 17.1': giá trị 150 ngoài khoảng hợp lý") != std::string::npos);
  CHECK(values_fingerprint(db) == fp);
}

TEST_CASE("units matched by name within a district, accents optional; unknown names suggest") {
  fs::path db = db_copy("dien-bien-2020", "names");
  fs::path dir = ntm::test::temp_dir();
  std::string q = " --db '" + db.string() + "'";
  // Long form, English headers, no codes: name + district.
  spit(dir / "long.csv", "commune,district,indicator,value,Người nhập\r\nCha Cang,nam po,10.1,30,An\r\nthanh minh,,17.1,91.5,\r\n");
  auto r = ntm::test::ntm("import indicators '" + (dir / "long.csv").string() + "' --province 11 --year 2020" + q);
  CHECK(r.status == 0);
  CHECK(r.out.find("Xã Chà Cang (03166) 10.1: 36,1 → 30") != std::string::npos);
  CHECK(r.out.find("2 thay đổi") != std::string::npos);
  CHECK(r.out.find("Bỏ qua các cột không dùng cho indicators: 'Người nhập'.") != std::string::npos);

  spit(dir / "typo.csv", "Tên xã,Huyện,CT 10.1\r\nCha Cangg,Nậm Pồ,30\r\nCha Cang,Tuan Giao,30\r\n");
  auto t = ntm::test::ntm("import indicators '" + (dir / "typo.csv").string() + "' --province 11 --year 2020" + q);
  CHECK(t.status == 1);
  CHECK(t.err.find("dòng 2, cột 'Tên xã': không có đơn vị tên 'Cha Cangg' trong Huyện Nậm Pồ (bản đồ ngày 31/12/2020); có phải: Chà Cang") !=
        std::string::npos);
  CHECK(t.err.find("dòng 3, cột 'Tên xã': không có đơn vị tên 'Cha Cang' trong Huyện Tuần Giáo") != std::string::npos);

  // A title line above the header, as districts send them.
  spit(dir / "title.csv", "BIỂU TỔNG HỢP THU NHẬP 2020\r\nMã xã;Tên xã;CT 10.1\r\n03166;Chà Cang;37,5\r\n");
  auto title = ntm::test::ntm("import indicators '" + (dir / "title.csv").string() + "' --province 11 --year 2020" + q);
  CHECK(title.status == 0);
  CHECK(title.out.find("dòng 3: Xã Chà Cang (03166) 10.1: 30 → 37,5") != std::string::npos);
}

TEST_CASE("an ambiguous commune name lists the candidates") {
  // Bắc Giang has a Phúc Sơn in Tân Yên and another in Sơn Động.
  fs::path db = db_copy("bac-giang-2020", "ambiguous");
  fs::path dir = ntm::test::temp_dir();
  spit(dir / "amb.csv", "Tên xã,CT 10.1\r\nPhuc Son,50\r\n");
  auto r = ntm::test::ntm("import indicators '" + (dir / "amb.csv").string() + "' --province 'Bắc Giang' --year 2020 --db '" +
                          db.string() + "'");
  CHECK(r.status == 1);
  CHECK(r.err.find("tên 'Phuc Son' trùng 2 đơn vị trong tỉnh Bắc Giang (bản đồ ngày 31/12/2020): Xã Phúc Sơn (07318), Huyện Tân Yên; "
                   "Xã Phúc Sơn (07618), Huyện Sơn Động") != std::string::npos);
}

TEST_CASE("every kind exports and imports back unchanged") {
  fs::path db = db_copy("dien-bien-2020", "kinds");
  fs::path dir = ntm::test::temp_dir();
  std::string q = " --db '" + db.string() + "'";
  for (const auto& kind : ntm::app::import_kinds())
  for (const std::string ext : {".csv", ".xlsx"}) {
    CAPTURE(kind);
    CAPTURE(ext);
    fs::path file = dir / ("k-" + kind + ext);
    auto e = ntm::test::ntm("export " + kind + " --province 11 --year 2020 --delimiter ';' -o '" + file.string() + "'" + q);
    REQUIRE(e.status == 0);
    // A unit list is the map of a date: imported back from that date.
    auto i = ntm::test::ntm("import " + kind + " '" + file.string() + "' --province 11" +
                            (kind == "units" ? std::string(" --from 31/12/2020") : std::string(" --year 2020")) + q);
    CHECK(i.status == 0);
    CHECK(i.err == "");
    CHECK(i.out.find("\n0 thay đổi") != std::string::npos);
  }
}

TEST_CASE("import of a unit list renames and adds communes from a date; funding in million VND; statuses as Đạt / Chưa đạt") {
  fs::path db = db_copy("dien-bien-2020", "units");
  fs::path dir = ntm::test::temp_dir();
  std::string q = " --db '" + db.string() + "' --province 'Điện Biên'";
  auto e = ntm::test::ntm("export units --as-of 31/12/2020 -o '" + (dir / "units.csv").string() + "'" + q);
  REQUIRE(e.status == 0);
  std::string csv = ntm::test::slurp(dir / "units.csv");
  auto pos = csv.find("\n03145,Thanh Minh,");
  REQUIRE(pos != std::string::npos);
  csv.replace(pos + 7, std::string("Thanh Minh").size(), "Thanh Minh Mới");
  csv += "03999,Nậm Mới,Xã,Xã,103,,,\r\n";
  spit(dir / "u.csv", csv);
  auto u = ntm::test::ntm("import units '" + (dir / "u.csv").string() + "' --from 01/06/2020" + q);
  INFO(u.err);
  CHECK(u.status == 0);
  CHECK(u.out.find("2 thay đổi: 1 thêm mới, 1 cập nhật") != std::string::npos);
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  auto s = d.prepare("SELECT name_with_type, parent_code FROM unit_version WHERE code IN ('03145', '03999') "
                     "AND ifnull(valid_from, '') <= '2020-12-31' AND ifnull(valid_to, '9999-12-31') >= '2020-12-31' ORDER BY code");
  REQUIRE(s.step());
  CHECK(s.get_text(0) == "Xã Thanh Minh Mới");
  REQUIRE(s.step());
  CHECK(s.get_text(0) == "Xã Nậm Mới");
  CHECK(s.get_text(1) == "103");
  // Nothing is overwritten: Thanh Minh keeps its name until 31/05/2020.
  auto old = d.prepare("SELECT name, valid_to FROM unit_version WHERE code = '03145' AND valid_from IS NULL");
  REQUIRE(old.step());
  CHECK(old.get_text(0) == "Thanh Minh");
  CHECK(old.get_text(1) == "2020-05-31");

  spit(dir / "f.csv", "Mã đơn vị;Nguồn vốn;Giai đoạn;Số tiền\r\n11;Vốn sự nghiệp;Huy động;1.234.567\r\n");
  auto f = ntm::test::ntm("import funding '" + (dir / "f.csv").string() + "' --year 2020" + q);
  CHECK(f.status == 0);
  CHECK(f.out.find("Vốn sự nghiệp/mobilised: 85900 → 1234567") != std::string::npos);
  // An unknown source lists the known names.
  spit(dir / "f2.csv", "Mã đơn vị;Nguồn vốn;Giai đoạn;Số tiền\r\n11;Vốn vay ngoài;Huy động;1\r\n");
  auto f2 = ntm::test::ntm("import funding '" + (dir / "f2.csv").string() + "' --year 2020" + q);
  CHECK(f2.status == 1);
  CHECK(f2.err.find("không có nguồn vốn 'Vốn vay ngoài'") != std::string::npos);
  CHECK(f2.err.find("Vốn lồng ghép các chương trình, dự án") != std::string::npos);

  spit(dir / "s.csv", "Mã xã,TC 1,TC 2\r\n03145,Đạt,chưa đạt\r\n");
  auto st = ntm::test::ntm("import statuses '" + (dir / "s.csv").string() + "' --year 2021" + q);
  CHECK(st.status == 0);
  CHECK(st.out.find("2 thay đổi: 2 thêm mới") != std::string::npos);
  CHECK(st.out.find("bộ tiêu chí 1980-xa (mặc định của năm 2021)") != std::string::npos);
}

TEST_CASE("a file made for one criteria set is refused under another, naming its columns and their set") {
  fs::path db = db_copy("dien-bien-2020", "sets");
  fs::path dir = ntm::test::temp_dir();
  std::string q = " --db '" + db.string() + "' --province 'Điện Biên'";
  // 14.3 exists in 1980/QĐ-TTg only.
  spit(dir / "v.csv", "Mã xã,CT 14.2,CT 14.3\r\n03145,90,45\r\n");
  auto refused = ntm::test::ntm("import indicators '" + (dir / "v.csv").string() + "' --year 2022" + q);
  CHECK(refused.status == 1);
  CHECK(refused.err.find("các cột 'CT 14.3' không thuộc bộ tiêu chí 318-xa") != std::string::npos);
  CHECK(refused.err.find("chúng thuộc bộ 1980-xa") != std::string::npos);
  auto accepted = ntm::test::ntm("import indicators '" + (dir / "v.csv").string() + "' --year 2022 --set 1980-xa" + q);
  CHECK(accepted.status == 0);
  CHECK(accepted.out.find("bộ tiêu chí 1980-xa (chọn bằng --set); lưu ý: bộ này không áp dụng cho năm 2022") != std::string::npos);
  // An exported file says its set: imported back without flags.
  auto e = ntm::test::ntm("export indicators --year 2020 -o '" + (dir / "e.csv").string() + "'" + q);
  REQUIRE(e.status == 0);
  auto back = ntm::test::ntm("--db '" + db.string() + "' import indicators '" + (dir / "e.csv").string() + "'");
  INFO(back.err);
  CHECK(back.status == 0);
  CHECK(back.out.find("\n0 thay đổi") != std::string::npos);
  // A flag that disagrees with the file is an error.
  auto clash = ntm::test::ntm("--db '" + db.string() + "' import indicators '" + (dir / "e.csv").string() + "' --year 2019");
  CHECK(clash.status == 2);
  CHECK(clash.err.find("tệp ghi 'Năm: 2020'") != std::string::npos);
}

TEST_CASE("hostile cells: control characters, terminal escapes and non-characters are refused with row and column") {
  fs::path db = db_copy("dien-bien-2020", "control");
  fs::path dir = ntm::test::temp_dir();
  std::string q = " --db '" + db.string() + "'";
  std::string csv = "Mã xã,Tên xã,Huyện,Loại\r\n"
                    "03145,\"Thanh\x1b[2JMinh\",Điện Biên Phủ,Xã\r\n"   // ESC: a terminal escape
                    "03154,Sín\xc2\x9bThầu,Mường Nhé,Xã\r\n"               // U+009B, the one-byte CSI
                    "03166,Chà\xef\xbf\xbe""Cang,Nậm Pồ,Xã\r\n";           // U+FFFE
  spit(dir / "control.csv", csv);
  std::string fp = values_fingerprint(db);
  auto r = ntm::test::ntm("import units '" + (dir / "control.csv").string() + "' --province 11 --from 01/06/2020" + q);
  CHECK(r.status == 1);
  CHECK(r.err.find("dòng 2, cột 'Tên xã': có ký tự không được phép (U+001B)") != std::string::npos);
  CHECK(r.err.find("dòng 3, cột 'Tên xã': có ký tự không được phép (U+009B)") != std::string::npos);
  CHECK(r.err.find("dòng 4, cột 'Tên xã': có ký tự không được phép (U+FFFE)") != std::string::npos);
  CHECK(values_fingerprint(db) == fp);
}

TEST_CASE("numbers as Excel writes them: exponents read, absurd lengths refused with row and column") {
  using ntm::app::parse_number;
  CHECK(parse_number("9.5E+1", DecimalMark::Point) == 95.0);
  CHECK(parse_number("9,5E+01", DecimalMark::Comma) == 95.0);
  CHECK(parse_number("1.2e-3", DecimalMark::Point) == doctest::Approx(0.0012));
  CHECK(parse_number("3E10", DecimalMark::Point) == 3e10);
  CHECK_FALSE(parse_number("1,234E5", DecimalMark::Point));    // no grouping with an exponent
  CHECK_FALSE(parse_number("E5", DecimalMark::Point));
  CHECK_FALSE(parse_number(std::string(400, '9'), DecimalMark::Point));   // past a double: not a number
  fs::path db = db_copy("dien-bien-2020", "numbers");
  fs::path dir = ntm::test::temp_dir();
  spit(dir / "numbers.csv", "Mã xã,Tên xã,CT 17.1,CT 10.1\r\n03145,Thanh Minh,9.5E+1," + std::string(400, '7') + "\r\n");
  auto r = ntm::test::ntm("import indicators '" + (dir / "numbers.csv").string() + "' --province 11 --year 2020 --db '" +
                          db.string() + "'");
  CHECK(r.status == 1);   // a data error, never "stod" or a command-line error
  CHECK(r.err.find("dòng 2, cột 'CT 10.1'") != std::string::npos);
  CHECK(r.err.find("' quá lớn") != std::string::npos);   // said as what it is, not "không phải số"
  CHECK(r.err.find("stod") == std::string::npos);
}

TEST_CASE("suggestions are computed for the first fifty unknown names only") {
  fs::path db = db_copy("dien-bien-2020", "unknown-names");
  fs::path dir = ntm::test::temp_dir();
  std::string csv = "Tên xã,Huyện,CT 17.1\r\n";
  for (int i = 0; i < 2000; ++i) csv += "Xã Không Có " + std::to_string(i) + ",Nậm Pồ,90\r\n";
  spit(dir / "unknown.csv", csv);
  ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
  ntm::app::ImportOptions o;
  o.kind = "indicators";
  o.file = dir / "unknown.csv";
  o.province = "11";
  o.year = 2020;
  try {
    ntm::app::import_file(d, o);
    FAIL("unknown names should be refused");
  } catch (const ntm::app::ImportError& e) {
    CHECK(e.problems.size() >= 2000);
    std::size_t suggested = 0;
    for (const auto& p : e.problems) suggested += p.find("có phải") != std::string::npos;
    CHECK(suggested <= 50);
    CHECK(suggested > 0);
  }
}

TEST_CASE("a hostile .xlsx is refused as a broken file (exit 1), never read past or taken for a command-line error") {
  fs::path db = db_copy("dien-bien-2020", "xlsx-hostile");
  fs::path dir = ntm::test::temp_dir();
  std::string fp = values_fingerprint(db);
  struct Case { const char* name; std::string sheet; const char* expected; };
  const Case cases[] = {
      {"row-without-close", "<worksheet><sheetData><row r=\"1\"", "thẻ không đóng"},
      {"bad-reference", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&#xZZ;</t></is></c></row></sheetData></worksheet>",
       "tham chiếu ký tự không hợp lệ"},
      {"giant-column", "<worksheet><sheetData><row r=\"1\"><c r=\"AAAAAAAAAAAAAAAAAAAA1\"><v>1</v></c></row></sheetData></worksheet>",
       "cột cuối cùng của Excel"},
      {"huge-row-number", "<worksheet><sheetData><row r=\"99999999\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>",
       "số dòng"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    fs::path file = dir / (std::string(c.name) + ".xlsx");
    int error = 0;
    zip_t* zip = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(zip != nullptr);
    zip_source_t* src = zip_source_buffer(zip, c.sheet.data(), c.sheet.size(), 0);
    REQUIRE(zip_file_add(zip, "xl/worksheets/sheet1.xml", src, ZIP_FL_OVERWRITE) >= 0);
    REQUIRE(zip_close(zip) == 0);
    auto r = ntm::test::ntm("import indicators '" + file.string() + "' --province 11 --year 2020 --db '" + db.string() + "'");
    CHECK(r.status == 1);
    CHECK(r.err.find(c.expected) != std::string::npos);
  }
  CHECK(values_fingerprint(db) == fp);
}

TEST_CASE("CSV exports neutralise cells Excel would run as formulas, and import reads them back") {
  CHECK(ntm::csv_cell("=1+2") == "'=1+2");
  CHECK(ntm::csv_cell("+1+1") == "'+1+1");
  CHECK(ntm::csv_cell("-2+3") == "'-2+3");
  CHECK(ntm::csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(ntm::csv_cell("\tx") == "'\tx");
  CHECK(ntm::csv_cell("-12") == "-12");
  CHECK(ntm::csv_cell("-1.234,5", ';') == "-1.234,5");
  CHECK(ntm::csv_cell("=cmd|' /C calc'!A0,x") == "\"'=cmd|' /C calc'!A0,x\"");
  CHECK(ntm::csv_cell("Nậm Pồ") == "Nậm Pồ");
  // A commune renamed to a formula goes out neutralised and comes back as the same text.
  fs::path db = db_copy("dien-bien-2020", "formula");
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    d.exec("UPDATE unit_period SET name = '=HYPERLINK(\"http://x\")', name_with_type = 'Xã =HYPERLINK(\"http://x\")' "
           "WHERE unit_id = (SELECT id FROM unit WHERE code = '03145')");
  }
  fs::path dir = ntm::test::temp_dir();
  auto r = ntm::test::ntm("export units --province 11 --as-of 31/12/2020 -o '" + (dir / "units.csv").string() + "' --db '" +
                          db.string() + "'");
  REQUIRE(r.status == 0);
  std::string csv = slurp(dir / "units.csv");
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\"") != std::string::npos);
  CHECK(csv.find(",=HYPERLINK") == std::string::npos);
  auto back = ntm::test::ntm("import units '" + (dir / "units.csv").string() + "' --province 11 --from 31/12/2020 --dry-run --db '" +
                             db.string() + "'");
  CHECK(back.status == 0);
  CHECK(back.out.find("0 thay đổi: 0 thêm mới, 0 cập nhật") != std::string::npos);
}
