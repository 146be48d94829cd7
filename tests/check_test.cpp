// `ntm check` on the two samples: the published figures, findings, data-driven thresholds,
// assessed statuses, saving, and bad input.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <map>

#include "model/hash.h"
#include "model/text.h"
#include "store/database.h"
#include "store/schema.h"
#include "support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

ntm::test::Command cli(const std::string& args) { return ntm::test::ntm(args); }

// The review as JSON; `status` is the exit status expected (1 when a finding has level error).
json check_json(const fs::path& db, const std::string& args, int status = 0) {
  auto r = cli("--db '" + db.string() + "' check " + args + " --format json");
  INFO(r.err);
  REQUIRE(r.status == status);
  return json::parse(r.out);
}

nlohmann::ordered_json check_ordered(const fs::path& db, const std::string& args) {
  auto r = cli("--db '" + db.string() + "' check " + args + " --format json");
  REQUIRE(r.status == 0);
  return nlohmann::ordered_json::parse(r.out);
}

// A private copy of a sample database that a test may change.
fs::path copy_of(const std::string& sample, const std::string& name) {
  fs::path copy = ntm::test::temp_dir() / (name + ".db");
  fs::copy_file(ntm::test::sample_db(sample), copy, fs::copy_options::overwrite_existing);
  return copy;
}

std::string two_decimals(double v) {
  ntm::NumberFormat f;
  f.decimals = 2;
  return ntm::format_number(v, f);
}

