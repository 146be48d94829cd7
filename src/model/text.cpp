#include "model/text.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>
#include <utf8proc.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace ntm {

namespace {

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

// Decomposes (NFKD), strips marks and case-folds one UTF-8 string with utf8proc.
std::string strip_and_fold(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  auto options = utf8proc_option_t(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                   UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &out, options);
  if (n < 0) {
    // Invalid UTF-8: keep the valid code points only, then try again.
    std::string clean;
    std::size_t i = 0;
    while (i < text.size()) {
      utf8proc_int32_t cp;
      utf8proc_ssize_t len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                              static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
      if (len <= 0) { ++i; continue; }
      clean.append(text.data() + i, static_cast<std::size_t>(len));
      i += static_cast<std::size_t>(len);
    }
    return clean.size() < text.size() ? strip_and_fold(clean) : std::string();
  }
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> holder(out);
  return std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
}

// strip_and_fold() of each code point below kFolded, worked out with utf8proc on first use:
// decomposing, stripping marks and case folding look at one code point at a time, so the fold
// of a text is the folds of its code points one after another. Every name of the country's
// map is folded when a national run reads it; utf8proc for each took a third of the read.
// An entry: bit 31 known, bit 30 longer than three bytes (asked of utf8proc each time),
// bits 24-25 the length, bits 0-23 the bytes.
constexpr utf8proc_int32_t kFolded = 0x2000;   // Latin, Vietnamese (U+1EA0–U+1EF9), marks, Greek, Cyrillic
std::atomic<std::uint32_t> folded_table[kFolded];
constexpr std::uint32_t kKnown = 1u << 31, kLong = 1u << 30;

std::uint32_t folded_entry(utf8proc_int32_t cp, std::string_view bytes) {
  std::uint32_t entry = folded_table[cp].load(std::memory_order_relaxed);
  if (entry & kKnown) return entry;
  std::string f = strip_and_fold(bytes);
  entry = kKnown;
  if (f.size() > 3) {
    entry |= kLong;
  } else {
    entry |= static_cast<std::uint32_t>(f.size()) << 24;
    for (std::size_t i = 0; i < f.size(); ++i) entry |= static_cast<std::uint32_t>(static_cast<unsigned char>(f[i])) << (8 * i);
  }
  folded_table[cp].store(entry, std::memory_order_relaxed);   // the same value whichever thread writes it
  return entry;
}

// strip_and_fold(), code point by code point through the table.
std::string strip_and_fold_fast(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    utf8proc_int32_t cp;
    utf8proc_ssize_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else {
      len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                             static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
      if (len <= 0) { ++i; continue; }   // an invalid byte is dropped, as strip_and_fold drops it
    }
    std::string_view bytes = text.substr(i, static_cast<std::size_t>(len));
    i += static_cast<std::size_t>(len);
    std::uint32_t entry = cp < kFolded ? folded_entry(cp, bytes) : kLong;
    if (entry & kLong) {   // beyond the table, or a fold of more than three bytes
      out += strip_and_fold(bytes);
      continue;
    }
    for (std::uint32_t k = 0, n = (entry >> 24) & 3; k < n; ++k) out += static_cast<char>((entry >> (8 * k)) & 0xFF);
  }
  return out;
}

std::string fold_spaces(const std::string& folded) {
  std::string result;
  result.reserve(folded.size());
  bool space = false;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(folded[i]);
    // đ (U+0111) and Đ (U+0110, case-folded to đ) do not decompose: map them by hand.
    if (c == 0xC4 && i + 1 < folded.size() && static_cast<unsigned char>(folded[i + 1]) == 0x91) {
      if (space && !result.empty()) result += ' ';
      space = false;
      result += 'd';
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_' || c == '.') {
      space = true;
      continue;
    }
    if (space && !result.empty()) result += ' ';
    space = false;
    result += static_cast<char>(c);
  }
  return result;
}

}  // namespace

std::string fold(std::string_view text) { return fold_spaces(strip_and_fold_fast(text)); }

std::string fold_with_utf8proc(std::string_view text) { return fold_spaces(strip_and_fold(text)); }

int display_width(std::string_view text) {
  int width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                            static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (len <= 0) { ++i; ++width; continue; }
    width += std::max(0, utf8proc_charwidth(cp));
    i += static_cast<std::size_t>(len);
  }
  return width;
}

namespace {

// One collator per thread (the provinces of a national check run in threads): opening it
// reads ICU's data once per thread, and ICU does not promise that one collator may compare
// in two threads at once.
const icu::Collator* vietnamese_collator() {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    return U_FAILURE(status) ? nullptr : std::move(c);
  }();
  return collator.get();
}

}  // namespace

int collate(std::string_view a, std::string_view b) {
  if (const icu::Collator* c = vietnamese_collator()) {
    UErrorCode status = U_ZERO_ERROR;
    UCollationResult r = c->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                        icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
    if (U_SUCCESS(status)) {
      if (r != UCOL_EQUAL) return r == UCOL_LESS ? -1 : 1;
      return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;   // equal to ICU: bytes decide, for a total order
    }
  }
  std::string fa = fold(a), fb = fold(b);
  if (fa != fb) return fa < fb ? -1 : 1;
  return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
}

void sort_vietnamese(std::vector<std::string>& names) {
  std::stable_sort(names.begin(), names.end(), collate_less);
}

