// What the fuzz targets share: the sample database they run against.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>

#include "app/init.h"

namespace ntm::fuzz {

// The Điện Biên sample in the temporary folder as `file`, built on first use.
inline std::filesystem::path sample_database(const std::string& file) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / file;
  if (!std::filesystem::exists(path)) {
    ntm::app::InitOptions options;
    options.db = path;
    options.sample = "dien-bien-2020";
    std::ostringstream sink;
    ntm::app::init_database(options, sink);
  }
  return path;
}

}  // namespace ntm::fuzz