bool has_finding(const json& findings, const std::string& rule, const std::string& text) {
  for (const auto& f : findings)
    if (f["rule"] == rule && f["message"].get<std::string>().find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("Điện Biên 2020: the check reproduces the published figures") {
  json r = check_json(ntm::test::sample_db("dien-bien-2020"), "--province 'Điện Biên' --year 2020");
  auto ordered = check_ordered(ntm::test::sample_db("dien-bien-2020"), "--province 'Điện Biên' --year 2020");
  std::vector<std::string> keys;
  for (auto it = ordered.begin(); it != ordered.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"province", "province_code", "year", "map_date", "map_note", "criteria_set",
                                         "set_note", "criteria_count", "communes", "with_data", "no_data", "bands",
                                         "band_order", "band_names", "standard", "average", "criteria", "group_by",
                                         "by_district", "unconfirmed_thresholds", "results", "findings"});
  CHECK(r["map_date"] == "2020-12-31");
  CHECK(r["set_note"] == "bộ tiêu chí 1980-xa (mặc định của năm 2020)");
  CHECK(r["with_data"] == 115);
  CHECK(r["no_data"].empty());
  CHECK(r["standard"] == 21);
  // Every review says which thresholds it applied are not confirmed by a published source.
  CHECK(r["unconfirmed_thresholds"].size() > 10);
  bool income = false;
  for (const auto& u : r["unconfirmed_thresholds"]) income = income || u["indicator"] == "17.6";
  CHECK(income);
  CHECK(r["province"] == "Điện Biên");
  CHECK(r["criteria_set"] == "1980-xa");
  CHECK(r["communes"] == 115);
  CHECK(r["bands"]["standard_19"] == 21);
  CHECK(r["bands"]["from_15_to_18"] == 18);
  CHECK(r["bands"]["from_10_to_14"] == 36);
  CHECK(r["bands"]["from_5_to_9"] == 40);
  CHECK(r["bands"]["below_5"] == 0);
  CHECK(two_decimals(r["average"].get<double>()) == "11,75");
  const std::map<std::string, int> published = {{"2", 55},  {"3", 111}, {"4", 61},  {"5", 63},  {"6", 66},  {"7", 102},
                                                {"8", 91},  {"9", 46},  {"10", 24}, {"11", 22}, {"12", 115}, {"13", 68},
                                                {"14", 69}, {"15", 75}, {"16", 74}, {"17", 47}, {"18", 59}, {"19", 105}};
  for (const auto& [criterion, count] : published) {
    CAPTURE(criterion);
    CHECK(r["criteria"][criterion] == count);
  }
  CHECK(r["results"].size() == 115);
  int sum = 0;
  for (const auto& c : r["results"]) sum += c["count"].get<int>();
  CHECK(sum == 1351);
  // The shipped consistency checks find the two printed percentages that disagree (16 and 19).
  CHECK(has_finding(r["findings"], "so-lieu-in", "tiêu chí 16: tỷ lệ in 63,34%"));
  CHECK(has_finding(r["findings"], "so-lieu-in", "tiêu chí 19: tỷ lệ in 91,03%"));
  int percent_findings = 0;
  for (const auto& f : r["findings"])
    if (f["message"].get<std::string>().find("tỷ lệ in") != std::string::npos) ++percent_findings;
  CHECK(percent_findings == 2);
}

TEST_CASE("Điện Biên 2020: the 29 border communes") {
  json r = check_json(ntm::test::sample_db("dien-bien-2020"), "--province 'dien bien' --year 2020 --tag 'Đề án 29 xã biên giới'");
  CHECK(r["communes"] == 29);
  CHECK(r["bands"]["standard_19"] == 6);
  CHECK(r["bands"]["from_15_to_18"] == 5);
  CHECK(r["bands"]["from_10_to_14"] == 8);
  CHECK(r["bands"]["from_5_to_9"] == 10);
  CHECK(two_decimals(r["average"].get<double>()) == "12,52");
  CHECK(two_decimals(r["by_district"]["Điện Biên"]["average"].get<double>()) == "13,92");
  CHECK(two_decimals(r["by_district"]["Mường Chà"]["average"].get<double>()) == "15,00");
  CHECK(two_decimals(r["by_district"]["Mường Nhé"]["average"].get<double>()) == "11,67");
  CHECK(r["by_district"]["Nậm Pồ"]["average"].get<double>() == doctest::Approx(10.125));
}

TEST_CASE("Bắc Giang 2020: the check reproduces the published figures") {
  // Exit 1: the report's funding sources do not add up to its printed total (an error finding).
  json r = check_json(ntm::test::sample_db("bac-giang-2020"), "--province 'Bắc Giang' --year 2020", 1);
  CHECK(r["communes"] == 184);
  CHECK(r["bands"]["standard_19"] == 127);
  ntm::NumberFormat one;
  one.decimals = 1;
  CHECK(ntm::format_number(r["average"].get<double>(), one) == "16,3");
  CHECK(r["bands"]["from_5_to_9"] == 0);
  CHECK(r["bands"]["below_5"] == 0);
  const std::map<std::string, int> published = {{"2", 154},  {"3", 154},  {"5", 168},  {"6", 127},  {"10", 150},
                                                {"11", 151}, {"12", 175}, {"13", 163}, {"14", 182}, {"15", 184},
                                                {"16", 166}, {"17", 127}, {"18", 161}, {"19", 180}};
  for (const auto& [criterion, count] : published) {
    CAPTURE(criterion);
    CHECK(r["criteria"][criterion] == count);
  }
  CHECK(has_finding(r["findings"], "nguon-von", "cộng lại 1.274.791 triệu đồng, khác tổng đã in 1.274.790"));
}

TEST_CASE("changing a threshold in the data changes the result, with no Lua edited") {
  fs::path db = copy_of("dien-bien-2020", "threshold");
  auto count_at_least = [&](double t) {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
    // The communes of the map of 31/12/2020 (all of them have values that year).
    auto s = d.prepare(R"(SELECT count(*) FROM indicator_value v JOIN unit_version c ON c.id = v.unit_id
                          AND ifnull(c.valid_from, '') <= '2020-12-31' AND ifnull(c.valid_to, '9999-12-31') >= '2020-12-31'
                          WHERE c.type = 'xa' AND v.year = 2020 AND v.indicator = '10.1' AND v.value >= ?)");
    s.bind(1, t);
    s.step();
    return static_cast<int>(s.get_int(0));
  };
  json before = check_json(db, "--province 11 --year 2020 --no-rules");
  CHECK(before["criteria"]["10"] == 24);
  CHECK(before["criteria"]["10"] == count_at_least(36));   // the 2020 TDMNPB income threshold
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    d.exec("UPDATE threshold SET value = 18 WHERE set_id = '1980-xa' AND indicator = '10.1' AND region = 'TDMNPB' AND year = 2020");
  }
  json lowered = check_json(db, "--province 11 --year 2020 --no-rules");
  CHECK(lowered["criteria"]["10"] == count_at_least(18));
  CHECK(lowered["criteria"]["10"].get<int>() > 24);
  // A province's own threshold beats the region's.
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    d.exec("INSERT INTO threshold(set_id, indicator, region, province_id, year, value, confirmed, source) "
           "VALUES ('1980-xa', '10.1', NULL, (SELECT id FROM unit WHERE code = '11' AND kind = 'province'), 2020, 20, 0, 'thử nghiệm')");
  }
  json province = check_json(db, "--province 11 --year 2020 --no-rules");
  CHECK(province["criteria"]["10"] == count_at_least(20));
  CHECK(province["criteria"]["10"].get<int>() < lowered["criteria"]["10"].get<int>());
}

TEST_CASE("an indicator without a threshold is a finding, never a silent met") {
  fs::path db = copy_of("dien-bien-2020", "no-threshold");
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    d.exec("DELETE FROM threshold WHERE set_id = '1980-xa' AND indicator = '12.1'");
  }
  json r = check_json(db, "--province 11 --year 2020", 1);   // exit 1: an error finding
  CHECK(r["criteria"]["12"] == 0);
  CHECK(has_finding(r["findings"], "thieu-nguong", "chỉ tiêu 12.1 cho xã này (vùng TDMNPB"));
}

