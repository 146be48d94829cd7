// User-facing language. Messages are written in Vietnamese; `--lang en` switches to the
// English text given beside each one: tr("Không tìm thấy tỉnh", "Province not found").
#pragma once

#include <string>

namespace ntm {

enum class Lang { Vi, En };

// The process-wide language, set once by the command line before any work starts.
Lang& current_lang();

inline std::string tr(const char* vi, const char* en) {
  return current_lang() == Lang::En ? en : vi;
}

}  // namespace ntm
