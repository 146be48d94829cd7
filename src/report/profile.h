// How a province prints its documents: issuing bodies, signer, recipients, the decimals and
// rounding it prints, its money unit and the office's own prose. Plain data, read from a
// province profile file by app::load_profile (app/profile.h) and handed to layouts through
// ntm.report.profile() and doc:prose().
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/text.h"
#include "report/prose.h"

namespace ntm::report {

struct Profile {
  std::filesystem::path file;               // the profile file, for messages
  std::vector<std::string> issuer;          // "UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"
  std::string number;                       // "     /BC-BCĐ"
  std::string place;                        // "Điện Biên"
  std::vector<std::string> signer_role;     // "TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"
  std::string signer_name;                  // "Lò Văn Tiến"
  std::vector<std::string> recipients;      // "Nơi nhận" lines, without the leading "- "
  std::optional<int> decimals;              // digits the province prints in percentages
  std::optional<Rounding> rounding;         // and how it cuts them (truncate, half-up, half-even)
  std::string money_unit = "trieu";         // "trieu" (million VND) or "ty" (billion VND)
  std::filesystem::path prose_file;         // the office's prose (Markdown), absolute
  std::optional<Prose> prose;               // its sections, read with the profile
};

}  // namespace ntm::report