TEST_CASE("a year with only assessed statuses gets the same review") {
  // 2019 is on its own map: 116 communes, Tà Lèng merged into Thanh Minh only on 01/01/2020, and
  // the sample has no 2019 data for it (said, exit 1).
  json r = check_json(ntm::test::sample_db("dien-bien-2020"), "--province 'Điện Biên' --year 2019 --no-rules", 1);
  // 2019 = 2020 minus the published increases.
  const std::map<std::string, int> increase = {{"2", 7},  {"3", 3},  {"5", 3},  {"6", 10}, {"7", 8},  {"8", 10}, {"9", 3},
                                               {"11", 1}, {"13", 8}, {"14", 12}, {"15", 4}, {"16", 7}, {"18", 6}, {"19", 7}};
  json now = check_json(ntm::test::sample_db("dien-bien-2020"), "--province 'Điện Biên' --year 2020 --no-rules");
  for (const auto& [c, n] : increase) {
    CAPTURE(c);
    CHECK(now["criteria"][c].get<int>() - r["criteria"][c].get<int>() == n);
  }
  CHECK(r["communes"] == 116);
  CHECK(r["with_data"] == 115);
  CHECK(r["no_data"][0]["name"] == "Tà Lèng");
}

TEST_CASE("the end of 2015 as seed 001 prints it, under the 2010-2015 set, on its own map") {
  json r = check_json(ntm::test::sample_db("dien-bien-2020"), "--province 'Điện Biên' --year 2015", 0);
  CHECK(r["criteria_set"] == "491-xa");
  CHECK(r["communes"] == 116);
  CHECK(r["bands"]["standard_19"] == 1);
  CHECK(r["bands"]["from_15_to_18"] == 3);
  CHECK(r["bands"]["from_10_to_14"] == 10);
  CHECK(r["bands"]["from_5_to_9"] == 48);
  CHECK(r["bands"]["below_5"] == 54);
  ntm::NumberFormat one;
  one.decimals = 1;
  CHECK(ntm::format_number(r["average"].get<double>(), one) == "5,6");
  // The printed figures of 2015 agree with the data: the rule finds nothing.
  for (const auto& f : r["findings"]) CHECK(f["rule"] != "so-lieu-in");
}

TEST_CASE("where indicator values and assessed statuses disagree, the check says so") {
  fs::path db = copy_of("dien-bien-2020", "disagree");
  std::string code;
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    // A commune that meets criterion 12 by its indicators, assessed as not meeting it.
    code = std::get<std::string>(*d.scalar("SELECT min(c.code) FROM unit_version c JOIN unit_version d ON d.code = c.parent_code "
                                           "WHERE d.parent_code = '11' AND c.type = 'xa' AND c.valid_from IS NULL AND d.valid_from IS NULL "
                                           "AND c.valid_to >= '2020-12-31'"));
    d.exec("INSERT INTO criterion_status (unit_id, year, set_id, criterion, met, by, source) VALUES ((SELECT id FROM unit WHERE code = '" +
           code + "'), 2020, '1980-xa', 12, 0, 'assessed', 'thử')");
  }
  json r = check_json(db, "--province 11 --year 2020 --no-rules");
  CHECK(r["criteria"]["12"] == 115);   // indicators decide
  CHECK(has_finding(r["findings"], "lech-danh-gia", "tiêu chí 12: theo số liệu chỉ tiêu là đạt"));
}

