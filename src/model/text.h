// Vietnamese text: folding names for matching, Vietnamese order, display width, and number
// formatting.
// Pure functions over UTF-8 std::string; no Lua, no SQLite.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ntm {

// Folds a name for matching: Unicode NFKD, diacritics removed, đ/Đ → d, lower case,
// runs of spaces, '-', '_' and '.' collapsed to one space, trimmed.
// "Điện Biên" and "dien  bien" fold to the same "dien bien". Invalid UTF-8 bytes are dropped.
std::string fold(std::string_view text);
// The same, asking utf8proc for the whole text: what fold() gives, which takes the fold of
// each code point from a table utf8proc fills on first use (the tests compare the two).
std::string fold_with_utf8proc(std::string_view text);

// Upper case of UTF-8 text, letter by letter ("Điện Biên" → "ĐIỆN BIÊN"), for headers
// printed in capitals. Invalid bytes are dropped.
std::string to_upper(std::string_view text);

// Number of terminal columns the UTF-8 text takes (combining marks take none).
int display_width(std::string_view text);

// Vietnamese order (ICU collation for the locale "vi"): a ă â b c d đ e ê ... y, the bare
// letter before its tones, case only as a last resort. "Điện Biên Đông" comes after "Điện
// Biên Phủ" and before "Mường Ảng", where byte order would put every "Đ" after "Z". The one
// comparison for every list and table sorted by name; falls back to comparing fold() when ICU
// cannot open the collator. collate() is <0, 0, >0 like strcmp.
int collate(std::string_view a, std::string_view b);
inline bool collate_less(std::string_view a, std::string_view b) { return collate(a, b) < 0; }
// For std::map / std::set keyed by names, and std::sort.
struct VietnameseLess {
  bool operator()(std::string_view a, std::string_view b) const { return collate(a, b) < 0; }
};
// Sorts names in Vietnamese order (stable, so equal names keep their order).
void sort_vietnamese(std::vector<std::string>& names);

// Levenshtein distance over folded text, for "did you mean" suggestions.
int edit_distance(std::string_view a, std::string_view b);

// Up to `limit` candidates closest to `query` (folded comparison; a candidate that contains
// the query comes first), best first.
constexpr std::size_t kMaxSuggestQuery = 256;   // longer queries get no suggestions
// No unit, criterion or plan name is longer than this; a longer text matches nothing, so
// lookups skip the work of folding it.
constexpr std::size_t kMaxNameBytes = 1024;
// `text` cut to at most `max` bytes at a character boundary, with "…" when cut: for
// quoting what a user or script gave in a message.
std::string clip(std::string_view text, std::size_t max = 80);
std::vector<std::string> closest(std::string_view query, const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);

enum class Rounding { HalfUp, HalfEven, Truncate };

// Parses "half-up" | "half-even" | "truncate" (also "round", "bankers", "trunc");
// returns false on anything else.
bool parse_rounding(std::string_view name, Rounding& out);

// Rounds `value` to `decimals` decimal places with the given mode, deciding on the decimal
// representation (so 47.826 truncated to 2 gives 47.82 and 10.125 half-even gives 10.12).
double round_to(double value, int decimals, Rounding mode);

struct NumberFormat {
  int decimals = 0;              // digits after the decimal comma
  Rounding rounding = Rounding::HalfUp;
  bool trim_zeros = false;       // "40,00" → "40", "51,30" → "51,3" (as the reports print)
  char thousands = '.';          // Vietnamese: 1.986.281
  char decimal = ',';            // Vietnamese: 11,75
};

// 1986281 → "1.986.281"; 11.7478 with 2 decimals → "11,75"; NaN → "" ; ±inf → "∞"/"-∞".
std::string format_number(double value, const NumberFormat& fmt = {});

// Integer amounts (million VND) with thousands dots: 1986281 → "1.986.281".
std::string format_integer(std::int64_t value, char thousands = '.');

// "ngày 31 tháng 12 năm 2020" from an ISO date "2020-12-31" (or "31/12/2020");
// returns the input unchanged when it is not a date.
std::string format_date_long(std::string_view date);

// Parses "2020-12-31" or "31/12/2020"; false when not a valid calendar date.
bool parse_date(std::string_view text, int& year, int& month, int& day);

}  // namespace ntm
