// Everything a user reads from the command line is Vietnamese (English with --lang en): the
// help of every command and every command-line error a user can trigger. A word in plain
// ASCII letters must be a name (a command, a flag's value, a kind of data, an acronym) or a
// Vietnamese word that has no accents; anything else is taken for English and fails here.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support.h"

namespace fs = std::filesystem;

namespace {

// Vietnamese words written without accents, and the names the tool's texts use.
const std::set<std::string>& allowed() {
  static const std::set<std::string> words{
      // Vietnamese syllables without diacritics
      "a", "ba", "ban", "bang", "cho", "chi", "co", "con", "da", "dan", "den", "gia", "giai", "hay", "in", "khi", "la", "mai",
      "nam", "nay", "ngay", "nhanh", "nhu", "ra", "sai", "sau", "tam", "tham", "thi", "tin", "tra", "tren", "trong", "va",
      "xem", "xong", "theo", "hai", "cao", "sang", "lai", "ta", "can", "them", "thanh", "tinh", "xa", "huyen", "lan", "mo",
      "tay", "toan", "an", "tu", "tong", "ton", "xin", "phan", "chia", "ti", "kho", "nghi", "hoa", "anh", "thu", "cu", "ho",
      "so", "chung", "ky", "mau", "quy", "sinh", "ghi", "thay", "gian", "qua", "trung", "ninh", "long", "binh", "kinh",
      "thua", "quan", "ca", "nuoc", "mang", "nhau", "doan", "bo", "vai",
      // names: the program, languages, formats, standards
      "ntm", "lua", "sql", "sqlite", "csv", "json", "xlsx", "docx", "html", "htm", "md", "txt", "pdf", "toml", "excel", "utf",
      "bom", "sha", "mib", "vs", "code", "id", "repl", "ocop", "mtqg", "ctrl", "tab", "script", "scripts", "language", "server",
      "template", "templates", "markdown", "unicode", "icu", "word", "postgresql", "libpq", "postgres",
      "debian", "sudo", "createdb", "superuser",
      // commands and their words
      "init", "check", "checks", "report", "reports", "allocate", "allocation", "allocations", "import", "export", "query",
      "run", "doc", "new", "test", "tests", "config", "list", "get", "set", "unset", "rules", "examples", "lib", "meta",
      "map", "history", "changes", "classes", "all", "national", "user", "add", "remove", "viewer", "editor",
      "admin", "copy", "dry",
      // kinds of data, formats, keys and values the user types
      "units", "indicators", "statuses", "recognitions", "funding", "targets", "statistics", "text", "table", "db",
      "province", "year", "profile", "vi", "en", "annual", "dien", "bien", "bac", "giang", "sample", "he", "nhom", "nhu",
      "cau", "thuong", "tieu", "danh", "sach", "duoi", "xa", "fmt", "communelist", "select", "from", "where", "name", "unit",
      "delete", "missing", "communes", "true", "false", "commune", "district", "tag", "kind", "po", "dat",
      // help placeholders lower-cased by the check
      "formula", "layout", "key", "value",
      // rounding modes, names a layout's description may quote
      "half", "even", "up", "truncate",
  };
  return words;
}

bool ascii_letters(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isalpha(c); });
}

