// A shared library opened when first needed (dlopen) instead of when ntm starts: libpq
// (talking to a PostgreSQL server) and cairo (drawing maps) bring 40 more
// libraries, and loading them took 5 ms of every command, most of which use neither.
#pragma once

#include <initializer_list>
#include <stdexcept>
#include <string>

namespace ntm::store {

// The library `soname` could not be opened, or lacks a function ntm calls. The message is in
// Vietnamese and names the library, the Debian package that has it, and the system's reason.
class MissingLibrary : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LibrarySymbol {
  const char* name;
  void** slot;   // gets the function's address
};

// Opens `soname` (kept open for the life of the process) and fills every slot; throws
// MissingLibrary, with no slot trusted, when it cannot.
void load_library(const char* soname, const char* package, std::initializer_list<LibrarySymbol> symbols);

// Declares a table `Table` with a member, named and typed as the function, for each name in
// the list X-macro LIST, and a function `accessor()` that loads `soname` on first use and
// returns the table (throwing MissingLibrary, and trying again on the next call, when it cannot).
#define NTM_LIBRARY_MEMBER(f) decltype(&::f) f = nullptr;
#define NTM_LIBRARY_SLOT(f) ::ntm::store::LibrarySymbol{#f, reinterpret_cast<void**>(&table.f)},
#define NTM_LAZY_LIBRARY(Table, accessor, LIST, soname, package)                               \
  struct Table {                                                                               \
    LIST(NTM_LIBRARY_MEMBER)                                                                   \
  };                                                                                           \
  inline const Table& accessor() {                                                             \
    static const Table loaded = [] {                                                           \
      Table table;                                                                             \
      ::ntm::store::load_library(soname, package, {LIST(NTM_LIBRARY_SLOT)});                   \
      return table;                                                                            \
    }();                                                                                       \
    return loaded;                                                                             \
  }

}  // namespace ntm::store
