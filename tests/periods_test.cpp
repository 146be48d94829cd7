// Issue 12: the set of a review chosen once for every command, recorded per province and year;
// spans of years in checks and in the period report; the province-completion conditions of
// 51/2025 as a check.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path copy_of(const std::string& sample, const std::string& name) {
  fs::path to = ntm::test::temp_dir() / ("periods-" + name + ".db");
  fs::copy_file(ntm::test::sample_db(sample), to, fs::copy_options::overwrite_existing);
  return to;
}

void spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// A statuses file for one commune: every criterion met except `fail`.
std::string statuses_csv(int criteria, int fail) {
  std::string head = "Mã xã", row = "03145";
  for (int n = 1; n <= criteria; ++n) {
    head += ",TC " + std::to_string(n);
    row += n == fail ? ",Chưa đạt" : ",Đạt";
  }
  return head + "\r\n" + row + "\r\n";
}

}  // namespace

TEST_CASE("2021 is reviewed with the 1980 set by default, with 318 under --set, and every command follows") {
  fs::path db = copy_of("dien-bien-2020", "set2021");
  fs::path dir = ntm::test::temp_dir();
  const std::string q = " --db " + quoted(db) + " --province 'Điện Biên'";
  spit(dir / "s2021.csv", statuses_csv(19, 10));
  auto imported = ntm::test::ntm("import statuses " + quoted(dir / "s2021.csv") + " --year 2021" + q);
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  CHECK(imported.out.find("bộ tiêu chí 1980-xa (mặc định của năm 2021)") != std::string::npos);

  auto by_default = ntm::test::ntm("check --year 2021 --format json --no-rules" + q);
  json r = json::parse(by_default.out);
  CHECK(r["criteria_set"] == "1980-xa");
  CHECK(r["with_data"] == 1);
  CHECK(r["criteria"]["10"] == 0);
  CHECK(r["criteria"]["11"] == 1);
  CHECK(r["set_note"].get<std::string>().find("mặc định của năm 2021") != std::string::npos);

  // The same office keeps its 2021 results under 318/QĐ-TTg: --set on import and check.
  spit(dir / "s318.csv", statuses_csv(19, 3));
  auto under_318 = ntm::test::ntm("import statuses " + quoted(dir / "s318.csv") + " --year 2021 --set 318-xa" + q);
  INFO(under_318.err);
  REQUIRE(under_318.status == 0);
  CHECK(under_318.out.find("bộ tiêu chí 318-xa (chọn bằng --set)") != std::string::npos);
  // ... which records 318-xa as the set the province used for 2021: later commands follow it.
  CHECK(under_318.out.find("ghi nhận bộ tiêu chí năm 2021 là 318-xa") != std::string::npos);
  auto recorded = ntm::test::ntm("check --year 2021 --format json" + q);
  json r2 = json::parse(recorded.out);
  CHECK(r2["criteria_set"] == "318-xa");
  CHECK(r2["criteria"]["3"] == 0);
  CHECK(r2["criteria"]["10"] == 1);
  CHECK(r2["set_note"].get<std::string>().find("tỉnh đã ghi dùng cho năm 2021") != std::string::npos);
  // --set still wins over the recorded set, and the rules run under it too (no error).
  auto given = ntm::test::ntm("check --year 2021 --set 1980-xa --format json" + q);
  INFO(given.err);
  json r3 = json::parse(given.out);
  CHECK(r3["criteria_set"] == "1980-xa");
  CHECK(r3["criteria"]["10"] == 0);
  CHECK(given.err.find("Lỗi trong script") == std::string::npos);
  // Export under the recorded set names it on its first line.
  auto exported = ntm::test::ntm("export statuses --year 2021 -o " + quoted(dir / "e318.csv") + q);
  REQUIRE(exported.status == 0);
  CHECK(ntm::test::slurp(dir / "e318.csv").find("318-xa") != std::string::npos);
}