TEST_CASE("--save stores computed statuses only with --write") {
  fs::path db = copy_of("dien-bien-2020", "save");
  auto computed = [&] {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
    return std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM criterion_status WHERE by = 'computed'"));
  };
  auto dry = cli("--db '" + db.string() + "' check --province 11 --year 2020 --no-rules --save");
  CHECK(dry.status == 0);
  CHECK(dry.err.find("thêm --write") != std::string::npos);
  CHECK(computed() == 0);
  auto wet = cli("--db '" + db.string() + "' check --verbose --province 11 --year 2020 --no-rules --save --write");
  CHECK(wet.status == 0);
  CHECK(computed() == 115 * 19);
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT sum(met) FROM criterion_status WHERE by = 'computed' AND year = 2020")) == 1351);
  // Provenance: one saved run naming the review script and its library with their SHA-256,
  // the same hashes the command printed; every computed row points at it.
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM saved_run r JOIN unit u ON u.id = r.province_id "
                                         "WHERE command = 'check' AND u.code = '11' AND year = 2020")) == 1);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM criterion_status WHERE by = 'computed' AND run_id = 1")) == 115 * 19);
  auto scripts = d.prepare("SELECT path, sha256 FROM saved_run_script WHERE run_id = 1 ORDER BY path");
  std::vector<std::string> paths;
  while (scripts.step()) {
    paths.push_back(scripts.get_text(0));
    std::string sha = scripts.get_text(1);
    CHECK(wet.err.find("[ntm] sha256 " + sha + "  " + paths.back()) != std::string::npos);
    std::ifstream in(fs::path(NTM_SOURCE_DIR) / "scripts" / paths.back(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    CHECK(ntm::sha256_hex(text.str()) == sha);
  }
  CHECK(paths == std::vector<std::string>{"checks/tieu-chi-xa.lua", "lib/review.lua"});
}

TEST_CASE("a database made by an older ntm (schema 2, units by code) is upgraded and keeps its data") {
  // Built as schema version 2 was: db/schema.sql + migration 002, the 2020 units with codes as
  // keys, and a few facts keyed by code.
  fs::path db = ntm::test::temp_dir() / "schema-2.db";
  fs::remove(db);
  {
    ntm::store::Database d(db, ntm::store::OpenMode::Create);
    std::ifstream s1(fs::path(NTM_SOURCE_DIR) / "db" / "schema.sql"), s2(fs::path(NTM_SOURCE_DIR) / "db" / "migrations" / "002_saved_runs.sql");
    std::stringstream a, b;
    a << s1.rdbuf();
    b << s2.rdbuf();
    d.exec("BEGIN; PRAGMA defer_foreign_keys = ON");
    d.exec(a.str());
    d.exec(b.str());
    d.exec("INSERT INTO region(code, name, sort) VALUES ('TDMNPB', 'a', 1), ('DBSH', 'b', 2), ('BTB', 'c', 3), "
           "('DHNTB', 'd', 4), ('TN', 'e', 5), ('DNB', 'f', 6), ('DBSCL', 'g', 7)");
    std::ifstream units(fs::path(NTM_SOURCE_DIR) / "db" / "units-2020.csv");
    std::string line;
    std::getline(units, line);
    auto insert = d.prepare("INSERT INTO unit(code, kind, type, name, name_with_type, parent_code) VALUES (?, ?, ?, ?, ?, ?)");
    while (std::getline(units, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> f;
      std::stringstream ss(line);
      std::string cell;
      while (std::getline(ss, cell, ',')) f.push_back(cell);
      if (f.size() == 5) f.push_back("");
      insert.bind(1, f[0]).bind(2, f[1]).bind(3, f[2]).bind(4, f[3]).bind(5, f[4]);
      if (f[5].empty()) insert.bind_null(6); else insert.bind(6, f[5]);
      insert.run();
    }
    d.exec("UPDATE unit SET region = 'TDMNPB' WHERE code = '11'; UPDATE unit SET border = 1 WHERE code = '03163'");
    std::ifstream s3(fs::path(NTM_SOURCE_DIR) / "db" / "reference" / "30_criteria_1980.sql"),
        s4(fs::path(NTM_SOURCE_DIR) / "db" / "reference" / "20_funding_sources.sql");
    std::stringstream c, f;
    c << s3.rdbuf();
    f << s4.rdbuf();
    d.exec(f.str());
    std::string sql = c.str();
    // The 1980 file as schema 2 had it (column `province`, years 2016-2020).
    for (std::string from : {"province_id, year"}) {
      for (auto pos = sql.find(from); pos != std::string::npos; pos = sql.find(from)) sql.replace(pos, from.size(), "province, year");
    }
    d.exec(sql);
    d.exec("INSERT INTO unit_tag VALUES ('03163', 'thử'); "
           "INSERT INTO criterion_status(unit_code, year, set_id, criterion, met, by) VALUES ('03163', 2020, '1980-xa', 1, 1, 'assessed'); "
           "INSERT INTO funding(unit_code, year, source, stage, amount) SELECT '11', 2020, 'central', 'plan', 5 WHERE 0; "
           "PRAGMA user_version = 2; COMMIT");
  }
  auto read = cli("--db '" + db.string() + "' check --province 11 --year 2020 --no-rules --format json");
  CHECK(read.err.find("Đã nâng cấp cơ sở dữ liệu") != std::string::npos);
  CHECK(read.status == 1);   // the other 114 communes have no data for 2020: said, exit 1
  json r = json::parse(read.out);
  CHECK(r["communes"] == 115);
  CHECK(r["with_data"] == 1);
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  CHECK(d.user_version() == ntm::store::kSchemaVersion);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM criterion_status s JOIN unit u ON u.id = s.unit_id WHERE u.code = '03163'")) == 1);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM unit_tag t JOIN unit u ON u.id = t.unit_id WHERE u.code = '03163'")) == 1);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM unit_class c JOIN unit u ON u.id = c.unit_id WHERE u.code = '03163' AND c.key = 'bien-gioi'")) == 1);
  // The map's history was added: 34 provinces today.
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM unit_version WHERE kind = 'province' AND valid_to IS NULL")) == 34);
  CHECK(std::get<std::int64_t>(*d.scalar("SELECT valid_to FROM criteria_set WHERE id = '1980-xa'")) == 2021);
}

TEST_CASE("every shipped check runs on both samples, in every format") {
  for (const char* sample : {"dien-bien-2020", "bac-giang-2020"}) {
    for (const char* format : {"text", "csv", "json"}) {
      CAPTURE(sample);
      CAPTURE(format);
      bool dien_bien = std::string(sample) == "dien-bien-2020";
      auto r = cli("--db '" + ntm::test::sample_db(sample).string() + "' check --province " + (dien_bien ? "11" : "24") +
                   " --year 2020 --format " + format);
      CHECK(r.status == (dien_bien ? 0 : 1));   // Bắc Giang: the funding error finding
      // Quiet by default: one summary line on standard error, no hashes.
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
      CHECK(r.err.rfind("Đã rà soát ", 0) == 0);
      CHECK(r.err.find("[ntm] sha256 ") == std::string::npos);
      CHECK_FALSE(r.out.empty());
      // --verbose adds the hashes, once per script although two scripts use lib/review.lua.
      if (std::string(format) == "json") {
        auto v = cli("--db '" + ntm::test::sample_db(sample).string() + "' check -v --province " + (dien_bien ? "11" : "24") +
                     " --year 2020");
        CHECK(v.messages().find("Đã rà soát ") != std::string::npos);
        auto once = [&](const std::string& label) {
          std::size_t n = 0;
          for (auto at = v.err.find("  " + label + "\n"); at != std::string::npos; at = v.err.find("  " + label + "\n", at + 1)) ++n;
          return n;
        };
        CHECK(once("lib/review.lua") == 1);
        CHECK(once("checks/tieu-chi-xa.lua") == 1);
      }
    }
  }
  auto csv = cli("--db '" + ntm::test::sample_db("dien-bien-2020").string() + "' check --province 11 --year 2020 --format csv");
  CHECK(csv.out.rfind("Mã xã,Tên xã,Huyện,Số tiêu chí đạt,TC 1,TC 2,", 0) == 0);
  CHECK(csv.out.find(",Đạt,") != std::string::npos);
  CHECK(csv.out.find(",Chưa đạt,") != std::string::npos);
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 116);
  auto findings = cli("--db '" + ntm::test::sample_db("dien-bien-2020").string() +
                      "' check --province 11 --year 2020 --findings --format csv");
  CHECK(findings.out.rfind("rule,level,district,code,name,message,script", 0) == 0);
}

