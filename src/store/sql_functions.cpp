// What SQL a script may run (ntm.sql): the authorizer with its allow-lists, and metered
// versions of the SQL functions whose work grows with the product of their arguments.
//
// SQLite's progress handler interrupts a statement between VM steps only; one call of
// instr(), replace(), LIKE or GLOB on two long strings is a single step that can run for
// minutes. The versions here do the same job (same results, NULL handling and errors) with
// memmem, which is linear, or a two-pointer wildcard matcher, and report their work to the
// run's meter as they go.
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace ntm::store {

// Whom a connection's metered functions report their work to (Host::Host sets it for a run).
struct WorkMeter {
  int (*report)(void*, std::int64_t);
  void* arg;
};

namespace {

// ---- the allow-lists ------------------------------------------------------------------------

// Functions a script's query may call: SQLite's core scalar, aggregate, window, date, math
// and JSON functions. Left out: random() and randomblob() (a run must be repeatable),
// load_extension, fts3_tokenizer and the other full-text and R-tree helpers, and the
// functions that describe the connection rather than the data.
const char* const kFunctions[] = {
    "abs", "char", "coalesce", "format", "glob", "hex", "ifnull", "iif", "instr", "length", "like", "likelihood",
    "likely", "lower", "ltrim", "max", "min", "nullif", "printf", "quote", "replace", "round", "rtrim", "sign",
    "soundex", "substr", "substring", "trim", "typeof", "unicode", "unlikely", "upper", "zeroblob", "sqlite_version",
    "date", "time", "datetime", "julianday", "unixepoch", "strftime", "current_date", "current_time",
    "current_timestamp",
    "avg", "count", "group_concat", "sum", "total",
    "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
    "last_value", "nth_value",
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "ceiling", "cos", "cosh", "degrees", "exp",
    "floor", "ln", "log", "log10", "log2", "mod", "pi", "pow", "power", "radians", "sin", "sinh", "sqrt", "tan",
    "tanh", "trunc",
    "json", "json_array", "json_array_length", "json_extract", "json_insert", "json_object", "json_patch",
    "json_quote", "json_remove", "json_replace", "json_set", "json_type", "json_valid", "json_group_array",
    "json_group_object", "->", "->>",
};

// Pragmas that only read the schema (with an argument: the table or index they describe).
const char* const kPragmas[] = {"table_info", "table_xinfo", "table_list", "index_list", "index_info",
                                "index_xinfo", "foreign_key_list"};
// Pragmas readable without an argument only (with one they would set a value).
const char* const kReadPragmas[] = {"user_version", "schema_version"};

// Virtual tables a script query may not read: raw pages and the connection's statements.
const char* const kHiddenTables[] = {"sqlite_dbpage", "sqlite_stmt", "dbstat"};

bool listed(const char* name, const char* const* list, std::size_t n) {
  if (!name) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (sqlite3_stricmp(name, list[i]) == 0) return true;
  return false;
}

template <std::size_t N>
bool listed(const char* name, const char* const (&list)[N]) {
  return listed(name, list, N);
}

int reads_only(void*, int action, const char* arg1, const char* arg2, const char*, const char*) {
  switch (action) {
    case SQLITE_PRAGMA:
      if (listed(arg1, kPragmas)) return SQLITE_OK;
      return listed(arg1, kReadPragmas) && !arg2 ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_FUNCTION:
      return listed(arg2, kFunctions) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_READ:
      return listed(arg1, kHiddenTables) ? SQLITE_DENY : SQLITE_OK;
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_UPDATE:
      // Connecting an eponymous virtual table (json_each, pragma_table_info) checks this on
      // the schema table; a real UPDATE is no read-only statement and ntm.sql refuses it, on
      // a connection that is read-only and query_only anyway.
      return arg1 && (sqlite3_stricmp(arg1, "sqlite_master") == 0 || sqlite3_stricmp(arg1, "sqlite_schema") == 0)
                 ? SQLITE_OK : SQLITE_DENY;
    default:
      return SQLITE_DENY;
  }
}

// ---- metered functions -----------------------------------------------------------------------

constexpr std::int64_t kChunk = 1 << 14;

// Counts steps for one call; false (and the statement interrupted) once the meter says stop.
class Work {
 public:
  explicit Work(sqlite3_context* ctx) : ctx_(ctx), meter_(static_cast<WorkMeter*>(sqlite3_user_data(ctx))) {}
  ~Work() {
    if (steps_ && !stopped_ && meter_->report) meter_->report(meter_->arg, steps_);
  }
  bool add(std::int64_t n = 1) {
    steps_ += n;
    if (steps_ < kChunk || !meter_->report) return true;
    std::int64_t done = steps_;
    steps_ = 0;
    if (meter_->report(meter_->arg, done) == 0) return true;
    stopped_ = true;
    sqlite3_result_error_code(ctx_, SQLITE_INTERRUPT);
    return false;
  }
  bool stopped() const { return stopped_; }

 private:
  sqlite3_context* ctx_;
  WorkMeter* meter_;
  std::int64_t steps_ = 0;
  bool stopped_ = false;
};

std::string_view text_of(sqlite3_value* v) {
  const char* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(v))) : std::string_view();
}

