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

// One field of a CSV file ntm writes. Quoted (quotes doubled) when it holds the delimiter,
// a quote, CR or LF, or starts or ends with a space. A text that Excel would run as a
// formula — it starts with '=', '+', '-', '@', a tab or CR and is not simply a number such
// as -12,5 — gets a leading apostrophe, so Excel shows it as text; ntm import drops that
// apostrophe again. Every CSV writer (exports, reports, allocations, query and check
// output) writes its fields through this.
std::string csv_cell(std::string_view text, char delimiter = ',');

// True when `text` would start a formula in Excel (see csv_cell).
bool csv_formula(std::string_view text);

}  // namespace ntm
