// Fuzzes the CSV reader with both delimiters: it either parses or fails as the command line
// reports a data error (fuzz_support.h).
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "fuzz_support.h"
#include "model/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (char delimiter : {',', ';'}) {
    ntm::fuzz::as_cli([&] {
      auto rows = ntm::parse_csv(text, delimiter);
      for (const auto& row : rows)
        if (row.line < 1 || row.fields.empty()) __builtin_trap();
    });
  }
  return 0;
}
