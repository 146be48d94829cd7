// What the fuzz targets share: the sample database they run against.
#pragma once

#include <filesystem>
#include <string>

#include "app/init.h"

namespace ntm::fuzz {

// The Điện Biên sample in the temporary folder as `file`, built on first use.
inline std::filesystem::path sample_database(const std::string& file) {
  return ntm::app::ensure_database(std::filesystem::temp_directory_path() / file, "dien-bien-2020");
}

}  // namespace ntm::fuzz
