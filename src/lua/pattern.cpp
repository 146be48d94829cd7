// The metered pattern matcher (see pattern.h). Same grammar as Lua 5.4's manual §6.4.1:
// single-character classes, sets, the repetitions * + - ?, anchors, captures (also
// position captures), back-references %1-%9, %bxy and the frontier %f[set].
#include "lua/pattern.h"

#include <cctype>
#include <cstring>

#include "lua/host.h"
#include "lua/sandbox.h"

namespace ntm::lua {

namespace {

constexpr char kEsc = '%';

unsigned char byte(const char* p) { return static_cast<unsigned char>(*p); }

}  // namespace

bool pattern_class(int c, int cl) {
  bool result;
  switch (std::tolower(cl)) {
    case 'a': result = std::isalpha(c); break;
    case 'c': result = std::iscntrl(c); break;
    case 'd': result = std::isdigit(c); break;
    case 'g': result = std::isgraph(c); break;
    case 'l': result = std::islower(c); break;
    case 'p': result = std::ispunct(c); break;
    case 's': result = std::isspace(c); break;
    case 'u': result = std::isupper(c); break;
    case 'w': result = std::isalnum(c); break;
    case 'x': result = std::isxdigit(c); break;
    case 'z': result = c == 0; break;   // deprecated in the manual, still accepted by Lua 5.4
    default: return cl == c;   // %. %% %( ...: the character itself
  }
  return std::islower(cl) ? result : !result;
}

PatternMatcher::PatternMatcher(lua_State* L, const char* subject, std::size_t subject_len, const char* pattern,
                               std::size_t pattern_len)
    : L_(L), src_(subject), src_end_(subject + subject_len), p_end_(pattern + pattern_len) {}

PatternMatcher::~PatternMatcher() {
  // Work done since the last charge still counts; the next check of the limits sees it.
  guard_of(L_).instructions += steps_;
}

void PatternMatcher::flush() {
  std::int64_t work = steps_;
  steps_ = 0;
  charge(L_, static_cast<long double>(work));   // raises when a limit is exhausted
}

bool PatternMatcher::is_plain(const char* pattern, std::size_t len) {
  static const char specials[] = "^$*+?.([%-";
  for (std::size_t i = 0; i < len; ++i)
    if (std::memchr(specials, pattern[i], sizeof specials - 1)) return false;
  return true;
}

// The end of the single-character class that starts at p: "%a", "[...]" or one character.
const char* PatternMatcher::class_end(const char* p) {
  char c = *p++;
  if (c == kEsc) {
    if (p == p_end_) luaL_error(L_, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (c == '[') {
    if (*p == '^') ++p;
    do {   // the first character of a set may be ']' itself
      if (p == p_end_) luaL_error(L_, "malformed pattern (missing ']')");
      step();
      if (*(p++) == kEsc && p < p_end_) ++p;   // an escape such as %] is one item
    } while (*p != ']');
    return p + 1;
  }
  return p;
}

// Does byte c belong to the set [p .. ec], where p is at '[' and ec at the closing ']'?
bool PatternMatcher::bracket_class(int c, const char* p, const char* ec) const {
  bool in = true;
  if (*(p + 1) == '^') {
    in = false;
    ++p;
  }
  while (++p < ec) {
    if (*p == kEsc) {
      ++p;
      if (pattern_class(c, byte(p))) return in;
    } else if (*(p + 1) == '-' && p + 2 < ec) {
      p += 2;
      if (byte(p - 2) <= c && c <= byte(p)) return in;
    } else if (byte(p) == c) {
      return in;
    }
  }
  return !in;
}

bool PatternMatcher::single_match(const char* s, const char* p, const char* ep) const {
  if (s >= src_end_) return false;
  int c = byte(s);
  switch (*p) {
    case '.': return true;
    case kEsc: return pattern_class(c, byte(p + 1));
    case '[': return bracket_class(c, p, ep - 1);
    default: return byte(p) == c;
  }
}

// Greedy repetition: as many as possible, then give back one at a time.
const char* PatternMatcher::max_expand(const char* s, const char* p, const char* ep) {
  std::ptrdiff_t i = 0;
  while (single_match(s + i, p, ep)) {
    ++i;
    step();
  }
  for (; i >= 0; --i) {
    step();
    if (const char* res = match(s + i, ep + 1)) return res;
  }
  return nullptr;
}

// Lazy repetition: as few as possible, one more at a time.
const char* PatternMatcher::min_expand(const char* s, const char* p, const char* ep) {
  for (;;) {
    step();
    if (const char* res = match(s, ep + 1)) return res;
    if (!single_match(s, p, ep)) return nullptr;
    ++s;
  }
}

const char* PatternMatcher::start_capture(const char* s, const char* p, std::ptrdiff_t what) {
  if (level_ >= kMaxCaptures) luaL_error(L_, "too many captures");
  capture_[level_].init = s;
  capture_[level_].len = what;
  ++level_;
  const char* res = match(s, p);
  if (!res) --level_;   // undo the capture
  return res;
}

const char* PatternMatcher::end_capture(const char* s, const char* p) {
  int l = capture_to_close();
  capture_[l].len = s - capture_[l].init;
  const char* res = match(s, p);
  if (!res) capture_[l].len = kUnfinished;
  return res;
}

const char* PatternMatcher::match_balance(const char* s, const char* p) {
  if (p >= p_end_ - 1) luaL_error(L_, "malformed pattern (missing arguments to '%%b')");
  if (s >= src_end_ || *s != *p) return nullptr;
  char open = *p, close = *(p + 1);
  int depth = 1;
  while (++s < src_end_) {
    step();
    if (*s == close) {
      if (--depth == 0) return s + 1;
    } else if (*s == open) {
      ++depth;
    }
  }
  return nullptr;
}

int PatternMatcher::check_capture(int l) {
  l -= '1';
  if (l < 0 || l >= level_ || capture_[l].len == kUnfinished)
    return luaL_error(L_, "invalid capture index %%%d", l + 1);
  return l;
}

int PatternMatcher::capture_to_close() {
  for (int level = level_ - 1; level >= 0; --level)
    if (capture_[level].len == kUnfinished) return level;
  return luaL_error(L_, "invalid pattern capture");
}

const char* PatternMatcher::match_capture(const char* s, int l) {
  l = check_capture(l);
  std::size_t len = static_cast<std::size_t>(capture_[l].len);
  steps_ += static_cast<std::int64_t>(len / 64);
  if (static_cast<std::size_t>(src_end_ - s) >= len && std::memcmp(capture_[l].init, s, len) == 0) return s + len;
  return nullptr;
}

const char* PatternMatcher::match(const char* s, const char* p) {
  if (depth_-- == 0) luaL_error(L_, "pattern too complex");
  for (;;) {
    step();
    if (p == p_end_) break;   // end of pattern: s is the end of the match
    switch (*p) {
      case '(':
        s = *(p + 1) == ')' ? start_capture(s, p + 2, kPosition) : start_capture(s, p + 1, kUnfinished);
        goto done;
      case ')':
        s = end_capture(s, p + 1);
        goto done;
      case '$':
        if (p + 1 != p_end_) goto single;   // '$' inside a pattern is an ordinary character
        s = s == src_end_ ? s : nullptr;
        goto done;
      case kEsc:
        switch (*(p + 1)) {
          case 'b':
            s = match_balance(s, p + 2);
            if (s) {
              p += 4;
              continue;
            }
            goto done;
          case 'f': {
            p += 2;
            if (*p != '[') luaL_error(L_, "missing '[' after '%%f' in pattern");
            const char* ep = class_end(p);
            int previous = s == src_ ? '\0' : byte(s - 1);
            int current = s < src_end_ ? byte(s) : '\0';
            if (!bracket_class(previous, p, ep - 1) && bracket_class(current, p, ep - 1)) {
              p = ep;
              continue;
            }
            s = nullptr;
            goto done;
          }
          case '0': case '1': case '2': case '3': case '4':
          case '5': case '6': case '7': case '8': case '9':
            s = match_capture(s, byte(p + 1));
            if (s) {
              p += 2;
              continue;
            }
            goto done;
          default:
            goto single;
        }
      default:
      single: {
        const char* ep = class_end(p);
        char repeat = ep < p_end_ ? *ep : '\0';
        if (!single_match(s, p, ep)) {
          if (repeat == '*' || repeat == '?' || repeat == '-') {   // zero repetitions are fine
            p = ep + 1;
            continue;
          }
          s = nullptr;
          goto done;
        }
        switch (repeat) {
          case '?': {
            if (const char* res = match(s + 1, ep + 1)) {
              s = res;
              goto done;
            }
            p = ep + 1;
            continue;
          }
          case '+': s = max_expand(s + 1, p, ep); goto done;
          case '*': s = max_expand(s, p, ep); goto done;
          case '-': s = min_expand(s, p, ep); goto done;
          default:
            ++s;
            p = ep;
            continue;
        }
      }
    }
  }
done:
  ++depth_;
  return s;
}

std::ptrdiff_t PatternMatcher::get_capture(int i, const char* s, const char* e, const char** start) {
  if (i >= level_) {
    if (i != 0) luaL_error(L_, "invalid capture index %%%d", i + 1);
    *start = s;
    return e - s;
  }
  std::ptrdiff_t len = capture_[i].len;
  *start = capture_[i].init;
  if (len == kUnfinished) luaL_error(L_, "unfinished capture");
  return len;
}

void PatternMatcher::push_capture(int i, const char* s, const char* e) {
  const char* start;
  std::ptrdiff_t len = get_capture(i, s, e, &start);
  if (len == kPosition) lua_pushinteger(L_, static_cast<lua_Integer>(start - src_) + 1);
  else lua_pushlstring(L_, start, static_cast<std::size_t>(len));
}

void PatternMatcher::add_capture(luaL_Buffer* b, int i, const char* s, const char* e) {
  const char* start;
  std::ptrdiff_t len = get_capture(i, s, e, &start);
  if (len == kPosition) {
    lua_pushinteger(L_, static_cast<lua_Integer>(start - src_) + 1);
    luaL_addvalue(b);
  } else {
    luaL_addlstring(b, start, static_cast<std::size_t>(len));
  }
}

int PatternMatcher::push_captures(const char* s, const char* e) {
  int n = (level_ == 0 && s) ? 1 : level_;
  luaL_checkstack(L_, n, "too many captures");
  for (int i = 0; i < n; ++i) push_capture(i, s, e);
  return n;
}

}  // namespace ntm::lua
