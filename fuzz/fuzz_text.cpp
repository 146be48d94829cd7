// Fuzzes Vietnamese text folding, display width, suggestions, dates and number formatting.
#include <cstdint>
#include <cstring>
#include <string>

#include "model/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string folded = ntm::fold(text);
  // Folding is idempotent and never grows past a few times the input.
  if (ntm::fold(folded) != folded) __builtin_trap();
  (void)ntm::display_width(text);
  (void)ntm::closest(text, {"Điện Biên", "Bắc Giang", "Nậm Pồ", text}, 3);
  int y, m, d;
  if (ntm::parse_date(text, y, m, d) && ntm::format_date_long(text).find("năm") == std::string::npos) __builtin_trap();
  if (size >= 10) {
    double value;
    std::memcpy(&value, data, sizeof value);
    ntm::NumberFormat f;
    f.decimals = data[8] % 16;
    f.rounding = static_cast<ntm::Rounding>(data[9] % 3);
    f.trim_zeros = data[8] & 0x80;
    std::string s = ntm::format_number(value, f);
    (void)ntm::round_to(value, f.decimals, f.rounding);
    (void)ntm::format_integer(static_cast<std::int64_t>(value == value && value < 9e18 && value > -9e18 ? value : 0));
    // 309 digits of DBL_MAX, 102 separators, sign, point and 15 decimals.
    if (s.size() > 430) __builtin_trap();
  }
  return 0;
}
