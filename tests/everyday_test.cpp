// The everyday tools: ntm query -e, ntm repl (completion, limits, Ctrl-C, history),
// ntm doc, ntm new + ntm test.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/api_doc.h"
#include "app/paths.h"
#include "app/repl.h"
#include "model/text.h"
#include "model/units.h"
#include "support.h"

namespace fs = std::filesystem;
using ntm::test::slurp;

namespace {

fs::path db_copy(const std::string& name) {
  fs::path to = ntm::test::temp_dir() / ("everyday-" + name + ".db");
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), to, fs::copy_options::overwrite_existing);
  return to;
}


// Runs a shell pipeline with the ntm binary as $NTM; returns exit status, stdout, stderr.
ntm::test::Command shell(const std::string& pipeline, const fs::path& home) {
  static int counter = 0;
  fs::path out = ntm::test::temp_dir() / ("sh-" + std::to_string(++counter) + ".out");
  fs::path err = ntm::test::temp_dir() / ("sh-" + std::to_string(counter) + ".err");
  std::string command = "NTM='" + std::string(NTM_BINARY) + "'; export HOME='" + home.string() + "'; (" + pipeline +
                        ") >'" + out.string() + "' 2>'" + err.string() + "'";
  int raw = std::system(command.c_str());
  ntm::test::Command r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

void plain_printer(const ntm::lua::Shown& s, std::ostream& out) {
  if (s.kind == ntm::lua::Shown::Kind::Units)
    for (const auto& r : s.rows) out << r[0] << " " << r[1] << "\n";
  else if (s.kind == ntm::lua::Shown::Kind::Json) out << s.json.dump() << "\n";
  else out << s.text << "\n";
}

}  // namespace

TEST_CASE("ntm query -e answers a question about communes in one line") {
  fs::path db = db_copy("query");
  std::string expr = "ntm.province(\"dien bien\", {year = 2020}):district(\"nam po\"):communes{year=2020}:missing(17)";
  auto expected = ntm::test::run_lua("local l = " + expr + "\nprint(#l, l[1].code)", db);
  REQUIRE(expected.ok);
  int n = std::stoi(expected.out);
  std::string first = expected.out.substr(expected.out.find('\t') + 1, 5);
  CHECK(n > 0);

  auto table = ntm::test::ntm("query -e '" + expr + "' --db '" + db.string() + "'");
  CHECK(table.status == 0);
  CHECK(table.out.rfind("Mã     Tên", 0) == 0);
  CHECK(table.out.find(first + "  Xã ") != std::string::npos);
  CHECK(table.out.find("Huyện Nậm Pồ") != std::string::npos);
  CHECK(table.out.find("(" + std::to_string(n) + " dòng)") != std::string::npos);

  auto json = ntm::test::ntm("query -e '" + expr + "' --format json --db '" + db.string() + "'");
  REQUIRE(json.status == 0);
  auto rows = nlohmann::json::parse(json.out);
  CHECK(rows.size() == static_cast<std::size_t>(n));
  CHECK(rows[0]["code"] == first);
  CHECK(rows[0]["district"] == "Huyện Nậm Pồ");

  auto scalar = ntm::test::ntm("query -e '#ntm.province(\"11\"):communes{year=2020}' --db '" + db.string() + "'");
  CHECK(scalar.out == "115\n");
  auto xlsx = ntm::test::ntm("query -e '" + expr + "' --format xlsx --db '" + db.string() + "'");
  CHECK(xlsx.status == 2);   // xlsx needs -o
  fs::path out = ntm::test::temp_dir() / "q.xlsx";
  CHECK(ntm::test::ntm("query -e '" + expr + "' --format xlsx -o '" + out.string() + "' --db '" + db.string() + "'").status == 0);
  CHECK(fs::file_size(out) > 1000);
  auto bad = ntm::test::ntm("query -e 'ntm.province(\"dien bienn\")' --db '" + db.string() + "'");
  CHECK(bad.status == 1);
  CHECK(bad.err.find("Điện Biên") != std::string::npos);
}