TEST_CASE("bad input: unknown province, district, tag, a year without data") {
  std::string db = "--db '" + ntm::test::sample_db("dien-bien-2020").string() + "' ";
  auto province = cli(db + "check --province 'Dien Bine' --year 2020");
  CHECK(province.status == 2);   // a command-line error, found before any script runs
  CHECK(province.err.rfind("Lỗi dòng lệnh: --province Dien Bine: không tìm thấy tỉnh 'Dien Bine'; có phải: Điện Biên", 0) == 0);
  CHECK(province.err.find("có phải: Điện Biên") != std::string::npos);
  auto district = cli(db + "check --province 11 --year 2020 --district 'Nam Po'");
  CHECK(district.status == 0);
  // A value the data does not have is a command-line error (exit 2): one line that names the
  // flag and what exists, and no traceback.
  auto bad_district = cli(db + "check --province 11 --year 2020 --district 'Nam Poo'");
  CHECK(bad_district.status == 2);
  CHECK(bad_district.err.rfind("Lỗi dòng lệnh: --district Nam Poo: tỉnh Điện Biên không có huyện 'Nam Poo'; có phải: Nậm Pồ", 0) == 0);
  CHECK(std::count(bad_district.err.begin(), bad_district.err.end(), '\n') == 1);
  auto tag = cli(db + "check --province 11 --year 2020 --tag 'De an 29 xa bien gioi'");
  CHECK(tag.status == 0);   // accents optional
  auto bad_tag = cli(db + "check --province 11 --year 2020 --tag 'bien gioi 30'");
  CHECK(bad_tag.status == 2);
  CHECK(bad_tag.err == "Lỗi dòng lệnh: --tag bien gioi 30: tỉnh Điện Biên không có nhóm (tag) 'bien gioi 30'; "
                       "các nhóm có: Đề án 29 xã biên giới\n");
  auto year = cli(db + "check --province 11 --year 2012");
  CHECK(year.status == 2);
  CHECK(year.err.rfind("Lỗi dòng lệnh: --year 2012: không có dữ liệu năm 2012 của tỉnh Điện Biên", 0) == 0);
  CHECK(year.err.find("; các năm có dữ liệu: 2015, 2016, 2017, 2018, 2019, 2020\n") != std::string::npos);
  CHECK(std::count(year.err.begin(), year.err.end(), '\n') == 1);
  auto set = cli(db + "check --province 11 --year 2020 --set 999-xa");
  CHECK(set.status == 2);
  CHECK(set.err.find("--set 999-xa: không có bộ tiêu chí '999-xa' (có: ") != std::string::npos);
  auto english = cli("--lang en " + db + "check --province 11 --year 2012");
  CHECK(english.status == 2);
  CHECK(english.err.rfind("Command-line error: --year 2012: no data for year 2012 in province Điện Biên", 0) == 0);
  CHECK(english.err.find("; years with data: 2015, 2016, 2017, 2018, 2019, 2020\n") != std::string::npos);
  auto missing = cli(db + "check --year 2020");
  CHECK(missing.status == 2);
}

