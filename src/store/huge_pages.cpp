#include "store/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace ntm::store {

namespace {

struct Mapping {
  std::uintptr_t start = 0, end = 0;
  std::string perms;
  bool anonymous = false;   // no file behind it, and not [heap] or [stack]
};

bool parse(const std::string& line, Mapping& m) {
  // "7f3c4c000000-7f3c4c021000 rw-p 00000000 00:00 0      [path]"
  unsigned long long start, end, offset, inode;
  char perms[8], dev[16];
  int consumed = 0;
  if (std::sscanf(line.c_str(), "%llx-%llx %7s %llx %15s %llu %n", &start, &end, perms, &offset, dev, &inode, &consumed) < 6)
    return false;
  m.start = start;
  m.end = end;
  m.perms = perms;
  m.anonymous = inode == 0 && (consumed == 0 || line.find_first_not_of(' ', consumed) == std::string::npos);
  return true;
}

// The mapping that holds `at`, and the one after it when there is one.
bool find_mapping(std::uintptr_t at, Mapping& m, Mapping& next) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (!parse(line, m) || at < m.start || at >= m.end) continue;
    next = {};
    if (std::getline(maps, line)) parse(line, next);
    return true;
  }
  return false;
}

}  // namespace

bool huge_page_advice_applies() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return false;
#endif
#endif
  // The kernel's setting reads "always [madvise] never".
  static const bool applies = [] {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string setting;
    std::getline(in, setting);
    return setting.find("[madvise]") != std::string::npos;
  }();
  return applies;
}

void advise_huge_pages_for_thread_heap() {
  if (!huge_page_advice_applies()) return;
  // An allocation of this thread lies in its heap: the mapping holding it, and the reserved
  // (inaccessible) rest of the heap right after it, which it grows into.
  void* probe = std::malloc(64);
  auto at = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  Mapping m, next;
  if (!find_mapping(at, m, next) || !m.anonymous || m.perms != "rw-p") return;   // the main heap, or unknown
  std::uintptr_t end = m.end;
  if (next.start == end && next.anonymous && next.perms == "---p") end = next.end;
  ::madvise(reinterpret_cast<void*>(m.start), end - m.start, MADV_HUGEPAGE);
}

void tune_heap(std::size_t room) {
  ::mallopt(M_TRIM_THRESHOLD, static_cast<int>(room));
  ::mallopt(M_TOP_PAD, static_cast<int>(room / 4));
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  if (!huge_page_advice_applies()) return;
  // The heap grows by what is asked and the pad: a block that needs more than is free at its
  // end makes it grow by `room` at least.
  ::mallopt(M_TOP_PAD, static_cast<int>(room));
  void* grow = std::malloc(256 << 10);
  auto at = reinterpret_cast<std::uintptr_t>(grow);
  Mapping m, next;
  bool found = find_mapping(at, m, next);
  std::free(grow);
  ::mallopt(M_TOP_PAD, static_cast<int>(room / 4));
  if (found && at < reinterpret_cast<std::uintptr_t>(::sbrk(0)))   // the heap, not a mapped block
    ::madvise(reinterpret_cast<void*>(m.start), m.end - m.start, MADV_HUGEPAGE);
}

}  // namespace ntm::store