int edit_distance(std::string_view a_raw, std::string_view b_raw) {
  std::string a = fold(a_raw), b = fold(b_raw);
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string clip(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

std::vector<std::string> closest(std::string_view query, const std::vector<std::string>& candidates,
                                 std::size_t limit) {
  // Names are short; a query of more than a few hundred bytes is not a misspelt name, and
  // the edit distance costs its length times each candidate's. No suggestion for it.
  if (query.size() > kMaxSuggestQuery) return {};
  std::string q = fold(query);
  struct Scored { int score; std::string name; };
  std::vector<Scored> scored;
  for (const auto& c : candidates) {
    std::string f = fold(c);
    int score = edit_distance(q, f);
    if (!q.empty() && f.find(q) != std::string::npos) score -= 100;  // substring matches first
    scored.push_back({score, c});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& x, const Scored& y) { return x.score < y.score; });
  std::vector<std::string> out;
  for (const auto& s : scored) {
    if (out.size() >= limit) break;
    if (std::find(out.begin(), out.end(), s.name) == out.end()) out.push_back(s.name);
  }
  return out;
}

bool parse_rounding(std::string_view name, Rounding& out) {
  if (name == "half-up" || name == "round" || name == "half_up") { out = Rounding::HalfUp; return true; }
  if (name == "half-even" || name == "bankers" || name == "half_even") { out = Rounding::HalfEven; return true; }
  if (name == "truncate" || name == "trunc") { out = Rounding::Truncate; return true; }
  return false;
}

namespace {

// The shortest decimal text that reads back as `value` ("%.17g" can show 47.826086956521742;
// 0.1+0.2 shows 0.30000000000000004). Rounding decides on this text, as a person would
// on the printed digits, so 10.125 stays a tie and 47.8260869 truncates to 47.82.
std::string shortest_decimal(double value) {
  // std::to_chars without a precision gives the shortest text that reads back as `value`.
  char buf[400];
  auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  if (result.ec != std::errc()) return "0";
  return std::string(buf, result.ptr);
}

}  // namespace

double round_to(double value, int decimals, Rounding mode) {
  if (!std::isfinite(value)) return value;
  decimals = std::clamp(decimals, 0, 15);
  std::string text = shortest_decimal(std::fabs(value));
  std::size_t dot = text.find('.');
  std::string whole = dot == std::string::npos ? text : text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (frac.size() <= static_cast<std::size_t>(decimals)) return value;
  std::string kept = frac.substr(0, static_cast<std::size_t>(decimals));
  std::string rest = frac.substr(static_cast<std::size_t>(decimals));
  bool up = false;
  if (mode == Rounding::HalfUp) {
    up = rest[0] >= '5';
  } else if (mode == Rounding::HalfEven) {
    bool exact_half = rest[0] == '5' && rest.find_first_not_of('0', 1) == std::string::npos;
    if (rest[0] > '5' || (rest[0] == '5' && !exact_half)) up = true;
    else if (exact_half) {
      char last = kept.empty() ? whole.back() : kept.back();
      up = ((last - '0') % 2) == 1;
    }
  }
  std::string digits = whole + kept;
  if (up) {
    int i = static_cast<int>(digits.size()) - 1;
    while (i >= 0) {
      if (digits[static_cast<std::size_t>(i)] == '9') { digits[static_cast<std::size_t>(i)] = '0'; --i; }
      else { ++digits[static_cast<std::size_t>(i)]; break; }
    }
    if (i < 0) digits.insert(digits.begin(), '1');
  }
  std::string out = digits.substr(0, digits.size() - kept.size());
  if (!kept.empty()) out += "." + digits.substr(digits.size() - kept.size());
  double result = std::strtod(out.c_str(), nullptr);
  return value < 0 ? -result : result;
}

std::string format_integer(std::int64_t value, char thousands) {
  bool negative = value < 0;
  // Work on the unsigned magnitude so INT64_MIN is safe.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0 && thousands) out += thousands;
    out += *it;
    ++count;
  }
  if (negative) out += '-';
  std::reverse(out.begin(), out.end());
  return out;
}

std::string format_number(double value, const NumberFormat& fmt) {
  if (std::isnan(value)) return "";
  if (std::isinf(value)) return value > 0 ? "∞" : "-∞";
  int decimals = std::clamp(fmt.decimals, 0, 15);
  double rounded = round_to(value, decimals, fmt.rounding);
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(rounded));
  std::string text = buf;
  std::size_t dot = text.find('.');
  std::string whole = dot == std::string::npos ? text : text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (fmt.trim_zeros) {
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  }
  std::string out;
  int count = 0;
  for (auto it = whole.rbegin(); it != whole.rend(); ++it) {
    if (count > 0 && count % 3 == 0 && fmt.thousands) out += fmt.thousands;
    out += *it;
    ++count;
  }
  std::reverse(out.begin(), out.end());
  bool zero = rounded == 0.0;
  if (rounded < 0 && !zero) out.insert(out.begin(), '-');
  if (!frac.empty()) {
    out += fmt.decimal;
    out += frac;
  }
  return out;
}

bool parse_date(std::string_view text, int& year, int& month, int& day) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3) {
  } else if (std::sscanf(s.c_str(), "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3) {
  } else {
    return false;
  }
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int limit = days[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > limit) return false;
  year = y; month = m; day = d;
  return true;
}

std::string format_date_long(std::string_view date) {
  int y, m, d;
  if (!parse_date(date, y, m, d)) return std::string(date);
  // Nghị định 30/2020/NĐ-CP: days below 10 and months below 3 take a leading zero
  // ("ngày 05 tháng 02 năm 2021", "ngày 31 tháng 12 năm 2020").
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  std::string out = "ngày " + (d < 10 ? two(d) : std::to_string(d)) + " tháng " +
                    (m < 3 ? two(m) : std::to_string(m)) + " năm " + std::to_string(y);
  return out;
}

std::string to_upper(std::string_view text) {
  std::string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) { ++p; --left; continue; }
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(c), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(m));
    p += n;
    left -= n;
  }
  return out;
}

}  // namespace ntm