TEST_CASE("ntm check --province all: every province with data, a national block, one process") {
  fs::path dir = ntm::test::temp_dir() / "national";
  fs::create_directories(dir);
  fs::path db = dir / "two.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), db, fs::copy_options::overwrite_existing);
  const std::string bg = "--db '" + ntm::test::sample_db("bac-giang-2020").string() + "'";
  const std::string two = "--db '" + db.string() + "'";
  // Bắc Giang's 2020 values and statuses moved into the Điện Biên database, as an office would.
  REQUIRE(ntm::test::ntm(bg + " export indicators --province 'Bắc Giang' --year 2020 -o '" + (dir / "i.csv").string() + "'").status == 0);
  REQUIRE(ntm::test::ntm(bg + " export statuses --province 'Bắc Giang' --year 2020 -o '" + (dir / "s.csv").string() + "'").status == 0);
  REQUIRE(ntm::test::ntm(two + " import indicators '" + (dir / "i.csv").string() + "'").status == 0);
  REQUIRE(ntm::test::ntm(two + " import statuses '" + (dir / "s.csv").string() + "'").status == 0);

  auto r = ntm::test::ntm(two + " check --province all --year 2020 --format json");
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["national"]["provinces"] == 2);
  CHECK(j["national"]["communes"] == 115 + 184);
  CHECK(j["national"]["standard"] == 21 + 127);
  // The national average is over communes, not the mean of the provinces' averages.
  CHECK(j["national"]["average"].get<double>() == doctest::Approx((11.75 * 115 + 16.3 * 184) / 299).epsilon(0.001));
  CHECK(j["provinces"].size() == 2);
  CHECK(j["provinces"][0]["province"] == "Điện Biên");
  CHECK(j["provinces"][1]["standard"] == 127);
  CHECK(j["national"]["criteria"]["2"] == j["provinces"][0]["criteria"]["2"].get<int>() + j["provinces"][1]["criteria"]["2"].get<int>());

  auto listed = ntm::test::ntm(two + " check --province 'bac giang, dien bien' --year 2020 --format csv --no-rules");
  CHECK(listed.status == 0);
  CHECK(listed.out.find("Cả nước,299,299,148,") != std::string::npos);
  auto text = ntm::test::ntm(two + " check --province all --year 2020 --no-rules");
  CHECK(text.out.find("Rà soát tiêu chí xã nông thôn mới — 2 tỉnh, năm 2020") != std::string::npos);
  CHECK(text.out.find("Đạt chuẩn: 148 (49,50%)") != std::string::npos);

  auto unknown = ntm::test::ntm(two + " check --province 'Điện Biên, Atlantis' --year 2020");
  CHECK(unknown.status == 2);   // a command-line error, like any unknown --province
  CHECK(unknown.err.find("--province Điện Biên, Atlantis: ") != std::string::npos);
  CHECK(unknown.err.find("Atlantis") != std::string::npos);
  auto none = ntm::test::ntm(two + " check --province all --year 2012");
  CHECK(none.status == 2);
  CHECK(none.err.find("--year 2012: ") != std::string::npos);
  CHECK(none.err.find("không tỉnh nào có số liệu tiêu chí năm 2012") != std::string::npos);

  // A span over every province: the national check at the end of the year before the span
  // and at its end, each on its own map; the change national and per province. Bắc Giang has
  // no 2015 data here, so the two ends do not cover the same provinces, and the output says so.
  auto span = ntm::test::ntm(two + " check --province all --from 2016 --to 2020 --format json");
  INFO(span.err);
  REQUIRE(span.status == 0);
  auto p = nlohmann::json::parse(span.out);
  auto db2015 = nlohmann::json::parse(ntm::test::ntm(two + " check --province 'Điện Biên' --year 2015 --format json --no-rules").out);
  CHECK(p["period"]["start_year"] == 2015);
  CHECK(p["start"]["national"]["provinces"] == 1);
  CHECK(p["end"]["national"]["provinces"] == 2);
  CHECK(p["change"]["standard"]["start"] == db2015["standard"]);
  CHECK(p["change"]["standard"]["end"] == 21 + 127);
  CHECK(p["change"]["standard"]["change"] == 148 - db2015["standard"].get<int>());
  CHECK(p["same_provinces"] == false);
  REQUIRE(p["provinces"].size() == 2);
  CHECK(p["provinces"][0]["province"] == "Điện Biên");
  CHECK(p["provinces"][0]["change"]["standard"]["end"] == 21);
  CHECK(p["provinces"][0]["change"]["criteria"]["2"]["start"] == db2015["criteria"]["2"]);
  CHECK_FALSE(p["provinces"][1].contains("change"));   // Bắc Giang: nothing to compare with
  CHECK(p["findings"].size() == j["findings"].size());   // the rules ran on the end year only
  CHECK(span.err.find("không gồm cùng các tỉnh (1 / 2 tỉnh)") != std::string::npos);
  auto span_text = ntm::test::ntm(two + " check --province all --from 2016 --to 2020 --no-rules");
  CHECK(span_text.out.find("Giai đoạn 2016-2020: so sánh cuối năm 2015 với cuối năm 2020") != std::string::npos);
  CHECK(span_text.out.find("Số xã đạt chuẩn: " + std::to_string(db2015["standard"].get<int>()) + " → 148") != std::string::npos);
  CHECK(span_text.out.find("1 tỉnh không có ở năm đầu") != std::string::npos);
  auto span_csv = ntm::test::ntm(two + " check --province all --from 2016 --to 2020 --no-rules --format csv");
  CHECK(span_csv.out.find("11,Điện Biên," + std::to_string(db2015["standard"].get<int>()) + ",21,") != std::string::npos);
  auto late = ntm::test::ntm(two + " check --province all --from 2016 --to 2031");
  CHECK(late.status == 2);
  CHECK(late.err.find("--to 2031: ") != std::string::npos);
}

