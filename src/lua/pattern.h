// Lua 5.4 pattern matching, written for the host so that its work is metered.
//
// The standard library's matcher (lstrlib.c) backtracks inside one native call that the
// count hook cannot interrupt: ("a"):rep(100000):find("a*b") runs for half a minute. This
// matcher has the same semantics and the same error messages, but counts every step it
// takes (one character tried, one backtrack, one start position) and charges them to the
// run's instruction budget a few thousand at a time (charge() in sandbox.h checks the
// clock and Ctrl-C too). So an ordinary pattern on a megabyte runs as fast as in real
// Lua, and a pathological one stops at the limit instead of running past it. Nothing is
// refused by guessing in advance.
#pragma once

#include <lua.hpp>

#include <cstddef>
#include <cstdint>

namespace ntm::lua {

class PatternMatcher {
 public:
  static constexpr int kMaxCaptures = 32;   // LUA_MAXCAPTURES
  static constexpr int kMaxDepth = 200;     // MAXCCALLS: recursion of match()

  // `subject` and `pattern` must outlive the matcher (Lua strings on the stack) and, like
  // every Lua string, be followed by a '\0'.
  PatternMatcher(lua_State* L, const char* subject, std::size_t subject_len, const char* pattern,
                 std::size_t pattern_len);
  ~PatternMatcher();   // charges the steps not yet charged (never raises)
  PatternMatcher(const PatternMatcher&) = delete;
  PatternMatcher& operator=(const PatternMatcher&) = delete;

  // Tries the pattern from `p` (a position in the pattern) at subject position `s`.
  // Returns the end of the match or nullptr. Raises Lua errors for malformed patterns
  // and when a limit trips.
  const char* match(const char* s, const char* p);
  // Before each new attempt: forgets the captures of the previous one.
  void reset() { level_ = 0; }
  // Pushes the captures of the last match (the whole match s..e when there are none and
  // `s` is not null); returns how many.
  int push_captures(const char* s, const char* e);
  // Pushes capture `i` (or the whole match when there are no captures and i == 0).
  void push_capture(int i, const char* s, const char* e);
  // Adds capture `i` to a buffer (gsub's "%1").
  void add_capture(luaL_Buffer* b, int i, const char* s, const char* e);
  // One unit of work outside match() (a start position tried, a character copied).
  void step() {
    if (++steps_ >= kChunk) flush();
  }

  const char* subject() const { return src_; }
  const char* subject_end() const { return src_end_; }

  // True when `pattern` has none of the characters that make a pattern special: the plain
  // search of find() applies.
  static bool is_plain(const char* pattern, std::size_t len);

 private:
  static constexpr std::int64_t kChunk = 1 << 14;   // steps between two charges
  static constexpr std::ptrdiff_t kUnfinished = -1, kPosition = -2;

  struct Capture {
    const char* init;
    std::ptrdiff_t len;
  };

  void flush();
  const char* class_end(const char* p);
  bool single_match(const char* s, const char* p, const char* ep) const;
  bool bracket_class(int c, const char* p, const char* ec) const;
  const char* max_expand(const char* s, const char* p, const char* ep);
  const char* min_expand(const char* s, const char* p, const char* ep);
  const char* start_capture(const char* s, const char* p, std::ptrdiff_t what);
  const char* end_capture(const char* s, const char* p);
  const char* match_balance(const char* s, const char* p);
  const char* match_capture(const char* s, int l);
  int check_capture(int l);
  int capture_to_close();
  // The capture as (start, length); length kPosition means a position capture.
  std::ptrdiff_t get_capture(int i, const char* s, const char* e, const char** start);

  lua_State* L_;
  const char* src_;
  const char* src_end_;
  const char* p_end_;
  int depth_ = kMaxDepth;
  int level_ = 0;
  std::int64_t steps_ = 0;
  Capture capture_[kMaxCaptures];
};

// Class of one byte as %a, %d, %s... (cl is the letter; upper case negates).
bool pattern_class(int c, int cl);

}  // namespace ntm::lua