std::string_view blob_of(sqlite3_value* v) {
  const char* p = static_cast<const char*>(sqlite3_value_blob(v));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(v))) : std::string_view();
}

bool any_null(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  return false;
}

// Number of UTF-8 characters in s[0..n) (continuation bytes are not counted).
std::int64_t characters(std::string_view s) {
  std::int64_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// instr(X, Y): the 1-based position of the first Y in X, in characters (bytes for two
// blobs), 0 when absent, NULL when either is NULL.
void instr_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (any_null(argc, argv)) return;
  bool blobs = sqlite3_value_type(argv[0]) == SQLITE_BLOB && sqlite3_value_type(argv[1]) == SQLITE_BLOB;
  std::string_view hay = blobs ? blob_of(argv[0]) : text_of(argv[0]);
  std::string_view needle = blobs ? blob_of(argv[1]) : text_of(argv[1]);
  Work work(ctx);
  if (!work.add(static_cast<std::int64_t>(hay.size() / 16))) return;
  if (needle.empty()) {
    sqlite3_result_int64(ctx, 1);
    return;
  }
  const void* at = memmem(hay.data(), hay.size(), needle.data(), needle.size());
  if (!at) {
    sqlite3_result_int64(ctx, 0);
    return;
  }
  std::size_t offset = static_cast<std::size_t>(static_cast<const char*>(at) - hay.data());
  sqlite3_result_int64(ctx, blobs ? static_cast<std::int64_t>(offset) + 1 : characters(hay.substr(0, offset)) + 1);
}

// replace(X, Y, Z): every Y in X replaced by Z; X unchanged when Y is empty.
void replace_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (any_null(argc, argv)) return;
  std::string_view x = text_of(argv[0]), y = text_of(argv[1]), z = text_of(argv[2]);
  if (y.empty()) {
    sqlite3_result_value(ctx, argv[0]);
    return;
  }
  Work work(ctx);
  if (!work.add(static_cast<std::int64_t>(x.size() / 16))) return;
  sqlite3* db = sqlite3_context_db_handle(ctx);
  std::int64_t cap = sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1);
  std::string out;
  std::size_t from = 0;
  for (;;) {
    const void* at = memmem(x.data() + from, x.size() - from, y.data(), y.size());
    std::size_t pos = at ? static_cast<std::size_t>(static_cast<const char*>(at) - x.data()) : x.size();
    out.append(x.substr(from, pos - from));
    if (!at) break;
    out.append(z);
    if (static_cast<std::int64_t>(out.size()) > cap) {
      sqlite3_result_error_toobig(ctx);
      return;
    }
    if (!work.add(static_cast<std::int64_t>(z.size() / 16 + 1))) return;
    from = pos + y.size();
  }
  if (static_cast<std::int64_t>(out.size()) > cap) {
    sqlite3_result_error_toobig(ctx);
    return;
  }
  sqlite3_result_text64(ctx, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// Decodes one UTF-8 character at s[i] (an invalid byte counts as itself), advancing i.
std::uint32_t next_char(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0xC0) return c;
  int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  std::uint32_t cp = c & (0x3F >> more);
  for (; more > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; --more)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

std::vector<std::uint32_t> decode(std::string_view s) {
  std::vector<std::uint32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(next_char(s, i));
  return out;
}

std::uint32_t fold_ascii(std::uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// One pattern element: a character (maybe escaped), a one-character wildcard, a set, or
// the any-sequence wildcard.
struct Element {
  enum Kind { Char, One, Set, Any } kind;
  std::uint32_t c = 0;
  std::vector<std::uint32_t> set;   // GLOB [...]: pairs of (low, high)
  bool invert = false;
};

// Compiles a LIKE (case-insensitive for ASCII, '%', '_', optional escape) or GLOB ('*',
// '?', '[...]') pattern into elements; false for a malformed one (an unclosed GLOB set,
// which never matches, as in SQLite).
bool compile(const std::vector<std::uint32_t>& p, bool glob, std::uint32_t escape, std::vector<Element>& out) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    std::uint32_t c = p[i];
    Element e{Element::Char};
    if (!glob && escape && c == escape) {
      if (i + 1 >= p.size()) return false;   // a trailing escape matches nothing
      e.c = p[++i];
    } else if (c == (glob ? '*' : '%')) {
      if (!out.empty() && out.back().kind == Element::Any) continue;
      e.kind = Element::Any;
    } else if (c == (glob ? '?' : '_')) {
      e.kind = Element::One;
    } else if (glob && c == '[') {
      e.kind = Element::Set;
      std::size_t j = i + 1;
      if (j < p.size() && p[j] == '^') {
        e.invert = true;
        ++j;
      }
      if (j < p.size() && p[j] == ']') {
        e.set.push_back(']');
        e.set.push_back(']');
        ++j;
      }
      std::uint32_t prior = 0;
      while (j < p.size() && p[j] != ']') {
        if (p[j] == '-' && j + 1 < p.size() && p[j + 1] != ']' && prior > 0) {
          e.set.back() = p[j + 1];   // turns (prior, prior) into (prior, high)
          prior = 0;
          j += 2;
          continue;
        }
        e.set.push_back(p[j]);
        e.set.push_back(p[j]);
        prior = p[j];
        ++j;
      }
      if (j >= p.size()) return false;
      i = j;
    } else {
      e.c = c;
    }
    out.push_back(std::move(e));
  }
  return true;
}