TEST_CASE("a finding is said once, though a rule runs the review again") {
  // so-lieu-in runs the review to compare the printed figures; the commune without data is
  // one finding, not one per script that reviewed it.
  fs::path db = copy_of("dien-bien-2020", "said-once");
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    REQUIRE(d.prepare("SELECT count(*) FROM statistic").step());
    d.exec("DELETE FROM indicator_value WHERE year = 2020 AND unit_id = (SELECT id FROM unit WHERE code = '03166' AND kind = 'commune')");
    d.exec("DELETE FROM criterion_status WHERE year = 2020 AND by = 'assessed' AND unit_id = (SELECT id FROM unit WHERE code = '03166' AND kind = 'commune')");
  }
  json r = check_json(db, "--province 'Điện Biên' --year 2020", 1);
  int no_data = 0, printed = 0;
  for (const auto& f : r["findings"]) {
    if (f["rule"] == "chua-co-so-lieu") ++no_data;
    if (f["rule"] == "so-lieu-in") ++printed;
  }
  CHECK(no_data == 1);
  CHECK(printed > 0);   // so-lieu-in did run the review: the printed figures now disagree
}

TEST_CASE("thieu-chi-tieu: a missing value, a value out of its range and a yes/no value not 0 or 1 are each said") {
  fs::path db = copy_of("dien-bien-2020", "gaps");
  auto rule_findings = [](const json& r) {
    std::vector<json> out;
    for (const auto& f : r["findings"])
      if (f["rule"] == "thieu-chi-tieu" || f["rule"] == "gia-tri-ngoai-khoang") out.push_back(f);
    return out;
  };
  REQUIRE(rule_findings(check_json(db, "--province 11 --year 2020")).empty());
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    const std::string unit = "(SELECT id FROM unit WHERE code = '03166' AND kind = 'commune')";
    d.exec("UPDATE indicator_value SET value = 150 WHERE year = 2020 AND indicator = '11.1' AND unit_id = " + unit);
    d.exec("UPDATE indicator_value SET value = 0.5 WHERE year = 2020 AND indicator = '1.1' AND unit_id = " + unit);
    d.exec("DELETE FROM indicator_value WHERE year = 2020 AND indicator IN ('12.1', '17.3') AND unit_id = " + unit);
  }
  json r = check_json(db, "--province 11 --year 2020", 1);   // exit 1: the values out of range are errors
  auto found = rule_findings(r);
  REQUIRE(found.size() == 3);
  for (const auto& f : found) CHECK(f["code"] == "03166");
  // In the set's order: 1.1 before 11.1; then the missing ones, in one finding.
  CHECK(found[0]["rule"] == "gia-tri-ngoai-khoang");
  CHECK(found[0]["message"] == "chỉ tiêu 1.1 là đạt/không đạt nhưng có giá trị 0.5 (chỉ nhận 0 hoặc 1)");
  CHECK(found[1]["rule"] == "gia-tri-ngoai-khoang");
  CHECK(found[1]["message"].get<std::string>().find("chỉ tiêu 11.1 (") == 0);
  CHECK(found[1]["message"].get<std::string>().find(") = 150, ngoài khoảng hợp lý [0; 100]") != std::string::npos);
  CHECK(found[2]["rule"] == "thieu-chi-tieu");
  CHECK(found[2]["message"] == "thiếu số liệu 2 chỉ tiêu: 12.1, 17.3 (các tiêu chí liên quan bị tính là chưa đạt)");
}

TEST_CASE("a set with a criterion numbered past 64 is reviewed criterion by criterion, with the same figures") {
  // x:decision answers in 64-bit masks; a set numbering a criterion 70 takes the review's other
  // path (review.decide for each criterion), which must count exactly what the masks count.
  fs::path db = copy_of("dien-bien-2020", "criterion-70");
  json before = check_json(db, "--province 11 --year 2020 --no-rules");
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    d.exec("PRAGMA foreign_keys = OFF");
    d.exec("UPDATE criterion SET number = 70 WHERE set_id = '1980-xa' AND number = 19");
    d.exec("UPDATE indicator SET criterion = 70 WHERE set_id = '1980-xa' AND criterion = 19");
    d.exec("UPDATE criterion_status SET criterion = 70 WHERE set_id = '1980-xa' AND criterion = 19");
  }
  json after = check_json(db, "--province 11 --year 2020 --no-rules");
  REQUIRE(after["criteria_count"] == 19);
  CHECK(after["criteria"]["70"] == before["criteria"]["19"]);
  CHECK_FALSE(after["criteria"].contains("19"));
  for (int n = 1; n <= 18; ++n) CHECK(after["criteria"][std::to_string(n)] == before["criteria"][std::to_string(n)]);
  CHECK(after["standard"] == before["standard"]);
  CHECK(after["bands"] == before["bands"]);
  CHECK(after["average"] == before["average"]);
  REQUIRE(after["results"].size() == before["results"].size());
  for (std::size_t i = 0; i < after["results"].size(); ++i) {
    const json& a = after["results"][i];
    const json& b = before["results"][i];
    CHECK(a["code"] == b["code"]);
    CHECK(a["count"] == b["count"]);
    std::vector<int> expected;
    for (const auto& m : b["met"]) expected.push_back(m.get<int>() == 19 ? 70 : m.get<int>());
    CHECK(a["met"].get<std::vector<int>>() == expected);
  }
}

