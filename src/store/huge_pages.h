// Transparent huge pages for the heap of a thread that builds much: on a virtual machine a
// page fault costs microseconds, and a national check touched 7,000 fresh 4 KiB pages (a
// fifth of its time went to faulting them in). With 2 MiB pages it touches a few hundred.
#pragma once

#include <cstddef>

namespace ntm::store {

// Whether the advice below is given: the kernel leaves huge pages to programs
// (transparent_hugepage "madvise", not "always" or "never") and the heap is glibc's (not a
// sanitizer's).
bool huge_page_advice_applies();

// Asks the kernel (madvise MADV_HUGEPAGE) to back the calling thread's malloc heap with huge
// pages, as glibc's glibc.malloc.hugetlb=1 tunable does, which a program cannot set for
// itself once started. Only for a thread other than the main one: glibc gives such a thread a
// heap of its own (an arena, reserved whole and made usable as it grows), and the advice
// covers all of it, what is in use and what is reserved. Does nothing where the kernel does
// not leave the choice to the program (transparent_hugepage "always" or "never"), when the
// thread shares the main heap, or on any failure: the advice only changes speed.
void advise_huge_pages_for_thread_heap();

// Sets the allocator up for a process that builds and frees much (once, first thing in
// main): freed memory is kept, up to 64 MiB, instead of being handed back to the system and
// taken again page by page; blocks under 32 MiB come from the heap instead of being mapped
// one by one (a map's 16,000 units are 8 MB); and the main heap gets the same advice as a
// thread's. That heap grows at its end (brk), and its growth is not covered by advice given
// before: it is grown once here by `room` (address space, not memory: a page is only taken
// when touched), and that is advised.
void tune_heap(std::size_t room = std::size_t{64} << 20);

}  // namespace ntm::store