TEST_CASE("the REPL completes ntm names, methods and unit names") {
  fs::path db = db_copy("complete");
  std::ostringstream out, err;
  ntm::app::Repl repl(db, {}, out, err, plain_printer);
  auto c = repl.complete("x = ntm.pro", 11);
  CHECK(c.start == 4);
  CHECK(has(c.candidates, "ntm.province"));
  CHECK(has(repl.complete("ntm.fmt.nu", 10).candidates, "ntm.fmt.number"));
  CHECK(has(repl.complete("pri", 3).candidates, "print"));
  CHECK(has(repl.complete("whi", 3).candidates, "while"));

  // Inside a string: province, district and commune names, accents optional.
  std::string line = "ntm.province(\"dien b";
  auto names = repl.complete(line, line.size());
  CHECK(names.start == 14);
  CHECK(has(names.candidates, "Điện Biên"));
  CHECK(has(names.candidates, "Điện Biên Đông"));
  line = "p:district('nam p";
  CHECK(has(repl.complete(line, line.size()).candidates, "Nậm Pồ"));
  line = "p:district('nam po";
  CHECK(repl.complete(line, line.size()).candidates == std::vector<std::string>{"Nậm Pồ"});
  line = "x = \"cha ca";
  CHECK(has(repl.complete(line, line.size()).candidates, "Chà Cang"));

  // Methods of a handle held by a global.
  REQUIRE(repl.feed("p = ntm.province('dien bien')"));
  auto methods = repl.complete("p:dis", 5).candidates;
  CHECK(has(methods, "p:district"));
  CHECK(has(methods, "p:districts"));
  CHECK(err.str() == "");
}

TEST_CASE("the REPL completes the current province's names first, in Vietnamese order") {
  fs::path db = db_copy("complete-province");
  std::ostringstream out, err;
  ntm::app::Repl repl(db, {}, out, err, plain_printer, "dien bien");
  std::string line = "x = \"muong ";
  auto names = repl.complete(line, line.size()).candidates;
  REQUIRE(names.size() >= 4);
  // Only places of Điện Biên (the country has other "Mường ..." places), Ảng before Chà.
  CHECK(names[0] == "Mường Ảng");
  CHECK(std::find(names.begin(), names.end(), "Mường Chà") != names.end());
  CHECK(std::find(names.begin(), names.end(), "Mường Lát") == names.end());   // Thanh Hóa
  CHECK(std::is_sorted(names.begin(), names.end(), ntm::collate_less));
  // Nothing of that name in the province: the rest of the country.
  line = "x = \"ha no";
  CHECK(repl.complete(line, line.size()).candidates == std::vector<std::string>{"Hà Nội"});
  CHECK_THROWS_AS(ntm::app::Repl(db, {}, out, err, plain_printer, "khong co tinh nay"), ntm::NotFound);
}

TEST_CASE("the REPL keeps globals and locals between lines, reads multi-line chunks, prints lists") {
  fs::path db = db_copy("session");
  std::ostringstream out, err;
  ntm::app::Repl repl(db, {}, out, err, plain_printer);
  repl.feed("x = 41");
  repl.feed("local y = 1");
  repl.feed("x + y");
  CHECK(out.str() == "42\n");
  out.str("");
  repl.feed("for i = 1, 3 do");
  CHECK(repl.continuing());
  repl.feed("  print(i)");
  repl.feed("end");
  CHECK_FALSE(repl.continuing());
  CHECK(out.str() == "1\n2\n3\n");
  out.str("");
  repl.feed("ntm.province('11'):district('Mường Chà'):communes{year = 2020}:filter(function(x) return x:count_met() == 19 end)");
  CHECK(out.str() == "");   // no standard commune in Mường Chà (the report says so)
  repl.feed("ntm.province('11'):communes{year = 2020}:filter(function(c) return c.code == '03166' end)");
  CHECK(out.str() == "03166 Xã Chà Cang\n");
  out.str("");
  repl.feed("{a = 1, b = {2, 3}}");
  CHECK(out.str() == "{\"a\":1,\"b\":[2,3]}\n");
  repl.feed("error('boom')");
  CHECK(err.str().find("Lỗi: ") != std::string::npos);
  CHECK(err.str().find("boom") != std::string::npos);
  CHECK_FALSE(repl.feed(".quit"));
}

TEST_CASE("Ctrl-C interrupts a runaway line and the prompt keeps going") {
  fs::path db = db_copy("interrupt");
  std::ostringstream out, err;
  ntm::lua::Limits limits;
  limits.seconds = 30;
  ntm::app::Repl repl(db, limits, out, err, plain_printer);
  std::thread ctrl_c([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    repl.interrupt();
  });
  repl.feed("while true do end");   // 30 s limit: only the interrupt can stop it with this message
  ctrl_c.join();
  CHECK(err.str().find("Dừng: bị ngắt (Ctrl-C)") != std::string::npos);
  repl.feed("print(3)");
  CHECK(out.str() == "3\n");
}

