// The Debian package: `cpack -G DEB` from this build, unpacked into an empty root with
// `dpkg -x` (works as root and without root), then the unpacked program makes the Điện Biên
// sample and reviews it, reading its scripts and data from that root only.
#include <doctest/doctest.h>

#include <filesystem>

#include "support.h"

namespace fs = std::filesystem;

TEST_CASE("the .deb installs ntm, its scripts, data, annotation file and man page; ntm check runs from it") {
  if (ntm::test::shell("command -v dpkg-deb").status != 0) {
    MESSAGE("dpkg-deb is not installed: the package is not checked");
    return;
  }
  fs::path dir = ntm::test::temp_dir() / "package";
  fs::remove_all(dir);
  fs::create_directories(dir / "root");
  fs::create_directories(dir / "home");
  fs::create_directories(dir / "work");
  auto made = ntm::test::shell(std::string("'") + NTM_CPACK + "' -G DEB -B '" + dir.string() + "' --config '" + NTM_BUILD_DIR +
                               "/CPackConfig.cmake'");
  std::string log = made.out + made.err;
  REQUIRE_MESSAGE(made.status == 0, log);
  fs::path deb;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".deb") deb = e.path();
  REQUIRE(!deb.empty());
  CHECK(deb.filename().string().rfind("ntm_0.1.0_", 0) == 0);

  // The libraries it needs are Debian 12 packages, named by dpkg-shlibdeps.
  auto depends = ntm::test::shell("dpkg-deb -f '" + deb.string() + "' Depends");
  // libpq5 and libcairo2 are opened with dlopen: named by CMakeLists.txt instead.
  for (const char* lib : {"libicu72", "liblua5.4-0", "libsqlite3-0", "libtomlplusplus3", "libxlsxwriter", "libzip4", "libreadline8",
                          "zlib1g", "libpq5", "libcairo2"})
    CHECK_MESSAGE(depends.out.find(lib) != std::string::npos, lib);
  auto contents = ntm::test::shell("dpkg-deb -c '" + deb.string() + "'");
  for (const char* file : {"./usr/bin/ntm", "./usr/share/man/man1/ntm.1.gz", "./usr/share/ntm/meta/ntm.lua",
                           "./usr/share/ntm/scripts/checks/tieu-chi-xa.lua", "./usr/share/ntm/scripts/lib/review.lua",
                           "./usr/share/ntm/db/schema.sql", "./usr/share/ntm/db/samples/dien-bien-2020.lua",
                           "./usr/share/doc/ntm/README.md"})
    CHECK_MESSAGE(contents.out.find(file) != std::string::npos, file);

  REQUIRE(ntm::test::shell("dpkg -x '" + deb.string() + "' '" + (dir / "root").string() + "'").status == 0);
  // A clean environment: no source tree, no database or data folder from the caller.
  std::string ntm = "env -u NTM_DB -u NTM_HOME HOME='" + (dir / "home").string() + "' '" + (dir / "root/usr/bin/ntm").string() + "' ";
  auto init = ntm::test::shell(ntm + "--db sample.db init --sample dien-bien-2020", dir / "work");
  REQUIRE_MESSAGE(init.status == 0, init.err);
  auto check = ntm::test::shell(ntm + "--db sample.db check --province 'Điện Biên' --year 2020", dir / "work");
  REQUIRE_MESSAGE(check.status == 0, check.err);
  CHECK(check.out.find("Số xã: 115") != std::string::npos);
  CHECK(check.out.find("Bình quân: 11,75 tiêu chí/xã") != std::string::npos);
  auto scripts = ntm::test::shell(ntm + "scripts", dir / "work");   // names the folders it read
  CHECK(scripts.out.find("Tìm trong: " + (dir / "root/usr/share/ntm/scripts").string() + "\n") != std::string::npos);
  auto help = ntm::test::shell(ntm + "--version", dir / "work");
  CHECK(help.out == "ntm 0.1.0\n");

  // The man page reads without warnings, in Vietnamese with an English section.
  if (ntm::test::shell("command -v man").status == 0) {
    auto man = ntm::test::shell("LANG=C.UTF-8 MANWIDTH=100 man --warnings -l '" + (dir / "root/usr/share/man/man1/ntm.1.gz").string() + "'");
    CHECK(man.status == 0);
    CHECK(man.err.empty());
    CHECK(man.out.find("TRẠNG THÁI THOÁT") != std::string::npos);
    CHECK(man.out.find("ENGLISH") != std::string::npos);
  }
}
