// What the fuzz targets share: the sample database they run against, and the way the
// command line treats exceptions.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "app/init.h"
#include "lua/host.h"
#include "model/units.h"
#include "store/database.h"

namespace ntm::fuzz {

// The Điện Biên sample in the temporary folder as `file`, built on first use.
inline std::filesystem::path sample_database(const std::string& file) {
  return ntm::app::ensure_database(std::filesystem::temp_directory_path() / file, "dien-bien-2020");
}

// Runs `body` and treats what it throws as `ntm` does (cli/common.cpp, guarded()): every
// std::exception becomes a message and an exit status, so none of them is a crash. But an
// input file is data: when its failure would be reported as a bad command line (exit
// status 2, std::invalid_argument) the exit status would lie, and that is a bug the fuzzer
// must report, so it traps (`data` true). A script may legitimately end with exit 2 (a
// parameter it requires is missing), so for scripts `data` is false. Anything that is not
// a std::exception escapes, as it would crash the program.
template <class Body>
void as_cli(Body&& body, bool data = true) {
  try {
    body();
  } catch (const lua::ScriptError& e) {
    if (data && e.kind == lua::ErrorKind::Usage) __builtin_trap();
  } catch (const std::invalid_argument&) {
    if (data) __builtin_trap();
  } catch (const std::exception&) {
  }
}

}  // namespace ntm::fuzz
