// CSV writer: one text per table (see to_csv() in writer.h for the format).
#include <charconv>
#include <cmath>

#include "model/csv.h"
#include "report/writer.h"

namespace ntm::report {

namespace {

// RFC 4180 quoting, and texts Excel would run as formulas neutralised (model/csv.h).
std::string field(const std::string& text) { return csv_cell(text, ','); }

// A number as the report prints it, with a point decimal: 47.82, 1986281, -0.5.
std::string plain_number(const Cell& cell) {
  if (std::isnan(cell.number)) return {};
  if (std::isinf(cell.number)) return cell.number > 0 ? "inf" : "-inf";
  int decimals = cell.number_kind == NumberKind::Integer ? 0 : cell.decimals;
  double v = rounded_value(cell);
  if (v == 0) v = 0;  // no "-0"
  // to_chars ignores the C locale, so a program running under vi_VN still writes a point.
  char buf[400];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return std::string(buf, res.ptr);
}

void line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += field(fields[i]);
  }
  out += "\r\n";
}

std::string table_csv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";
  if (!t.header.empty()) line(out, flat_header(t));
  auto body = [&](const std::vector<Cell>& row) {
    std::vector<std::string> fields;
    for (const Cell& c : row) {
      fields.push_back(c.kind == Cell::Kind::Number ? plain_number(c) : c.text);
      for (int k = 1; k < c.colspan; ++k) fields.emplace_back();
    }
    line(out, fields);
  };
  for (const auto& row : t.rows) body(row);
  if (!t.totals.empty()) body(t.totals);
  return out;
}

}  // namespace

std::vector<std::string> to_csv(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks)
    if (const auto* t = std::get_if<Table>(&b)) out.push_back(table_csv(*t));
  return out;
}

}  // namespace ntm::report
