// Libraries opened when first needed (store/shared_library.h): libpq, cairo.
#include <doctest/doctest.h>

#include <string>

#include "store/shared_library.h"

TEST_CASE("a library that cannot be opened, or lacks a function, is named with its package") {
  try {
    ntm::store::load_library("libntm-khong-co.so.9", "ntm-khong-co", {});
    FAIL("no error");
  } catch (const ntm::store::MissingLibrary& e) {
    std::string m = e.what();
    CHECK(m.rfind("không nạp được thư viện libntm-khong-co.so.9 (cài gói ntm-khong-co): ", 0) == 0);
    CHECK(m.find("libntm-khong-co.so.9: cannot open shared object file") != std::string::npos);
  }
  void* slot = nullptr;
  void* found = nullptr;
  CHECK_THROWS_WITH_AS(ntm::store::load_library("libc.so.6", "libc6", {{"strlen", &found}, {"ntm_khong_co_ham", &slot}}),
                       doctest::Contains("ntm_khong_co_ham"), ntm::store::MissingLibrary);
  CHECK(slot == nullptr);
  ntm::store::load_library("libc.so.6", "libc6", {{"strlen", &found}});
  CHECK(found != nullptr);
}
