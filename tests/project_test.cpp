// Working defaults: the project file ntm.toml (app/project.h) and `ntm config`. Flags on the
// command line win; a value the data does not have is named with where it came from.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "app/project.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

fs::path fresh(const std::string& name) {
  fs::path dir = ntm::test::temp_dir() / ("project-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir / "out");
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), dir / "out" / "dien-bien.db");
  return dir;
}

}  // namespace

TEST_CASE("ntm config set/get/list writes ntm.toml; everyday commands need no flags") {
  fs::path dir = fresh("config");
  auto none = ntm::test::ntm("config list", dir);
  CHECK(none.status == 0);
  CHECK(none.out.find("Chưa có ntm.toml") != std::string::npos);

  CHECK(ntm::test::ntm("config set db out/dien-bien.db", dir).status == 0);
  auto province = ntm::test::ntm("config set province 'dien bien'", dir);
  CHECK(province.status == 0);
  CHECK(province.err.find("province = Điện Biên") != std::string::npos);   // stored by its full name
  CHECK(ntm::test::ntm("config set year 2020", dir).status == 0);
  CHECK(ntm::test::slurp(dir / "ntm.toml").find("year = 2020\n") != std::string::npos);
  CHECK(ntm::test::ntm("config get province", dir).out == "Điện Biên\n");
  auto list = ntm::test::ntm("config list", dir);
  CHECK(list.out.find("  db        out/dien-bien.db") != std::string::npos);
  CHECK(list.out.find("  set       (chưa đặt)") != std::string::npos);

  // No --db, --province, --year.
  auto check = ntm::test::ntm("check", dir);
  CHECK_MESSAGE(check.status == 0, check.err);
  CHECK(check.out.find("tỉnh Điện Biên, năm 2020") != std::string::npos);
  auto run = ntm::test::ntm("run danh-sach-xa --district 'Nậm Pồ'", dir);
  CHECK_MESSAGE(run.status == 0, run.err);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 15);
  auto exported = ntm::test::ntm("export indicators --template", dir);
  CHECK(exported.status == 0);

  // A flag wins; a wrong value from the file says so.
  CHECK(ntm::test::ntm("config set year 2022", dir).status == 0);
  auto wrong = ntm::test::ntm("check", dir);
  CHECK(wrong.status == 2);
  CHECK(wrong.err == "Lỗi dòng lệnh: --year 2022 (trong ntm.toml): không có dữ liệu năm 2022 của tỉnh Điện Biên theo bộ tiêu chí "
                     "318-xa; các năm có dữ liệu: 2015, 2016, 2017, 2018, 2019, 2020\n");
  CHECK(ntm::test::ntm("check --year 2020", dir).status == 0);
  CHECK(ntm::test::ntm("config unset year", dir).status == 0);
  auto missing = ntm::test::ntm("check", dir);
  CHECK(missing.status == 2);
  CHECK(missing.err == "Lỗi dòng lệnh: thiếu --year (hoặc đặt mặc định: ntm config set year ...)\n");

  // Bad values are refused and leave the file as it was.
  std::string before = ntm::test::slurp(dir / "ntm.toml");
  CHECK(ntm::test::ntm("config set year 21", dir).status == 2);
  CHECK(ntm::test::ntm("config set colour red", dir).status == 2);
  CHECK(ntm::test::ntm("config set province 'Dien Bine'", dir).status == 2);
  CHECK(ntm::test::slurp(dir / "ntm.toml") == before);

  // A profile named in the file must exist.
  CHECK(ntm::test::ntm("config set profile ho-so.toml", dir).status == 0);
  auto profile = ntm::test::ntm("check --year 2020", dir);
  CHECK(profile.status == 2);
  CHECK(profile.err.find("--profile ") != std::string::npos);
  CHECK(profile.err.find("ho-so.toml: không có tệp này (giá trị trong ntm.toml)") != std::string::npos);
}

TEST_CASE("ntm.toml beside the database; paths relative to the file; errors name line and column") {
  fs::path dir = fresh("beside");
  std::ofstream(dir / "out" / "ntm.toml") << "province = \"11\"\nyear = 2020\n";
  fs::path elsewhere = ntm::test::temp_dir() / "project-elsewhere";
  fs::create_directories(elsewhere);
  auto check = ntm::test::ntm("--db '" + (dir / "out" / "dien-bien.db").string() + "' check", elsewhere);
  CHECK_MESSAGE(check.status == 0, check.err);

  // In the current folder, `db` is read relative to the file.
  std::ofstream(dir / "ntm.toml") << "db = \"out/dien-bien.db\"\nprovince = \"Điện Biên\"\nyear = 2020\n";
  auto project = ntm::app::read_project(dir / "ntm.toml");
  CHECK(project.get("db") == (dir / "out" / "dien-bien.db").string());
  CHECK(project.raw.at("db") == "out/dien-bien.db");
  CHECK(ntm::test::ntm("check --no-rules", dir).status == 0);

  std::ofstream(dir / "ntm.toml") << "province = \"11\"\nyear = \n";
  auto broken = ntm::test::ntm("check", dir);
  CHECK(broken.status == 1);
  CHECK(broken.err.find("ntm.toml dòng 2, cột ") != std::string::npos);
  CHECK(broken.err.find("sai cú pháp TOML") != std::string::npos);
  std::ofstream(dir / "ntm.toml") << "province = \"11\"\nnam = 2020\n";
  auto unknown = ntm::test::ntm("check", dir);
  CHECK(unknown.err.find("ntm.toml dòng 2, cột 1: khóa 'nam' không dùng được (có: db, province, year, set, profile)") !=
        std::string::npos);
  std::ofstream(dir / "ntm.toml") << "year = 1800\n";
  CHECK(ntm::test::ntm("check", dir).err.find("year phải là một năm từ 1990 đến 2100") != std::string::npos);
}