TEST_CASE("Ctrl-C stops native work too: a pathological pattern, a huge sort, an SQL LIKE") {
  fs::path db = db_copy("interrupt-native");
  ntm::lua::Limits limits;
  limits.seconds = 600;                       // only Ctrl-C can stop these lines
  limits.instructions = 1'000'000'000'000'000LL;
  for (const char* line : {"return ('a'):rep(100000):find('a*b')",
                           "local t = {} for i = 1, 3e6 do t[i] = -i end table.sort(t, function(a, b) return a < b end)",
                           "return ntm.sql('SELECT ? LIKE ? AS m', ('a'):rep(1000000), '%' .. ('a'):rep(40000) .. 'b')"}) {
    CAPTURE(line);
    std::ostringstream out, err;
    ntm::app::Repl repl(db, limits, out, err, plain_printer);
    std::thread ctrl_c([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      repl.interrupt();
    });
    repl.feed(line);
    ctrl_c.join();
    CHECK(err.str().find("Dừng: bị ngắt (Ctrl-C)") != std::string::npos);
    repl.feed("print(3)");
    CHECK(out.str() == "3\n");
  }
}

TEST_CASE("ntm repl from a pipe: a runaway line hits the limit, the next line runs, history is kept") {
  fs::path db = db_copy("pipe");
  fs::path home = ntm::test::temp_dir() / "home";
  fs::create_directories(home);
  auto r = shell("printf 'print(1+1)\\nwhile true do end\\nprint(2)\\n' | \"$NTM\" repl --time-limit 1 --db '" +
                     db.string() + "'",
                 home);
  CAPTURE(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "2\n2\n");
  CHECK(r.err.find("Dừng: vượt giới hạn thời gian (1 giây") != std::string::npos);
  CHECK(slurp(home / ".local/share/ntm/history") == "print(1+1)\nwhile true do end\nprint(2)\n");
}

TEST_CASE("ntm doc prints the API from the annotation file") {
  auto all = ntm::test::ntm("doc");
  CHECK(all.status == 0);
  CHECK(all.out.find("ntm.province(name_or_code, options) → Province") != std::string::npos);
  CHECK(all.out.find("    @name_or_code string") != std::string::npos);
  CHECK(all.out.find("== CommuneList: Commune[] ==") != std::string::npos);
  CHECK(all.out.find("  .code") != std::string::npos);
  auto fmt = ntm::test::ntm("doc fmt");
  CHECK(fmt.out.find("ntm.fmt.number(value, options) → string") != std::string::npos);
  CHECK(fmt.out.find("ntm.province(") == std::string::npos);
  CHECK(ntm::test::ntm("doc khong-co").status == 1);
}

TEST_CASE("ntm doc speaks Vietnamese: every description of ntm.lua has its words in ntm.vi.txt") {
  std::ifstream meta(ntm::app::data_dir() / "scripts" / "meta" / "ntm.lua");
  std::ifstream vi(ntm::app::data_dir() / "scripts" / "meta" / "ntm.vi.txt");
  REQUIRE(meta);
  REQUIRE(vi);
  auto entries = ntm::app::parse_annotations(meta);
  auto words = ntm::app::parse_translations(vi);
  CHECK(entries.size() > 60);
  std::string missing;
  for (const auto& m : ntm::app::missing_translations(entries, words)) missing += m + "\n";
  CHECK_MESSAGE(missing.empty(), "thiếu lời tiếng Việt trong scripts/meta/ntm.vi.txt:\n" << missing);

  auto doc = ntm::test::ntm("doc ntm.params");
  CHECK(doc.out.find("Khai báo các tham số của script") != std::string::npos);
  CHECK(doc.out.find("Declares") == std::string::npos);
  auto money = ntm::test::ntm("doc ntm.fmt.money");
  CHECK(money.out.find("    @amount number  — triệu đồng") != std::string::npos);
  auto fields = ntm::test::ntm("doc Commune");
  CHECK(fields.out.find("  .border") != std::string::npos);
  CHECK(fields.out.find("— mã chính thức (\"03166\")") != std::string::npos);
  auto english = ntm::test::ntm("--lang en doc ntm.params");
  CHECK(english.out.find("Declares the script's parameters") != std::string::npos);
}