TEST_CASE("ntm check --from --to: the start and end of a phase, and the change per criterion") {
  fs::path db = ntm::test::sample_db("dien-bien-2020");
  const std::string q = " --db " + quoted(db) + " --province 'Điện Biên'";
  auto r = ntm::test::ntm("check --from 2016 --to 2020 --no-rules --format json" + q);
  INFO(r.err);
  REQUIRE(r.status == 0);
  json j = json::parse(r.out);
  // The 2016-2020 phase starts from the results of 31/12/2015 (491-xa; seed 001) and ends with
  // those of 2020 (1980-xa; seed 000).
  CHECK(j["period"]["start_year"] == 2015);
  CHECK(j["period"]["end_year"] == 2020);
  CHECK(j["start"]["criteria_set"] == "491-xa");
  CHECK(j["end"]["criteria_set"] == "1980-xa");
  CHECK(j["change"]["standard"]["start"] == 1);
  CHECK(j["change"]["standard"]["end"] == 21);
  CHECK(j["change"]["standard"]["change"] == 20);
  CHECK(j["change"]["bands"]["below_5"]["start"] == 54);
  CHECK(j["change"]["bands"]["below_5"]["end"] == 0);
  CHECK(j["change"]["criteria"]["2"]["start"] == 26);
  CHECK(j["change"]["criteria"]["2"]["end"] == 55);
  CHECK(j["change"]["average"]["start"].get<double>() == doctest::Approx(5.6).epsilon(0.005));
  CHECK(j["change"]["average"]["end"].get<double>() == doctest::Approx(11.75).epsilon(0.001));
  CHECK(j["end"]["unconfirmed_thresholds"].size() > 0);

  auto text = ntm::test::ntm("check --from 2016 --to 2020 --no-rules" + q);
  CHECK(text.out.find("Giai đoạn 2016-2020: so sánh cuối năm 2015 với cuối năm 2020") != std::string::npos);
  CHECK(text.out.find("Số xã đạt chuẩn: 1 → 21 (+20)") != std::string::npos);
  CHECK(text.out.find("Tiêu chí 12: 49 → 115 (+66)") != std::string::npos);
  auto csv = ntm::test::ntm("check --from 2016 --to 2020 --no-rules --format csv" + q);
  CHECK(csv.out.find("Tiêu chí 2,26,55,29") != std::string::npos);

  // A span whose first year has no year before it in the data starts with its first year.
  auto later = ntm::test::ntm("check --from 2015 --to 2016 --no-rules --format json" + q);
  REQUIRE(later.status == 0);
  CHECK(json::parse(later.out)["period"]["start_year"] == 2015);

  auto half = ntm::test::ntm("check --from 2016" + q);
  CHECK(half.status == 2);
  CHECK(half.err.find("--from và --to đi cùng nhau") != std::string::npos);
  auto both = ntm::test::ntm("check --year 2020 --from 2016 --to 2020" + q);
  CHECK(both.status == 2);
  auto reversed = ntm::test::ntm("check --from 2020 --to 2016" + q);
  CHECK(reversed.status == 2);
  CHECK(reversed.err.find("--from 2020 sau --to 2016") != std::string::npos);
  // The end of a span without data is named by its own flag, never as a --year nobody typed.
  auto late = ntm::test::ntm("check --from 2019 --to 2022" + q);
  CHECK(late.status == 2);
  CHECK(late.err.find("--to 2022: không có dữ liệu năm 2022") != std::string::npos);
  CHECK(late.err.find("stack traceback") == std::string::npos);
}

