// The small blocks of one Lua state's heap (tables, strings, closures, userdata of up to 256
// bytes: most of what a script allocates), kept in free lists by size class and carved from
// 64 KiB chunks that are given back when the state closes. One state runs on one thread at a
// time, so nothing here locks: glibc's malloc and free, called by every thread of a national
// check, spent 13 % of its time on Lua's small blocks.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <vector>

namespace ntm::lua {

class SmallBlocks {
 public:
  static constexpr std::size_t kGranule = 16;   // malloc's alignment, which Lua's objects need
  static constexpr std::size_t kLargest = 256;
  static constexpr std::size_t kChunk = 64 * 1024;

  SmallBlocks() = default;
  SmallBlocks(const SmallBlocks&) = delete;
  SmallBlocks& operator=(const SmallBlocks&) = delete;
  ~SmallBlocks() {
    for (void* chunk : chunks_) std::free(chunk);
  }

  static bool small(std::size_t size) { return size <= kLargest; }
  static bool same_class(std::size_t a, std::size_t b) { return (a - 1) / kGranule == (b - 1) / kGranule; }

  // A block of `size` bytes (1..kLargest); nullptr when no chunk can be had.
  void* allocate(std::size_t size) {
    std::size_t c = (size - 1) / kGranule;
    if (Free* block = free_[c]) {
      free_[c] = block->next;
      return block;
    }
    std::size_t bytes = (c + 1) * kGranule;
    if (left_ < bytes) {
      void* chunk = std::malloc(kChunk);
      if (!chunk) return nullptr;
      chunks_.push_back(chunk);
      cursor_ = static_cast<char*>(chunk);
      left_ = kChunk;
    }
    void* block = cursor_;
    cursor_ += bytes;
    left_ -= bytes;
    return block;
  }

  // A block allocate(size) gave, for its class's next allocation.
  void release(void* block, std::size_t size) {
    auto* f = static_cast<Free*>(block);
    std::size_t c = (size - 1) / kGranule;
    f->next = free_[c];
    free_[c] = f;
  }

 private:
  struct Free {
    Free* next;
  };
  Free* free_[kLargest / kGranule] = {};
  std::vector<void*> chunks_;
  char* cursor_ = nullptr;
  std::size_t left_ = 0;
};

}  // namespace ntm::lua