bool element_matches(const Element& e, std::uint32_t c, bool fold) {
  switch (e.kind) {
    case Element::One: return true;
    case Element::Char: return fold ? fold_ascii(e.c) == fold_ascii(c) : e.c == c;
    case Element::Set: {
      bool seen = false;
      for (std::size_t k = 0; k + 1 < e.set.size(); k += 2)
        if (c >= e.set[k] && c <= e.set[k + 1]) seen = true;
      return seen != e.invert;
    }
    case Element::Any: return true;
  }
  return false;
}

// The two-pointer wildcard match: on a mismatch, go back to the last any-sequence and let
// it take one more character. At most len(pattern) * len(text) steps, each metered.
int wildcard_match(Work& work, const std::vector<Element>& p, const std::vector<std::uint32_t>& s, bool fold) {
  std::size_t i = 0, j = 0, star = SIZE_MAX, resume = 0;
  while (i < s.size()) {
    if (!work.add()) return -1;
    if (j < p.size() && p[j].kind == Element::Any) {
      star = j++;
      resume = i;
    } else if (j < p.size() && element_matches(p[j], s[i], fold)) {
      ++i;
      ++j;
    } else if (star != SIZE_MAX) {
      j = star + 1;
      i = ++resume;
    } else {
      return 0;
    }
  }
  while (j < p.size() && p[j].kind == Element::Any) ++j;
  return j == p.size();
}

void pattern_function(sqlite3_context* ctx, int argc, sqlite3_value** argv, bool glob) {
  // like(PATTERN, TEXT [, ESCAPE]) and glob(PATTERN, TEXT): X LIKE Y calls like(Y, X).
  if (any_null(argc, argv)) return;
  if (sqlite3_value_type(argv[0]) == SQLITE_BLOB || sqlite3_value_type(argv[1]) == SQLITE_BLOB) {
    sqlite3_result_int(ctx, 0);   // as Debian's SQLite (LIKE_DOESNT_MATCH_BLOBS)
    return;
  }
  sqlite3* db = sqlite3_context_db_handle(ctx);
  std::string_view pattern = text_of(argv[0]), text = text_of(argv[1]);
  if (static_cast<int>(pattern.size()) > sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, -1)) {
    sqlite3_result_error(ctx, "LIKE or GLOB pattern too complex", -1);
    return;
  }
  std::uint32_t escape = 0;
  if (argc == 3) {
    std::vector<std::uint32_t> e = decode(text_of(argv[2]));
    if (e.size() != 1) {
      sqlite3_result_error(ctx, "ESCAPE expression must be a single character", -1);
      return;
    }
    escape = e[0];
  }
  Work work(ctx);
  if (!work.add(static_cast<std::int64_t>((pattern.size() + text.size()) / 16))) return;
  std::vector<Element> elements;
  if (!compile(decode(pattern), glob, escape, elements)) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  int result = wildcard_match(work, elements, decode(text), !glob);
  if (result >= 0) sqlite3_result_int(ctx, result);
}

