#include "cli/terminal.h"

#include <unistd.h>

#include <cstdio>
#include <streambuf>
#include <string>

namespace ntm::cli {

namespace {

class EscapingBuffer : public std::streambuf {
 public:
  explicit EscapingBuffer(std::streambuf* target) : target_(target) {}

 protected:
  int_type overflow(int_type ch) override {
    if (ch == traits_type::eof()) return traits_type::not_eof(ch);
    put(static_cast<unsigned char>(ch));
    return ch;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::streamsize i = 0; i < n; ++i) put(static_cast<unsigned char>(s[i]));
    return n;
  }
  int sync() override {
    flush_pending();
    return target_->pubsync();
  }

 private:
  void raw(const std::string& text) { target_->sputn(text.data(), static_cast<std::streamsize>(text.size())); }

  void hex(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", c);
    raw(buf);
  }

  // A pending multi-byte sequence that turned out invalid: its first byte is shown as \xNN
  // and the others are read again.
  void flush_pending() {
    std::string bytes = pending_;
    pending_.clear();
    need_ = 0;
    if (bytes.empty()) return;
    hex(static_cast<unsigned char>(bytes[0]));
    for (std::size_t i = 1; i < bytes.size(); ++i) put(static_cast<unsigned char>(bytes[i]));
  }

  void put(unsigned char c) {
    if (need_ > 0) {
      if ((c & 0xC0) != 0x80) {
        flush_pending();
        put(c);
        return;
      }
      pending_ += static_cast<char>(c);
      if (pending_.size() < need_) return;
      auto lead = static_cast<unsigned char>(pending_[0]);
      auto second = static_cast<unsigned char>(pending_[1]);
      bool overlong = (lead == 0xE0 && second < 0xA0) || (lead == 0xF0 && second < 0x90);
      bool invalid = (lead == 0xED && second >= 0xA0) || (lead == 0xF4 && second >= 0x90);
      if (overlong || invalid) {
        flush_pending();
        return;
      }
      if (lead == 0xC2 && second <= 0x9F) {   // C1 control U+0080..U+009F
        char buf[12];
        std::snprintf(buf, sizeof buf, "\\u{%02X}", second);
        raw(buf);
      } else {
        raw(pending_);
      }
      pending_.clear();
      need_ = 0;
      return;
    }
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) hex(c);
      else target_->sputc(static_cast<char>(c));
      return;
    }
    std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0) {
      hex(c);
      return;
    }
    pending_.assign(1, static_cast<char>(c));
    need_ = n;
  }

  std::streambuf* target_;
  std::string pending_;
  std::size_t need_ = 0;
};

}  // namespace

void escape_controls_on_terminal(std::ostream& stream, int fd) {
  if (!isatty(fd)) return;
  static EscapingBuffer* buffers[3] = {nullptr, nullptr, nullptr};
  if (fd < 0 || fd > 2 || buffers[fd]) return;
  buffers[fd] = new EscapingBuffer(stream.rdbuf());   // kept for the life of the program
  stream.rdbuf(buffers[fd]);
}

}  // namespace ntm::cli