// Words that look English: ASCII letters only, not upper-case placeholders (TỆP, SCRIPT,
// NAME ...), not flags, paths, identifiers or numbers, not in allowed(), and not among the
// words the user typed (`typed`: a message may repeat a value given on the command line).
std::vector<std::string> english_words(const std::string& text, const std::string& typed = {}) {
  std::set<std::string> given;
  {
    std::string t = typed;
    for (char& c : t)
      if (c == '\'' || c == '"' || c == '-' || c == '=') c = ' ';
    std::istringstream words(t);
    for (std::string w; words >> w;) {
      std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
      given.insert(w);
    }
  }
  std::vector<std::string> found;
  std::istringstream in(text);
  for (std::string token; in >> token;) {
    auto strip = [](std::string& t) {
      const std::string edge = ",.;:!?()[]\"'`…→—–";
      while (!t.empty() && edge.find(t.front()) != std::string::npos) t.erase(0, 1);
      while (!t.empty() && edge.find(t.back()) != std::string::npos) t.pop_back();
    };
    strip(token);
    if (token.empty() || token[0] == '-' || token[0] == '$') continue;                    // a flag, a variable
    if (token.find_first_of("/._=*<>{}[]|\\'\"0123456789@") != std::string::npos) continue;  // code, paths, numbers
    std::istringstream parts(token);
    for (std::string part; std::getline(parts, part, '-');) {
      strip(part);
      if (!ascii_letters(part)) continue;   // Vietnamese with accents, or not a word
      if (std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isupper(c); })) continue;
      std::string lower = part;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      if (!allowed().count(lower) && !given.count(lower)) found.push_back(part);
    }
  }
  return found;
}

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

const std::vector<std::string> kCommands{"init", "check", "report", "allocate", "import", "export", "query",
                                         "run", "scripts", "repl", "doc", "new", "test", "config", "map",
                                         "server", "user", "copy"};

std::string db() { return "--db '" + ntm::test::sample_db("dien-bien-2020").string() + "' "; }

}  // namespace

TEST_CASE("the word check itself tells English from Vietnamese") {
  CHECK(joined(english_words("Usage: ntm check [OPTIONS]")) == "Usage");
  CHECK(joined(english_words("Print this help message and exit")) == "Print this help message and exit");
  CHECK(joined(english_words("--year: Value 21 not in range 1990 to 2100")) == "not range to");
  CHECK(english_words("không có tỉnh 'Dien Bine'", "--province 'Dien Bine'").empty());   // the user's own words
  CHECK(english_words("Lỗi dòng lệnh: --year: cần một năm từ 1990 đến 2100, nhận '21'").empty());
  CHECK(english_words("tệp .csv (Excel: CSV UTF-8) hoặc .xlsx; mẫu: ntm export LOẠI --template").empty());
}

