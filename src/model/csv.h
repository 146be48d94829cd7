// A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a chosen delimiter.
// Pure parsing; callers decide what the fields mean.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ntm {

struct CsvRow {
  int line = 0;                     // 1-based line number where the row starts
  std::vector<std::string> fields;
};

// Parses the whole text. A UTF-8 BOM at the start is skipped. Throws std::runtime_error
// naming the line on an unterminated quoted field. Blank lines are skipped.
std::vector<CsvRow> parse_csv(std::string_view text, char delimiter = ',');

}  // namespace ntm