void like_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) { pattern_function(ctx, argc, argv, false); }
void glob_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) { pattern_function(ctx, argc, argv, true); }

// trim/ltrim/rtrim(X [, Y]): removes the characters of Y (spaces without Y) from the ends.
// The set is sorted once, so each character of X costs a binary search, not a scan of Y.
void trim(sqlite3_context* ctx, int argc, sqlite3_value** argv, bool left, bool right) {
  if (any_null(argc, argv)) return;
  std::string_view x = text_of(argv[0]);
  std::vector<std::uint32_t> set = argc == 2 ? decode(text_of(argv[1])) : std::vector<std::uint32_t>{' '};
  std::sort(set.begin(), set.end());
  Work work(ctx);
  if (!work.add(static_cast<std::int64_t>((x.size() + set.size()) / 16))) return;
  auto in_set = [&](std::uint32_t c) { return std::binary_search(set.begin(), set.end(), c); };
  std::size_t begin = 0, end = x.size();
  while (left && begin < end) {
    std::size_t k = begin;
    if (!in_set(next_char(x, k))) break;
    begin = k;
  }
  while (right && end > begin) {
    std::size_t k = end - 1;
    while (k > begin && (static_cast<unsigned char>(x[k]) & 0xC0) == 0x80) --k;
    std::size_t probe = k;
    if (!in_set(next_char(x, probe))) break;
    end = k;
  }
  sqlite3_result_text64(ctx, x.data() + begin, end - begin, SQLITE_TRANSIENT, SQLITE_UTF8);
}

void trim_both(sqlite3_context* ctx, int argc, sqlite3_value** argv) { trim(ctx, argc, argv, true, true); }
void trim_left(sqlite3_context* ctx, int argc, sqlite3_value** argv) { trim(ctx, argc, argv, true, false); }
void trim_right(sqlite3_context* ctx, int argc, sqlite3_value** argv) { trim(ctx, argc, argv, false, true); }

}  // namespace

void Database::restrict_to_reads() {
  // Statements prepared before the authorizer never passed it: none of them is reused.
  forget_statements();
  // Temporary b-trees (ORDER BY, DISTINCT, temporary tables) in memory, under the heap cap.
  exec("PRAGMA temp_store = MEMORY");
  sqlite3_limit(db_, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit(db_, SQLITE_LIMIT_WORKER_THREADS, 0);
  sqlite3_set_authorizer(db_, reads_only, nullptr);
}

void Database::set_work_meter(int (*meter)(void*, std::int64_t), void* arg) const {
  // The functions are registered once per connection, with one meter the connection owns
  // (freed when it closes); a later call only changes whom the meter reports to. Registering
  // a function again would expire every prepared statement of the connection, and every
  // script run sets its meter: the statement cache would be parsed again for each script.
  if (!meter_) {
    auto* m = static_cast<WorkMeter*>(sqlite3_malloc(sizeof(WorkMeter)));
    if (!m) throw DbError(SQLITE_NOMEM, "set_work_meter");
    *m = WorkMeter{nullptr, nullptr};
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    struct Def { const char* name; int args; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
    static const Def defs[] = {{"instr", 2, instr_function}, {"replace", 3, replace_function},
                               {"like", 2, like_function},   {"like", 3, like_function},
                               {"glob", 2, glob_function},   {"trim", 2, trim_both},
                               {"ltrim", 2, trim_left},      {"rtrim", 2, trim_right}};
    bool first = true;
    for (const Def& d : defs) {
      int rc = sqlite3_create_function_v2(db_, d.name, d.args, flags, m, d.fn, nullptr, nullptr,
                                          first ? sqlite3_free : nullptr);
      if (rc != SQLITE_OK) throw DbError(rc, std::string("sqlite3_create_function_v2 ") + d.name);
      if (first) meter_ = m;   // the first function owns it now
      first = false;
    }
  }
  meter_->report = meter;
  meter_->arg = arg;
}

}  // namespace ntm::store
