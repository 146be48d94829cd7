// Huge pages for the heaps (store/huge_pages.h): the advice lands on the heap that a thread's
// allocations come from, and on the main heap, where the kernel leaves the choice to programs.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "store/huge_pages.h"

namespace {

// The flags (VmFlags of /proc/self/smaps) of the mapping that holds `p`; "" when none does.
std::string flags_of(const void* p) {
  auto at = reinterpret_cast<std::uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long long start, end;
    char dash;
    std::istringstream head(line);
    if (line.find("VmFlags:") == 0) {
      if (inside) return line;
      continue;
    }
    if (head >> std::hex >> start >> dash >> end && dash == '-' && line.find(':') > line.find(' '))
      inside = start <= at && at < end;
  }
  return "";
}

bool advised(const void* p) { return flags_of(p).find(" hg") != std::string::npos; }

}  // namespace

TEST_CASE("a thread's heap and the main heap are advised to use huge pages") {
  if (!ntm::store::huge_page_advice_applies()) {
    MESSAGE("no huge-page advice here (kernel setting, or a sanitizer's heap): nothing to check");
    std::thread([] { ntm::store::advise_huge_pages_for_thread_heap(); }).join();
    ntm::store::tune_heap();
    return;
  }
  // As main() does: the allocator's settings, and the main heap advised. A block of this
  // thread comes from the advised heap.
  ntm::store::tune_heap();
  void* block = std::malloc(4 << 20);
  CHECK(advised(block));
  std::free(block);
  // A thread's allocations, small and large, before and after its heap grows, lie in advised memory.
  bool small = false, large = false, grown = false;
  std::thread([&] {
    void* first = std::malloc(100);   // the thread's heap exists before the advice
    ntm::store::advise_huge_pages_for_thread_heap();
    void* block = std::malloc(1 << 20);
    void* more = std::malloc(24 << 20);   // past what the heap had made usable
    small = advised(first);
    large = advised(block);
    grown = advised(more);
    std::free(more);
    std::free(block);
    std::free(first);
  }).join();
  CHECK(small);
  CHECK(large);
  CHECK(grown);
}
