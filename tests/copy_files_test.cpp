// `ntm copy` between SQLite files (app/copy.h): a province's data moved whole, by year, as a dry
// run, and refused without a trace on bad input. The same command against a PostgreSQL server is
// in pg_commands_test.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;
using ntm::store::Database;
using ntm::store::OpenMode;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// A new database of the reference data only (the map, the criteria), or of a sample.
fs::path fresh(const std::string& name, const std::string& sample = {}) {
  fs::path path = ntm::test::temp_dir() / (name + ".db");
  fs::remove(path);
  auto made = ntm::test::ntm("init --db " + quoted(path) + (sample.empty() ? "" : " --sample " + sample));
  REQUIRE(made.status == 0);
  return path;
}

std::int64_t count(const fs::path& path, const std::string& sql) {
  Database db(path, OpenMode::ReadOnly);
  return std::get<std::int64_t>(*db.scalar(sql));
}

// The CSV table of changes: table → "added,changed,removed,same".
std::string changes(const std::string& csv, const std::string& table) {
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(table + ",", 0) == 0) return line.substr(table.size() + 1);
  return "(no row for " + table + ")";
}

std::string check_json(const fs::path& db) {
  auto run = ntm::test::ntm("check --db " + quoted(db) + " --province 11 --year 2020 --format json");
  CHECK(run.status == 0);
  return run.out;
}

}  // namespace

TEST_CASE("copy: a province from a sample file to a new file and back; the review is the same and nothing differs") {
  fs::path source = fresh("copy-source", "dien-bien-2020");
  fs::path dest = fresh("copy-dest");
  const std::int64_t values = count(source, "SELECT count(*) FROM indicator_value");
  REQUIRE(values > 1000);

  auto first = ntm::test::ntm("copy --from " + quoted(source) + " --to " + quoted(dest) + " --province \"Dien Bien\" --format csv");
  REQUIRE(first.status == 0);
  CHECK(changes(first.out, "indicator_value") == std::to_string(values) + ",0,0,0");
  // The villages the sample added to the map travel with their data.
  CHECK(changes(first.out, "unit").substr(0, 2) == "8,");
  CHECK(first.err.find("Đã chép tỉnh Điện Biên (11), mọi năm từ tệp ") != std::string::npos);
  CHECK(ntm::test::province_rows(dest) == ntm::test::province_rows(source));
  CHECK(count(dest, "SELECT count(*) FROM indicator_value") == values);
  CHECK(check_json(dest) == check_json(source));

  // Again, and back: nothing to do either way.
  auto again = ntm::test::ntm("copy --from " + quoted(source) + " --to " + quoted(dest) + " --province 11 --format csv");
  CHECK(again.status == 0);
  CHECK(changes(again.out, "indicator_value") == "0,0,0," + std::to_string(values));
  CHECK(again.err.find("thêm 0, sửa 0, xoá 0 dòng") != std::string::npos);
  auto back = ntm::test::ntm("copy --from " + quoted(dest) + " --to " + quoted(source) + " --province 11");
  CHECK(back.status == 0);
  CHECK(back.err.find("thêm 0, sửa 0, xoá 0 dòng") != std::string::npos);

  // Within the scope the destination ends equal to the source: a changed value is changed, a
  // value only the destination has is removed.
  {
    Database db(source, OpenMode::ReadWrite);
    db.exec("UPDATE indicator_value SET value = value + 1 WHERE (unit_id, year, set_id, indicator) IN "
            "(SELECT unit_id, year, set_id, indicator FROM indicator_value ORDER BY 1, 2, 3, 4 LIMIT 2)");
    db.exec("DELETE FROM indicator_value WHERE (unit_id, year, set_id, indicator) IN "
            "(SELECT unit_id, year, set_id, indicator FROM indicator_value ORDER BY 1 DESC, 2, 3, 4 LIMIT 1)");
  }
  auto third = ntm::test::ntm("copy --from " + quoted(source) + " --to " + quoted(dest) + " --province 11 --format csv");
  CHECK(third.status == 0);
  CHECK(changes(third.out, "indicator_value") == "0,2,1," + std::to_string(values - 3));
  CHECK(ntm::test::province_rows(dest) == ntm::test::province_rows(source));
}

