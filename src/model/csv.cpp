#include "model/csv.h"

#include <stdexcept>

namespace ntm {

std::vector<CsvRow> parse_csv(std::string_view text, char delimiter) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  int line = 1;
  row.line = 1;
  bool quoted = false, field_started = false, any = false;
  int quote_line = 0;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    bool blank = !any && row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{};
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) { quoted = true; field_started = true; any = true; quote_line = line; continue; }
    if (c == delimiter) { end_field(); any = true; continue; }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n' || c == '\r') {
      end_field();
      end_row();
      ++line;
      row.line = line;
      continue;
    }
    field += c;
    field_started = true;
    any = true;
  }
  if (quoted) throw std::runtime_error("dòng " + std::to_string(quote_line) + ": thiếu dấu \" đóng trường");
  if (field_started || !row.fields.empty()) { end_field(); end_row(); }
  return rows;
}

bool csv_formula(std::string_view text) {
  if (text.empty() || std::string_view("=+-@\t\r").find(text[0]) == std::string_view::npos) return false;
  if (text[0] != '-' && text[0] != '+') return true;
  // A signed number (-12, +3.5, -1.234,5) is data, not a formula.
  std::string_view rest = text.substr(1);
  if (rest.empty() || rest[0] < '0' || rest[0] > '9') return true;
  for (char c : rest)
    if (!((c >= '0' && c <= '9') || c == '.' || c == ',' || c == ' ')) return true;
  return false;
}

std::string csv_cell(std::string_view text, char delimiter) {
  std::string f;
  if (csv_formula(text)) f = "'";
  f += text;
  bool quote = f.find_first_of(std::string("\"\r\n") + delimiter) != std::string::npos ||
               (!f.empty() && (f.front() == ' ' || f.back() == ' '));
  if (!quote) return f;
  std::string q = "\"";
  for (char c : f) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

}  // namespace ntm
