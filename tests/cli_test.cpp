// The `ntm` command line: exit statuses, messages, parameters, and databases left as they were.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/hash.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

ntm::test::Command cli(const std::string& args) { return ntm::test::ntm(args); }

std::string db_flag(const fs::path& p) { return "--db '" + p.string() + "' "; }

fs::path write_script(const std::string& name, const std::string& source) {
  fs::path p = ntm::test::temp_dir() / name;
  std::ofstream(p) << source;
  return p;
}

std::string file_hash(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return ntm::sha256_hex(s.str());
}

}  // namespace

TEST_CASE("version, help and a bad command line") {
  auto v = cli("--version");
  CHECK(v.status == 0);
  CHECK(v.out.find("ntm 0.1.0") != std::string::npos);
  auto h = cli("--help");
  CHECK(h.status == 0);
  CHECK(h.out.find("check") != std::string::npos);
  auto bad = cli("--no-such-flag");
  CHECK(bad.status == 2);
  CHECK(bad.err.find("Lỗi dòng lệnh") != std::string::npos);
  auto none = cli("");   // `ntm` alone lists the commands
  CHECK(none.status == 0);
  CHECK(none.out.find("Lệnh:") != std::string::npos);
  CHECK(none.out.find("  check ") != std::string::npos);
  CHECK(none.err.empty());
}