TEST_CASE("copy: a span of years copies those years only; a dry run writes nothing") {
  const fs::path& source = ntm::test::sample_db("dien-bien-2020");
  fs::path dest = fresh("copy-span");
  const std::string before = ntm::test::province_rows(dest);

  auto dry = ntm::test::ntm("copy --from " + quoted(source) + " --to " + quoted(dest) + " --province 11 --year 2020 --dry-run --format csv");
  CHECK(dry.status == 0);
  const std::int64_t in_2020 = count(source, "SELECT count(*) FROM indicator_value WHERE year = 2020");
  CHECK(changes(dry.out, "indicator_value") == std::to_string(in_2020) + ",0,0,0");
  CHECK(dry.err.find("Chạy thử, không ghi gì") != std::string::npos);
  CHECK(ntm::test::province_rows(dest) == before);

  auto statuses = ntm::test::ntm("copy --from " + quoted(source) + " --to " + quoted(dest) +
                                 " --province 11 --from-year 2016 --to-year 2017 --format csv");
  CHECK(statuses.status == 0);
  const std::int64_t status_rows = count(source, "SELECT count(*) FROM criterion_status WHERE year BETWEEN 2016 AND 2017");
  REQUIRE(status_rows > 0);
  CHECK(count(dest, "SELECT count(*) FROM criterion_status") == status_rows);
  CHECK(count(dest, "SELECT count(*) FROM criterion_status WHERE year NOT BETWEEN 2016 AND 2017") == 0);
  CHECK(count(dest, "SELECT count(*) FROM indicator_value") == 0);
  // Rows without a year are not in a span's scope.
  CHECK(changes(statuses.out, "unit_tag").find("no row") != std::string::npos);
  CHECK(statuses.err.find("các năm 2016-2017") != std::string::npos);
}

TEST_CASE("copy: bad input is refused with a message naming it, and the destination stays as it was") {
  const fs::path& source = ntm::test::sample_db("dien-bien-2020");
  fs::path dest = fresh("copy-refused");
  const std::string before = ntm::test::province_rows(dest);
  const std::string both = "copy --from " + quoted(source) + " --to " + quoted(dest);

  auto unknown = ntm::test::ntm(both + " --province \"Xứ Đoài\"");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("--province Xứ Đoài: không có tỉnh này trong tệp ") != std::string::npos);

  auto all = ntm::test::ntm(both + " --province all");
  CHECK(all.status == 2);
  CHECK(all.err.find("ntm copy chép một tỉnh") != std::string::npos);

  auto upside = ntm::test::ntm(both + " --province 11 --from-year 2020 --to-year 2016");
  CHECK(upside.status == 2);
  CHECK(upside.err.find("--from-year 2020 sau --to-year 2016") != std::string::npos);

  auto half = ntm::test::ntm(both + " --province 11 --from-year 2020");
  CHECK(half.status == 2);
  CHECK(half.err.find("--from-year và --to-year đi cùng nhau") != std::string::npos);

  auto itself = ntm::test::ntm("copy --from " + quoted(dest) + " --to " + quoted(dest) + " --province 11");
  CHECK(itself.status == 2);
  CHECK(itself.err.find("cùng một cơ sở dữ liệu") != std::string::npos);

  fs::path nowhere = ntm::test::temp_dir() / "khong-co.db";
  auto missing = ntm::test::ntm("copy --from " + quoted(nowhere) + " --to " + quoted(dest) + " --province 11");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("chưa có cơ sở dữ liệu " + nowhere.string()) != std::string::npos);
  CHECK(!fs::exists(nowhere));

  fs::path text = ntm::test::temp_dir() / "khong-phai.db";
  std::ofstream(text) << "Đây là một tệp văn bản, không phải cơ sở dữ liệu.\n";
  auto not_db = ntm::test::ntm("copy --from " + quoted(text) + " --to " + quoted(dest) + " --province 11");
  CHECK(not_db.status == 1);
  CHECK(not_db.err.find("tệp " + text.string() + " không phải là cơ sở dữ liệu SQLite") != std::string::npos);

  auto neither = ntm::test::ntm("copy --province 11");
  CHECK(neither.status == 2);
  CHECK(neither.err.find("cho --from, --to hoặc cả hai") != std::string::npos);

  CHECK(ntm::test::province_rows(dest) == before);
}
