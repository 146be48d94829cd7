#include "store/shared_library.h"

#include <dlfcn.h>

#include "model/i18n.h"

namespace ntm::store {

void load_library(const char* soname, const char* package, std::initializer_list<LibrarySymbol> symbols) {
  auto missing = [&](const char* why) {
    return MissingLibrary(tr("không nạp được thư viện ", "cannot load library ") + soname +
                          tr(" (cài gói ", " (install package ") + package + "): " + (why ? why : "?"));
  };
  void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw missing(::dlerror());
  for (const LibrarySymbol& s : symbols) {
    ::dlerror();
    void* address = ::dlsym(handle, s.name);
    if (!address) throw missing(::dlerror());   // the handle stays open: dlopen counts, a retry reuses it
    *s.slot = address;
  }
}

}  // namespace ntm::store