TEST_CASE("ntm run walks the communes of a province and lists a script's parameters") {
  std::string db = db_flag(ntm::test::sample_db("dien-bien-2020"));
  auto r = cli(db + "run danh-sach-xa --province 'dien bien' --year 2020 --district 'Nậm Pồ'");
  CHECK(r.status == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 15);   // Nậm Pồ has 15 communes
  CHECK(r.out.find("\tNậm Pồ\t") != std::string::npos);
  CHECK(r.err.find("[ntm] sha256 ") == std::string::npos);   // quiet by default
  // Provenance with --verbose: the SHA-256 of every script the run loaded.
  auto v = cli(db + "run danh-sach-xa --verbose --province 'dien bien' --year 2020 --district 'Nậm Pồ'");
  CHECK(v.err.find("[ntm] sha256 ") != std::string::npos);
  CHECK(v.err.find("danh-sach-xa.lua") != std::string::npos);
  auto help = cli("run danh-sach-xa --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("--province <chuỗi> (bắt buộc)") != std::string::npos);
  CHECK(help.out.find("--year <số nguyên>") != std::string::npos);
  auto list = cli("run --help");   // without a script: the scripts there are
  CHECK(list.status == 0);
  CHECK(list.out.find("Cách dùng: ntm run [SCRIPT]") != std::string::npos);
  CHECK(list.out.find("examples/danh-sach-xa") != std::string::npos);
  CHECK(list.out.find("reports/dien-bien") != std::string::npos);
  auto scripts = cli("scripts");
  CHECK(scripts.status == 0);
  CHECK(scripts.out.find("examples/danh-sach-xa") != std::string::npos);
  CHECK(scripts.out.find("checks/tieu-chi-xa") != std::string::npos);
}

TEST_CASE("exit statuses: script error 1, limit 3, bad parameter 2") {
  std::string db = db_flag(ntm::test::sample_db("dien-bien-2020"));
  auto error = cli(db + "run '" + write_script("loi.lua", "local x = 1\nlocal function f() return nil + x end\nf()\n").string() + "'");
  CHECK(error.status == 1);
  CHECK(error.err.find("loi.lua:2:") != std::string::npos);
  // The script lines that led to the error, in the user's language; Lua's raw traceback
  // (C functions included) only with --verbose.
  CHECK(error.err.find("Các lời gọi dẫn tới lỗi (mới nhất trước):\n") != std::string::npos);
  CHECK(error.err.find("loi.lua:2 (trong hàm f)\n") != std::string::npos);
  CHECK(error.err.find("loi.lua:3 (thân script)\n") != std::string::npos);
  CHECK(error.err.find("stack traceback") == std::string::npos);
  CHECK(error.err.find("[C]") == std::string::npos);
  auto raw = cli(db + "run -v '" + write_script("loi.lua", "local x = 1\nlocal function f() return nil + x end\nf()\n").string() + "'");
  CHECK(raw.err.find("stack traceback") != std::string::npos);
  auto limit = cli(db + "run '" + write_script("vong.lua", "while true do end\n").string() + "' --time-limit 0.5");
  CHECK(limit.status == 3);
  CHECK(limit.err.find("vượt giới hạn thời gian (0.5 giây; đổi bằng --time-limit)") != std::string::npos);
  CHECK(limit.err.find("vong.lua:1") != std::string::npos);
  auto memory = cli(db + "run '" + write_script("bo-nho.lua", "local t = {} while true do t[#t + 1] = {} end\n").string() +
                    "' --memory-limit 16");
  CHECK(memory.status == 3);
  CHECK(memory.err.find("giới hạn bộ nhớ (16 MiB") != std::string::npos);
  auto instructions = cli(db + "run '" + write_script("lenh.lua", "for i = 1, 1e12 do end\n").string() +
                          "' --instruction-limit 100000");
  CHECK(instructions.status == 3);
  auto undeclared = cli(db + "run danh-sach-xa --province 11 --colour red");
  CHECK(undeclared.status == 2);
  CHECK(undeclared.err.find("không có tham số --colour") != std::string::npos);
  auto misspelt = cli(db + "run danh-sach-xa --province 11 --time-limt 5");   // a flag of the command, misspelt
  CHECK(misspelt.status == 2);
  CHECK(misspelt.err == "Lỗi dòng lệnh: không có tùy chọn --time-limt cho ntm run; có phải: --time-limit? (xem: ntm run --help)\n");
  auto wrong_type = cli(db + "run danh-sach-xa --province 11 --year hai-nghin");
  CHECK(wrong_type.status == 2);
  CHECK(wrong_type.err.find("cần số nguyên") != std::string::npos);
  auto missing = cli(db + "run no-such-script");
  CHECK(missing.status == 2);
}

TEST_CASE("--lang en switches messages to English") {
  std::string db = db_flag(ntm::test::sample_db("dien-bien-2020"));
  auto r = cli("--lang en " + db + "run danh-sach-xa --province 'dien bin'");
  CHECK(r.status == 2);   // the value of a parameter the data does not have
  CHECK(r.err.rfind("Command-line error: --province dien bin: no province named 'dien bin'; did you mean: Điện Biên", 0) == 0);
  auto help = cli("--lang en check --help");
  // --year is not on the usage line: --from/--to or ntm.toml may stand in for it.
  CHECK(help.out.find("Usage: ntm check [SCRIPT] --province PROVINCE [options]") != std::string::npos);
  CHECK(help.out.find("--year YEAR") != std::string::npos);
  auto year = cli("check --lang en --year 21 --province 11");
  CHECK(year.err == "Command-line error: --year: expected a year from 1990 to 2100, got '21'\n");
}

TEST_CASE("a failing script leaves the database exactly as it was") {
  fs::path copy = ntm::test::temp_dir() / "unchanged.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), copy, fs::copy_options::overwrite_existing);
  std::string before = file_hash(copy);
  for (const char* source : {"ntm.sql('DELETE FROM unit')", "while true do end", "error('x')",
                             "local t = {} while true do t[#t+1] = ('x'):rep(1000) end"}) {
    auto r = cli(db_flag(copy) + "run '" + write_script("fail.lua", source).string() + "' --time-limit 0.5 --memory-limit 32");
    CHECK(r.status != 0);
  }
  CHECK(file_hash(copy) == before);
}

TEST_CASE("ntm init: refuses to overwrite, leaves nothing behind on failure") {
  fs::path db = ntm::test::temp_dir() / "init-test.db";
  fs::remove(db);
  auto first = cli(db_flag(db) + "init");
  CHECK(first.status == 0);
  CHECK(first.err == "Đã tạo cơ sở dữ liệu " + db.string() + " (14.878 đơn vị hành chính qua các thời kỳ, 7 bộ tiêu chí).\n");
  auto detail = cli(db_flag(db) + "init --force -v");
  CHECK(detail.err.find("14878 đơn vị hành chính qua các thời kỳ") != std::string::npos);
  CHECK(detail.err.find("13 ngày thay đổi") != std::string::npos);
  std::string hash = file_hash(db);
  auto again = cli(db_flag(db) + "init");
  CHECK(again.status == 2);
  CHECK(again.err.find("--force") != std::string::npos);
  auto bad_sample = cli(db_flag(db) + "init --force --sample ha-noi-2020");
  CHECK(bad_sample.status == 2);
  CHECK(bad_sample.err.find("dien-bien-2020") != std::string::npos);
  CHECK(file_hash(db) == hash);
  fs::path nowhere = ntm::test::temp_dir() / "no-such-folder" / "x.db";
  auto failed = cli(db_flag(nowhere) + "init");
  CHECK(failed.status == 1);
  CHECK_FALSE(fs::exists(nowhere));
  for (const auto& e : fs::directory_iterator(ntm::test::temp_dir()))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
  auto no_db = cli(db_flag(ntm::test::temp_dir() / "missing.db") + "run danh-sach-xa --province 11");
  CHECK(no_db.status == 1);
  CHECK(no_db.err.find("ntm init") != std::string::npos);
}

TEST_CASE("ntm query answers read-only SQL in three formats") {
  std::string db = db_flag(ntm::test::sample_db("dien-bien-2020"));
  auto table = cli(db + "query \"SELECT name, type FROM unit_version WHERE parent_code = '103' ORDER BY code LIMIT 2\"");
  CHECK(table.status == 0);
  CHECK(table.out.find("(2 dòng)") != std::string::npos);
  auto json = cli(db + "query \"SELECT count(*) AS n FROM unit_version WHERE kind = 'province' AND valid_from IS NULL\" --format json");
  CHECK(json.out.find("\"n\": 63") != std::string::npos);
  auto csv = cli(db + "query \"SELECT code FROM unit WHERE code = '11'\" --format csv");
  CHECK(csv.out == "code\n11\n");
  auto write = cli(db + "query \"DELETE FROM unit\"");
  CHECK(write.status != 0);
}
