// A command's output file (cli/output_file.h): written whole or not at all, replacing what
// was there in one step, with no temporary file left however it ends.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "cli/output_file.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path fresh_dir(const std::string& name) {
  fs::path dir = ntm::test::temp_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

int files_in(const fs::path& dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("an output file is created, then replaced whole, from a text or from pieces") {
  fs::path dir = fresh_dir("output-file");
  fs::path out = dir / "kết quả.json";
  ntm::cli::write_output_file(out.string(), std::string("một\n"));
  CHECK(read_all(out) == "một\n");
  // Replacing a file that exists (longer than the new text: nothing of it may remain).
  ntm::cli::write_output_file(out.string(), [](std::ostream& o) {
    o << "{";
    for (int i = 0; i < 3; ++i) o << (i ? "," : "") << i;
    o << "}";
  });
  CHECK(read_all(out) == "{0,1,2}");
  ntm::cli::write_output_file(out.string(), std::string("a;b\n"), true);
  CHECK(read_all(out) == "\xEF\xBB\xBF" "a;b\n");
  CHECK(files_in(dir) == 1);   // no temporary file, no old file beside it
}

TEST_CASE("an output file whose writing fails keeps what was there, and leaves no temporary file") {
  fs::path dir = fresh_dir("output-file-fails");
  fs::path out = dir / "bao-cao.csv";
  ntm::cli::write_output_file(out.string(), std::string("cũ\n"));
  CHECK_THROWS_AS(ntm::cli::write_output_file(out.string(), [](std::ostream& o) {
    o << "half of it";
    throw std::runtime_error("the writer failed");
  }), std::runtime_error);
  CHECK(read_all(out) == "cũ\n");
  CHECK(files_in(dir) == 1);
  // A folder that does not exist: the message names the path.
  std::string missing = (dir / "không-có" / "x.json").string();
  try {
    ntm::cli::write_output_file(missing, std::string("x"));
    FAIL("no error");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()) == "không ghi được tệp " + missing);
  }
  CHECK(files_in(dir) == 1);
}