TEST_CASE("every command's help is in Vietnamese, and in English with --lang en") {
  auto top = ntm::test::ntm("--help");
  REQUIRE(top.status == 0);
  for (const auto& c : kCommands) CHECK_MESSAGE(top.out.find("\n  " + c + " ") != std::string::npos, c);
  CHECK(english_words(top.out).empty());
  CHECK_MESSAGE(english_words(ntm::test::ntm("").out).empty(), joined(english_words(ntm::test::ntm("").out)));
  for (const auto& c : kCommands) {
    auto help = ntm::test::ntm(c + " --help");
    CAPTURE(c);
    CHECK(help.status == 0);
    CHECK(help.out.rfind("ntm " + c + " — ", 0) == 0);
    CHECK(help.out.find("Cách dùng: ntm " + c) != std::string::npos);
    auto english = english_words(help.out);
    CHECK_MESSAGE(english.empty(), joined(english));
    // No CLI11 words or type names anywhere.
    for (const char* library : {"TEXT", "INT", "FLOAT", "UINT", "Usage", "Options", "Positionals", "Subcommands", "REQUIRED",
                                "{,", "x 2"})
      CHECK_MESSAGE(help.out.find(library) == std::string::npos, library);
    auto en = ntm::test::ntm("--lang en " + c + " --help");
    CHECK(en.out.find("Usage: ntm " + c) != std::string::npos);
    CHECK(en.out.find("Cách dùng") == std::string::npos);
  }
  // Helps that list what there is: the scripts, the layouts with their own flags, the formulas.
  auto run = ntm::test::ntm("run --help");
  CHECK(run.out.find("examples/danh-sach-xa") != std::string::npos);
  auto report = ntm::test::ntm("report --help");
  for (const char* flag : {"-o, --output TỆP", "--province TỈNH", "--year NĂM", "--as-of NGÀY", "--set BỘ", "--profile TỆP",
                           "--text TỆP", "--template TỆP", "--fields", "--number <chuỗi>", "--signer <chuỗi>", "--date <chuỗi>",
                           "--commune <chuỗi>", "--time-limit GIÂY", "--from NĂM", "--to NĂM"})
    CHECK_MESSAGE(report.out.find(flag) != std::string::npos, flag);
  CHECK(english_words(ntm::test::ntm("report dien-bien --help").out).empty());
  auto check = ntm::test::ntm("check --help");
  for (const char* flag : {"--from NĂM", "--to NĂM", "all"}) CHECK_MESSAGE(check.out.find(flag) != std::string::npos, flag);
  auto init = ntm::test::ntm("init --help");
  for (const char* flag : {"national", "--years NĂM[-NĂM]", "--provinces MÃ,MÃ...", "--seed N"})
    CHECK_MESSAGE(init.out.find(flag) != std::string::npos, flag);
  CHECK(english_words(ntm::test::ntm("run danh-sach-xa --help").out).empty());
  CHECK(ntm::test::ntm("allocate --help").out.find("allocations/theo-nhu-cau") != std::string::npos);
  // The subcommands of ntm map have their own help, in Vietnamese too.
  for (const char* sub : {"map history --help", "map changes --help"}) {
    auto help = ntm::test::ntm(sub);
    CAPTURE(sub);
    CHECK(help.status == 0);
    CHECK(help.out.find("Cách dùng: ") != std::string::npos);
    CHECK_MESSAGE(english_words(help.out).empty(), joined(english_words(help.out)));
  }
  for (const char* c : {"import --help", "export --help", "check --help", "query --help", "repl --help"}) {
    auto help = ntm::test::ntm(c);
    CAPTURE(c);
    CHECK(help.out.find("--as-of NGÀY") != std::string::npos);
    CHECK(help.out.find("--set BỘ") != std::string::npos);
  }
}

