#include "cli/output_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "model/i18n.h"

namespace ntm::cli {

namespace {

// Puts `temp` in the place of an existing `target` in one step, as rename() does, and removes
// the old file, now at `temp`. False when the system cannot exchange them (no `target` yet, a
// file system without the exchange): rename() then. ext4 writes a file out to disk at once
// when a rename() replaces another with it (3 ms for a national check's 5 MB, on every run);
// an exchange does not ask that. An output that a crash loses is written again by the command.
bool swap_into_place(const std::filesystem::path& temp, const std::filesystem::path& target) {
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) return false;
  std::error_code ec;
  std::filesystem::remove(temp, ec);
  return true;
}

}  // namespace

void write_output_file(const std::string& path, const std::string& text, bool bom) {
  write_output_file(path, [&](std::ostream& out) { out << text; }, bom);
}

void write_output_file(const std::string& path, const std::function<void(std::ostream&)>& write, bool bom) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary);
    if (!out) throw std::invalid_argument(tr("không ghi được tệp ", "cannot write file ") + path);
    if (bom) out << "\xEF\xBB\xBF";
    try {
      write(out);
    } catch (...) {
      out.close();
      std::error_code ec;
      fs::remove(temp, ec);
      throw;
    }
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw std::invalid_argument(tr("không ghi được tệp ", "cannot write file ") + path);
    }
  }
  std::error_code ec;
  if (!swap_into_place(temp, target)) fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::invalid_argument(tr("không ghi được tệp ", "cannot write file ") + path);
  }
}

}  // namespace ntm::cli