TEST_CASE("ntm new + ntm test: the skeletons' own tests pass; a failing test names file:line") {
  fs::path db = db_copy("new");
  fs::path cwd = ntm::test::temp_dir() / "user";
  fs::create_directories(cwd);
  auto made = ntm::test::ntm("new check xa-duoi-10", cwd);
  CHECK(made.status == 0);
  CHECK(fs::exists(cwd / "scripts/checks/rules/xa-duoi-10.lua"));
  CHECK(fs::exists(cwd / "scripts/tests/xa-duoi-10_test.lua"));
  CHECK(slurp(cwd / "scripts/checks/rules/xa-duoi-10.lua").find("rule = \"xa-duoi-10\"") != std::string::npos);
  auto again = ntm::test::ntm("new check xa-duoi-10", cwd);
  CHECK(again.status == 1);
  CHECK(again.err.find("không ghi đè") != std::string::npos);
  CHECK(ntm::test::ntm("new check 'Tên có dấu'", cwd).status == 2);
  CHECK(ntm::test::ntm("new allocation chia-von", cwd).status == 0);
  CHECK(ntm::test::ntm("new report bao-cao", cwd).status == 0);

  // A new rule starts switched off: ntm check skips it and says so.
  CHECK(made.out.find("CHƯA BẬT") != std::string::npos);
  auto off = ntm::test::ntm("check --province 11 --year 2020 --findings --format json --db '" + db.string() + "'", cwd);
  REQUIRE(off.status == 0);
  auto none = nlohmann::json::parse(off.out);
  CHECK(std::count_if(none.begin(), none.end(), [](const auto& f) { return f["rule"] == "xa-duoi-10"; }) == 0);
  CHECK(off.err.find("Quy tắc chưa bật (không chạy): xa-duoi-10") != std::string::npos);
  CHECK(ntm::test::ntm("scripts", cwd).out.find("(chưa bật) xa-duoi-10") != std::string::npos);

  // Its author deletes the marker line; then it runs with ntm check, as a rule.
  fs::path rule = cwd / "scripts/checks/rules/xa-duoi-10.lua";
  std::string text = slurp(rule);
  auto marker = text.find("-- @disabled");
  REQUIRE(marker != std::string::npos);
  text.erase(marker, text.find('\n', marker) + 1 - marker);
  std::ofstream(rule, std::ios::binary) << text;
  auto check = ntm::test::ntm("check --province 11 --year 2020 --findings --format json --db '" + db.string() + "'", cwd);
  REQUIRE(check.status == 0);
  CHECK(check.err.find("chưa bật") == std::string::npos);
  auto findings = nlohmann::json::parse(check.out);
  CHECK(std::count_if(findings.begin(), findings.end(), [](const auto& f) { return f["rule"] == "xa-duoi-10"; }) == 40);

  auto tests = ntm::test::ntm("test scripts/tests --db '" + db.string() + "'", cwd);
  CHECK(tests.status == 0);
  CHECK(tests.out == "OK    scripts/tests/bao-cao_test.lua\nOK    scripts/tests/chia-von_test.lua\n"
                     "OK    scripts/tests/xa-duoi-10_test.lua\n3 đạt, 0 lỗi\n");

  std::ofstream(cwd / "scripts/tests/test_sai.lua") << "local n = 1 + 1\nassert(n == 3, 'hai khác ba')\nreturn 'OK'\n";
  auto failing = ntm::test::ntm("test scripts/tests --db '" + db.string() + "'", cwd);
  CHECK(failing.status == 1);
  CHECK(failing.out.find("FAIL  scripts/tests/test_sai.lua:2: hai khác ba") != std::string::npos);
  CHECK(failing.out.find("3 đạt, 1 lỗi") != std::string::npos);
  fs::remove(cwd / "scripts/tests/test_sai.lua");

  // Without --db: a temporary Điện Biên 2020 sample.
  auto fresh = ntm::test::ntm("test scripts/tests/xa-duoi-10_test.lua", cwd);
  CHECK(fresh.status == 0);
  CHECK(fresh.out.find("1 đạt, 0 lỗi") != std::string::npos);
}