TEST_CASE("ntm report giai-doan: start and end, funding over the span, recognitions, next targets") {
  fs::path dir = ntm::test::temp_dir() / "giai-doan";
  fs::create_directories(dir);
  auto r = ntm::test::ntm("--db " + quoted(ntm::test::sample_db("dien-bien-2020")) +
                              " report giai-doan --province 'Điện Biên' --from 2016 --to 2020 -o gd.docx -o gd.xlsx -o gd.html -o gd.md",
                          dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string md = ntm::test::slurp(dir / "gd.md");
  CHECK(md.find("Đầu giai đoạn (cuối năm 2015) (bộ 491-xa, 19 tiêu chí): 116 xã có số liệu; 1 xã đạt chuẩn") != std::string::npos);
  CHECK(md.find("Cuối giai đoạn (năm 2020) (bộ 1980-xa, 19 tiêu chí): 115 xã có số liệu; 21 xã đạt chuẩn nông thôn mới (18,26%); bình quân 11,75") !=
        std::string::npos);
  CHECK(md.find("| 5 | Dưới 5 tiêu chí | 54 | 0 | -54 |") != std::string::npos);
  CHECK(md.find("| 12 | Lao động có việc làm | 49 |") != std::string::npos);
  // Funding summed over 2016-2020 by source, with shares that add up.
  CHECK(md.find("tổng vốn huy động giai đoạn 2016-2020 là") != std::string::npos);
  CHECK(md.find("**Tổng cộng** |") != std::string::npos);
  CHECK(md.find("| 100,00 |") != std::string::npos);
  // Recognitions during the span; the targets set for the years after it.
  CHECK(md.find("xã đạt chuẩn nông thôn mới: ") != std::string::npos);
  CHECK(md.find("Chỉ tiêu kế hoạch sau năm 2020") != std::string::npos);
  CHECK(md.find("| Số xã đạt chuẩn nông thôn mới | 2021 | 23 |") != std::string::npos);
  // Nothing silent: the maps and sets of both years, and the unconfirmed thresholds.
  CHECK(md.find("năm 2015: bộ tiêu chí 491-xa") != std::string::npos);
  CHECK(md.find("ngưỡng đã áp dụng chưa được đối chiếu với văn bản gốc") != std::string::npos);
  auto docx = ntm::test::unzip(dir / "gd.docx");
  CHECK(docx["word/document.xml"].find("Cuối giai đoạn (năm 2020)") != std::string::npos);
  auto xlsx = ntm::test::unzip(dir / "gd.xlsx");
  CHECK(xlsx.count("xl/workbook.xml") == 1);
  CHECK(xlsx["xl/sharedStrings.xml"].find("Dưới 5 tiêu chí") != std::string::npos);
  CHECK(ntm::test::slurp(dir / "gd.html").find("Biểu 01. Số xã theo số tiêu chí đạt, năm 2015 và năm 2020") != std::string::npos);

  auto bad = ntm::test::ntm("--db " + quoted(ntm::test::sample_db("dien-bien-2020")) +
                            " report giai-doan --province 'Điện Biên' --from 2016 --to 2023 -o x.md", dir);
  // A year without data is the user's wrong --to, with the years that have data (exit 2).
  CHECK(bad.status == 2);
  CHECK(bad.err.find("--to 2023: không có dữ liệu năm 2023") != std::string::npos);
  CHECK(bad.err.find("các năm có dữ liệu: ") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "x.md"));
}

TEST_CASE("the province-completion conditions of 51/2025 run as a check on 2026-2030 only") {
  fs::path db = ntm::test::sample_db("dien-bien-2026");
  auto r = ntm::test::ntm("--db " + quoted(db) + " check --province 'Điện Biên' --year 2026 --findings --format json");
  INFO(r.err);
  json findings = json::parse(r.out);
  int conditions = 0;
  std::string one_one;
  for (const auto& f : findings)
    if (f["rule"] == "hoan-thanh-tinh") {
      ++conditions;
      if (f["message"].get<std::string>().rfind("điều kiện 1.1", 0) == 0) one_one = f["message"];
    }
  CHECK(conditions == 3);
  // The share is computed from the 2026 review of the communes (xã only), against the data's threshold.
  CHECK(one_one.find("yêu cầu >= 100%") != std::string::npos);
  CHECK(one_one.find("chưa đạt") != std::string::npos);
  CHECK(one_one.find("/42 xã") != std::string::npos);

  auto y2020 = ntm::test::ntm("--db " + quoted(ntm::test::sample_db("dien-bien-2020")) +
                              " check --province 'Điện Biên' --year 2020 --findings --format json");
  CHECK(y2020.out.find("hoan-thanh-tinh") == std::string::npos);
}
