// Province profile files (TOML): how a province prints its documents. `ntm report
// --profile FILE` and `ntm allocate --profile FILE` read one; flags given on the command
// line win over it. The struct is report::Profile (report/profile.h):
//
//   # ho-so-tinh.toml
//   [document]
//   issuer = ["UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"]   # cơ quan ban hành, dòng cuối in đậm
//   number = "     /BC-BCĐ"                                   # số văn bản
//   place = "Điện Biên"                                       # địa danh
//   recipients = ["BCĐ các CT MTQG TW;", "Lưu: VT."]           # nơi nhận
//   [signer]
//   role = ["TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
//   name = "Lò Văn Tiến"
//   [numbers]
//   decimals = 2                  # chữ số thập phân của tỷ lệ
//   rounding = "truncate"         # half-up | half-even | truncate
//   money_unit = "trieu"          # trieu | ty
//   [text]
//   file = "noi-dung-2020.md"     # văn bản của văn phòng, đường dẫn tính từ thư mục của tệp này
#pragma once

#include <filesystem>
#include <stdexcept>

#include "report/profile.h"

namespace ntm::app {

using Profile = report::Profile;

// A profile file that cannot be used (missing, bad TOML, an unknown key, a value of the
// wrong type, a prose file that cannot be read). The message is Vietnamese (English with
// --lang en) and names the file and line. A data error: exit status 1.
class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads `path` and the prose file it names (relative paths are taken from the profile's
// folder). Unknown tables and keys are errors, so a misspelt key is not silently ignored.
Profile load_profile(const std::filesystem::path& path);

// A prose file on its own (`ntm report --text FILE`): Markdown (.md, .txt) or Word (.docx,
// whose "Heading 1" paragraphs start sections).
report::Prose load_prose(const std::filesystem::path& path);

}  // namespace ntm::app