TEST_CASE("x:met, x:count_met, x:decision, x:values and the review agree on every commune of every sample and year") {
  // Computed statuses saved by an earlier `check --save --write` never decide a criterion: a
  // commune whose values and assessed statuses are gone has no data, for the review and for x:met.
  fs::path db = ntm::test::temp_dir() / "agree.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), db, fs::copy_options::overwrite_existing);
  REQUIRE(ntm::test::ntm("--db '" + db.string() + "' check --province 'Điện Biên' --year 2020 --save --write --no-rules").status == 0);
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    d.exec("DELETE FROM indicator_value WHERE year = 2020 AND unit_id = (SELECT id FROM unit WHERE code = '03166' AND kind = 'commune')");
    d.exec("DELETE FROM criterion_status WHERE year = 2020 AND by = 'assessed' AND unit_id = (SELECT id FROM unit WHERE code = '03166' AND kind = 'commune')");
  }
  const char* script = R"(
    local review = ntm.use("review")
    local tinh = ntm.province(PROVINCE, { year = MAP_YEAR })
    local checked, disagree = 0, {}
    for _, y in ipairs(tinh:years()) do
      local r = review.run{ province = tinh.name, year = y }
      local met = {}
      for _, x in ipairs(r.results) do
        met[x.code] = {}
        for _, n in ipairs(x.met) do met[x.code][n] = true end
      end
      for x in tinh:communes{ year = y } do
        local set = ntm.criteria(x.criteria_set)
        if x:has_data() then
          local count = 0
          for _, c in ipairs(set.criteria) do
            if x:met(c.number) ~= (met[x.code][c.number] == true) then disagree[#disagree + 1] = y .. " " .. x.code .. " " .. c.number end
            if x:met(c.number) then count = count + 1 end
          end
          if count ~= x:count_met() then disagree[#disagree + 1] = y .. " " .. x.code .. " count" end
          -- x:decision, every criterion in one call, says what x:status, x:assessed and
          -- x:failing say one criterion at a time.
          local n, mask, source, disagrees, no_threshold, met_list = x:decision()
          if n ~= count then disagree[#disagree + 1] = y .. " " .. x.code .. " decision count" end
          -- The list of the criteria met, in the set's order, is what x:met says criterion by criterion.
          local expected = {}
          for _, c in ipairs(set.criteria) do if x:met(c.number) then expected[#expected + 1] = c.number end end
          if #met_list ~= n or table.concat(met_list, ",") ~= table.concat(expected, ",") then
            disagree[#disagree + 1] = y .. " " .. x.code .. " decision list"
          end
          -- x:values, every value in one table, says what x[id] says one indicator at a time.
          local values, present = x:values(), 0
          for _, id in ipairs(set.order) do
            if values[id] ~= x[id] then disagree[#disagree + 1] = y .. " " .. x.code .. " values " .. id end
            if x[id] ~= nil then present = present + 1 end
          end
          for _ in pairs(values) do present = present - 1 end
          if present ~= 0 then disagree[#disagree + 1] = y .. " " .. x.code .. " values count" end
          for _, c in ipairs(set.criteria) do
            local bit = 1 << (c.number - 1)
            local ok, how = x:status(c.number)
            local assessed = x:assessed(c.number)
            local _, missing = x:failing(c.number)
            if (mask & bit ~= 0) ~= ok or (how == "indicators" and assessed ~= nil and assessed ~= ok) ~= (disagrees & bit ~= 0)
               or (#missing > 0) ~= (no_threshold & bit ~= 0) or (c == set.criteria[1] and how ~= source) then
              disagree[#disagree + 1] = y .. " " .. x.code .. " decision " .. c.number
            end
          end
        else
          if met[x.code] then disagree[#disagree + 1] = y .. " " .. x.code .. " reviewed without data" end
          for _, c in ipairs(set.criteria) do
            if x:met(c.number) then disagree[#disagree + 1] = y .. " " .. x.code .. " met without data" end
          end
        end
        checked = checked + 1
      end
    end
    print(checked, #disagree, table.concat(disagree, "; ", 1, math.min(#disagree, 5)))
  )";
  // Province 24 is Bắc Giang on the map of 2020 (Bắc Ninh from 01/07/2025).
  const std::tuple<std::string, std::string, int> cases[] = {{"dien-bien-2020", "11", 2020}, {"bac-giang-2020", "24", 2020},
                                                             {"dien-bien-2026", "11", 2026}};
  for (const auto& [sample, code, year] : cases) {
    CAPTURE(sample);
    std::string source = "local PROVINCE, MAP_YEAR = '" + code + "', " + std::to_string(year) + "\n" + script;
    auto r = ntm::test::run_lua(source, ntm::test::sample_db(sample));
    INFO(r.message);
    REQUIRE(r.ok);
    CHECK(r.out.find("\t0\t") != std::string::npos);
    CHECK(std::atoi(r.out.c_str()) > 100);
  }
  auto r = ntm::test::run_lua(std::string("local PROVINCE, MAP_YEAR = '11', 2020\n") + script, db);
  INFO(r.message);
  REQUIRE(r.ok);
  CHECK(r.out.find("\t0\t") != std::string::npos);
}
