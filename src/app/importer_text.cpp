// Decoding CSV text as Excel writes it: encoding, delimiter, decimal mark, numbers.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "app/importer.h"

namespace ntm::app {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
  if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogates
  if (n == 4 && c == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (n == 4 && c == 0xF4 && byte(i + 1) >= 0x90) return 0;
  return n;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Removes spaces (also the no-break space Excel may write) around and inside a number.
std::string squeeze(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\t') continue;
    if (text.substr(i, 2) == "\xC2\xA0") { ++i; continue; }
    out += text[i];
  }
  return out;
}

}  // namespace

CsvFile read_csv_text(std::string_view bytes) {
  CsvFile file;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    file.bom = true;
  }
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    throw std::runtime_error(
        "Tệp là Unicode UTF-16, không phải UTF-8. Trong Excel: File > Save As > chọn kiểu "
        "\"CSV UTF-8 (Comma delimited) (*.csv)\" rồi nhập lại.");
  int line = 1;
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t n = utf8_sequence(bytes, i);
    if (n == 0)
      throw std::runtime_error(
          "Tệp không phải UTF-8 (dòng " + std::to_string(line) +
          " có byte không hợp lệ; có thể tệp được lưu bằng bảng mã Windows-1258, TCVN3 (ABC) hoặc VNI). "
          "Trong Excel: File > Save As > chọn kiểu \"CSV UTF-8 (Comma delimited) (*.csv)\" rồi nhập lại; "
          "với tệp TCVN3/VNI, chuyển mã sang Unicode trước (ví dụ bằng Unikey: Công cụ chuyển mã).");
    if (bytes[i] == '\n') ++line;
    i += n;
  }
  // Excel's "sep=;" first line names the delimiter.
  std::size_t first_end = bytes.find('\n');
  std::string_view first = bytes.substr(0, first_end);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  bool sep_line = first.size() == 5 && (first.substr(0, 4) == "sep=" || first.substr(0, 4) == "SEP=");
  if (sep_line) {
    file.delimiter = first[4];
    bytes.remove_prefix(first_end == std::string_view::npos ? bytes.size() : first_end + 1);
  } else {
    // Counted over the first lines, so that a title line above the header does not decide.
    int commas = 0, semicolons = 0, lines = 0;
    bool quoted = false;
    for (char c : bytes) {
      if (c == '"') quoted = !quoted;
      else if (!quoted && c == ',') ++commas;
      else if (!quoted && c == ';') ++semicolons;
      else if (!quoted && c == '\n' && ++lines == 10) break;
    }
    file.delimiter = semicolons > commas ? ';' : ',';
  }
  file.rows = parse_csv(bytes, file.delimiter);
  // A line sep= shifts nothing: parse_csv counted lines from the text it was given.
  if (sep_line)
    for (auto& r : file.rows) ++r.line;
  // Excel pads rows with empty cells; drop rows that are entirely empty.
  std::vector<CsvRow> kept;
  for (auto& r : file.rows) {
    bool empty = true;
    for (auto& f : r.fields)
      if (!squeeze(f).empty()) empty = false;
    if (!empty) kept.push_back(std::move(r));
  }
  file.rows = std::move(kept);
  return file;
}

DecimalMark detect_decimal(const std::vector<std::string>& cells, char delimiter) {
  int comma = 0, point = 0;
  for (const auto& raw : cells) {
    std::string s = squeeze(raw);
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.erase(0, 1);
    auto commas = std::count(s.begin(), s.end(), ',');
    auto points = std::count(s.begin(), s.end(), '.');
    bool digits_only = true;
    for (char c : s)
      if (!std::isdigit(static_cast<unsigned char>(c)) && c != ',' && c != '.') digits_only = false;
    if (!digits_only || s.empty() || commas + points == 0) continue;
    if (commas && points) {   // both: the last one is the decimal mark
      (s.rfind(',') > s.rfind('.') ? comma : point)++;
      continue;
    }
    char mark = commas ? ',' : '.';
    auto count = commas ? commas : points;
    std::size_t last = s.rfind(mark);
    bool three_after = s.size() - last - 1 == 3;
    if (count > 1) (mark == '.' ? comma : point)++;          // 1.986.281 → thousands dots
    else if (!three_after) (mark == ',' ? comma : point)++;  // 3,5 or 3.5
    // one separator followed by three digits ("1.234") is ambiguous: no evidence
  }
  if (comma != point) return comma > point ? DecimalMark::Comma : DecimalMark::Point;
  return delimiter == ';' ? DecimalMark::Comma : DecimalMark::Point;
}

namespace {

// The parser itself: a well-formed number too large for a double comes back as infinity, so
// that the reader can say "quá lớn" rather than "không phải số".
std::optional<double> parse_number_or_overflow(std::string_view text, DecimalMark mark) {
  std::string s = squeeze(text);
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    s.erase(0, 1);
  }
  // An exponent as Excel writes large and small numbers: 9.5E+1, 1,2E-05, 3E10.
  std::string exponent;
  if (auto e = s.find_first_of("eE"); e != std::string::npos) {
    exponent = s.substr(e + 1);
    s.erase(e);
    std::string digits = exponent;
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.erase(0, 1);
    if (!all_digits(digits) || digits.size() > 4 || s.empty()) return std::nullopt;
  }
  char decimal = mark == DecimalMark::Comma ? ',' : '.';
  char thousands = mark == DecimalMark::Comma ? '.' : ',';
  std::string integer = s, fraction;
  if (auto d = s.find(decimal); d != std::string::npos) {
    integer = s.substr(0, d);
    fraction = s.substr(d + 1);
    if (!all_digits(fraction)) return std::nullopt;
  }
  if (integer.find(thousands) != std::string::npos) {
    if (!exponent.empty()) return std::nullopt;   // no grouping in scientific notation
    // Groups of three after the first: 1.986.281
    std::string plain;
    std::size_t start = 0;
    bool first = true;
    for (;;) {
      std::size_t sep = integer.find(thousands, start);
      std::string group = integer.substr(start, sep == std::string::npos ? std::string::npos : sep - start);
      if (!all_digits(group) || (first ? group.size() > 3 : group.size() != 3)) return std::nullopt;
      plain += group;
      first = false;
      if (sep == std::string::npos) break;
      start = sep + 1;
    }
    integer = plain;
  }
  if (integer.empty() && fraction.empty()) return std::nullopt;
  if (!integer.empty() && !all_digits(integer)) return std::nullopt;
  // strtod in the C locale reads the normalised text (never std::stod, whose exception would
  // reach the user as "stod").
  std::string normal = (integer.empty() ? "0" : integer) + (fraction.empty() ? "" : "." + fraction) +
                       (exponent.empty() ? "" : "e" + exponent);
  char* end = nullptr;
  double value = std::strtod(normal.c_str(), &end);
  if (end != normal.c_str() + normal.size()) return std::nullopt;
  return negative ? -value : value;
}

}  // namespace

// A value too large for a double (a 400-digit "number") is refused like any other text that
// is not a number; number_overflows tells the two apart for the message.
std::optional<double> parse_number(std::string_view text, DecimalMark mark) {
  auto v = parse_number_or_overflow(text, mark);
  if (v && !std::isfinite(*v)) return std::nullopt;
  return v;
}

bool number_overflows(std::string_view text, DecimalMark mark) {
  auto v = parse_number_or_overflow(text, mark);
  return v && !std::isfinite(*v);
}

}  // namespace ntm::app