TEST_CASE("every command-line error a user can trigger is one Vietnamese line, exit 2") {
  fs::path cwd = ntm::test::temp_dir() / "language";
  fs::create_directories(cwd);
  std::ofstream(cwd / "x.csv") << "Mã xã,CT 1.1\n";
  fs::path existing = ntm::test::temp_dir() / "language-existing.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), existing, fs::copy_options::overwrite_existing);
  const std::vector<std::string> lines{
      "--bogus", "chekc", "--db", "--lang fr check", "-q",
      db() + "check", db() + "check --province 11", db() + "check --province 11 --year 21",
      db() + "check --province 11 --year hai-nghin", db() + "check --province 11 --year 2020 --format xml",
      db() + "check --province 11 --year 2020 --fromat csv", db() + "check --province 'Dien Bine' --year 2020",
      db() + "check --province 11 --year 2022", db() + "check --province 11 --year 2020 --district 'Nam Poo'",
      db() + "check --province 11 --year 2020 --tag 'bien gioi 30'", db() + "check --province 11 --year 2020 --set 999-xa",
      db() + "check --province 11 --year 2020 --write", db() + "check --province 11 --year 2020 --findings=maybe",
      db() + "check --province 11 --year 2020 --time-limit 0", db() + "check --province 11 --year 2020 --memory-limit abc",
      db() + "check --province 11 --year 2020 --instruction-limit 5", db() + "check --province 11 --year 1995",
      db() + "check --province 11 --year 2020 --profile khong-co.toml",
      db() + "run", db() + "run no-such-script", db() + "run danh-sach-xa --colour red",
      db() + "run danh-sach-xa --province 11 --year hai", db() + "run danh-sach-xa --province 'dien bin'",
      db() + "run danh-sach-xa --province 11 --year 2023", db() + "run danh-sach-xa --province 11 --district 'Nam Poo'",
      db() + "report", db() + "report khong-co --province 11 --year 2020", db() + "report annual --province 11 --year 2020 -o x.pdf",
      db() + "report annual --province 11", db() + "report annual --province 11 --year 2020 -o /khong-co/x.docx",
      db() + "report annual --province 11 --year 2022",
      db() + "allocate", db() + "allocate khong-co", db() + "allocate theo-nhu-cau --province 11 --year 2020 --total 12,5",
      db() + "allocate theo-nhu-cau --province 11 --year 2020 --total abc", db() + "allocate --diff a",
      db() + "allocate --list --show x", db() + "allocate --list --write", db() + "allocate --list thua",
      db() + "import", db() + "import bogus x.csv", db() + "import indicators", db() + "import indicators x.csv",
      db() + "import indicators x.csv --province 11 --year 1800", db() + "import indicators x.csv --province 'khong co'",
      db() + "export", db() + "export units", db() + "export units --province 11 --delimiter x",
      db() + "export units --province 11 -o x.pdf", db() + "export bogus --province 11",
      db() + "query", db() + "query 'DELETE FROM unit'", db() + "query 'SELEC 1'", db() + "query 'select * from khong_co'",
      db() + "query 'select nothere from unit'", db() + "query --format xlsx 'select 1'", db() + "query 'select 1' thua",
      db() + "query 'ATTACH DATABASE x AS y'", db() + "query 'PRAGMA user_version = 3'",
      db() + "repl --province khong-co", db() + "repl --as-of 31/02/2020",
      db() + "check --province 11 --year 2020 --as-of 32/13/2020", db() + "check --province 11 --year 2020 --as-of hom-qua",
      db() + "report annual --province 11 --year 2020 --text khong-co.md",
      db() + "report annual --province 11 --year 2020 --template x.csv",
      db() + "report annual --province 11 --year 2020 --profile khong-co.toml",
      db() + "report annual --province 11 --year 2020 --as-of 31/02/2020",
      db() + "allocate theo-nhu-cau --province 11 --year 2020 --total 100 --profile khong-co.toml",
      db() + "allocate theo-nhu-cau --province 11 --year 2020 --total 100 --as-of 99/99/2020",
      db() + "import units x.csv --province 11", db() + "import units x.csv --province 11 --from 32/01/2025",
      db() + "import indicators x.csv --province 11 --as-of abc", db() + "import units a.csv b.csv --province 11 --from 01/07/2025",
      db() + "export indicators --province 11 --year 2020 --per district",
      db() + "export units --province 11 --template --per district -o ra",
      db() + "export indicators --province 11 --year 2020 --template --per huyen",
      db() + "export indicators --province 11 --year 2020 --template -o x.csv --per commune --as-of 1/1",
      db() + "map --as-of abc", db() + "map --province khong-co", db() + "map history", db() + "map history 99999",
      db() + "map changes", db() + "map changes --from abc", db() + "map --format xml", db() + "map thua",
      db() + "map history 03144 thua", db() + "map changes --from 01/01/2025 --fromat csv",
      db() + "query -e '1' --year 21", db() + "query -e '1' --as-of abc", "doc a b", "new", "new bogus x", "new check 'Tên có dấu'", "test",
      "test /khong/co/thu-muc", "config set", "config set colour red", "config set year 21", "config bogus",
      "config get", "config get colour", "config list thua", "scripts thua",
      "--db x.db init --sample ha-noi-2020", "--db '" + existing.string() + "' init",
      // Spans, several provinces, the national sample (merged from main).
      db() + "check --province 11 --from 2016", db() + "check --province 11 --from 2020 --to 2016",
      db() + "check --province 11 --from 21 --to 2020", db() + "check --province 11 --year 2020 --from 2016 --to 2020",
      db() + "check --province 11 --from 2019 --to 2022", db() + "check --province 11 --from 2019 --to 2020 --save",
      db() + "check --province all --year 2012", db() + "check --province '11, Atlantis' --year 2020",
      db() + "check --province all --year 2020 --save", db() + "check --province all --year 2020 --district 'Nam Po'",
      db() + "report giai-doan --province 11 --from 2016 --to 2023 -o x.md", db() + "report annual --province 11 --from 2016",
      db() + "report ho-so-xa --commune 'khong co xa nay' --year 2020", "--db x.db init --sample dien-bien-2020 --years 2020",
      "--db x.db init --sample national --seed abc",
  };
  for (const auto& line : lines) {
    auto r = ntm::test::ntm(line, cwd);
    CAPTURE(line);
    CAPTURE(r.err);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("Lỗi dòng lệnh: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    auto english = english_words(r.err, line);
    CHECK_MESSAGE(english.empty(), joined(english));
    for (const char* leak : {"stack traceback", "stod", "stoi", "not authorized", "SQL: ", "is required", "Expected"})
      CHECK(r.err.find(leak) == std::string::npos);
    auto en = ntm::test::ntm("--lang en " + line, cwd);
    CHECK(en.status == 2);
    CHECK(en.err.rfind("Command-line error: ", 0) == 0);
  }
  CHECK_FALSE(fs::exists(cwd / "ntm.toml"));   // no failed `config set` left a file
}

TEST_CASE("data errors and messages of ordinary runs are Vietnamese too") {
  fs::path cwd = ntm::test::temp_dir() / "language-data";
  fs::create_directories(cwd);
  // An out-of-range number in an import: named, never "stod".
  std::ofstream(cwd / "big.csv") << "Mã xã,Tên xã,CT 17.1\n03166,Chà Cang,1" << std::string(400, '0') << "\n";
  fs::path copy = cwd / "copy.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), copy, fs::copy_options::overwrite_existing);
  auto big = ntm::test::ntm("--db '" + copy.string() + "' import indicators big.csv --province 11 --year 2020", cwd);
  CHECK(big.status == 1);
  CHECK(big.err.find("dòng 2, cột 'CT 17.1': '1000") != std::string::npos);
  CHECK(big.err.find("' quá lớn") != std::string::npos);
  CHECK(big.err.find("stod") == std::string::npos);
  // A province code where a commune code belongs is called what it is.
  std::ofstream(cwd / "province.csv") << "Mã xã,CT 17.1\n11,40\n";
  auto province = ntm::test::ntm("--db '" + copy.string() + "' import indicators province.csv --province 11 --year 2020", cwd);
  CHECK(province.err.find("mã '11' là Tỉnh Điện Biên, không phải một xã") != std::string::npos);
  // Severity words and summaries.
  auto check = ntm::test::ntm(db() + "check --province 11 --year 2020", cwd);
  REQUIRE(check.status == 0);
  CHECK(check.out.find("Quy tắc so-lieu-in: 2 cảnh báo, 1 thông tin") != std::string::npos);
  CHECK(check.out.find("    cảnh báo: ") != std::string::npos);
  for (const char* word : {"warning", "info=", "error=", "criterion_status", "schema"}) CHECK(check.out.find(word) == std::string::npos);
  CHECK(check.err == "Đã rà soát 115 xã; 3 phát hiện (2 cảnh báo, 1 thông tin).\n");
  auto english = ntm::test::ntm("--lang en " + db() + "check --province 11 --year 2020", cwd);
  CHECK(english.err == "Reviewed 115 communes; 3 findings (2 warning, 1 info).\n");
  // ntm init: one line, no table names or schema versions unless --verbose.
  auto init = ntm::test::ntm("--db fresh.db init --sample dien-bien-2020", cwd);
  CHECK(init.status == 0);
  CHECK(init.err == "Đã tạo cơ sở dữ liệu fresh.db (14.878 đơn vị hành chính qua các thời kỳ, 7 bộ tiêu chí, dữ liệu mẫu dien-bien-2020).\n");
  auto verbose = ntm::test::ntm("--db fresh2.db init -v", cwd);
  CHECK(verbose.err.find("Lược đồ phiên bản ") != std::string::npos);
}
