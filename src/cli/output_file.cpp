#include "cli/output_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "model/i18n.h"

namespace ntm::cli {

void write_output_file(const std::string& path, const std::string& text, bool bom) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary);
    if (!out) throw std::invalid_argument(tr("không ghi được tệp ", "cannot write file ") + path);
    if (bom) out << "\xEF\xBB\xBF";
    out << text;
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw std::invalid_argument(tr("không ghi được tệp ", "cannot write file ") + path);
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::invalid_argument(tr("không ghi được tệp ", "cannot write file ") + path);
  }
}

}  // namespace ntm::cli
