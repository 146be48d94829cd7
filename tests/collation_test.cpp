// Vietnamese order (model/text.h collate): one comparison for every list the tool sorts by
// name, in C++ and, through ntm.fmt.less, in scripts; and fold(), the matching of names.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/text.h"
#include "support.h"

TEST_CASE("collate puts names in the order of a Vietnamese dictionary") {
  // Byte order would put every "Đ" after "Z" and "Ảng" after "Lay".
  std::vector<std::string> names{"Tuần Giáo", "Mường Lay", "Điện Biên Phủ", "Mường Ảng", "Điện Biên Đông", "Nậm Pồ",
                                 "Điện Biên", "Tủa Chùa", "Mường Chà", "Mường Nhé", "Dương Minh Châu", "Zô Lang", "An Phú"};
  ntm::sort_vietnamese(names);
  CHECK(names == std::vector<std::string>{"An Phú", "Dương Minh Châu", "Điện Biên", "Điện Biên Đông", "Điện Biên Phủ",
                                          "Mường Ảng", "Mường Chà", "Mường Lay", "Mường Nhé", "Nậm Pồ", "Tủa Chùa",
                                          "Tuần Giáo", "Zô Lang"});
  // a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; the bare letter before its tones.
  CHECK(ntm::collate_less("an", "ăn"));
  CHECK(ntm::collate_less("ăn", "ân"));
  CHECK(ntm::collate_less("dê", "đê"));
  CHECK(ntm::collate_less("to", "tô"));
  CHECK(ntm::collate_less("tô", "tơ"));
  CHECK(ntm::collate_less("tu", "tư"));
  CHECK(ntm::collate_less("ma", "mà"));
  CHECK(ntm::collate_less("Thanh", "Thành"));
  CHECK(ntm::collate("Điện Biên", "Điện Biên") == 0);
  CHECK_FALSE(ntm::collate_less("Điện Biên", "Điện Biên"));
  // A total order even for names ICU takes as equal.
  CHECK(ntm::collate("a", "A") != 0);
}

TEST_CASE("scripts sort names the same way with ntm.fmt.less") {
  auto r = ntm::test::run_lua(R"(
    local names = {"Tuần Giáo", "Mường Ảng", "Điện Biên Đông", "Mường Lay", "Điện Biên"}
    table.sort(names, ntm.fmt.less)
    print(table.concat(names, "|"))
    print(ntm.fmt.less("Đ", "Z"), "Đ" < "Z")
  )");
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out == "Điện Biên|Điện Biên Đông|Mường Ảng|Mường Lay|Tuần Giáo\ntrue\tfalse\n");
}

TEST_CASE("ntm check lists districts and findings' districts in Vietnamese order") {
  auto r = ntm::test::ntm("--db '" + ntm::test::sample_db("dien-bien-2020").string() + "' check --province 11 --year 2020");
  REQUIRE(r.status == 0);
  std::vector<std::string> order{"Điện Biên  ", "Điện Biên Đông", "Điện Biên Phủ", "Mường Ảng", "Mường Chà", "Mường Lay",
                                 "Mường Nhé", "Nậm Pồ", "Tủa Chùa", "Tuần Giáo"};
  std::size_t at = r.out.find("Huyện ");
  REQUIRE(at != std::string::npos);
  for (const auto& name : order) {
    std::size_t next = r.out.find("\n" + name, at);
    CHECK_MESSAGE(next != std::string::npos, name);
    at = next;
  }
}

TEST_CASE("fold gives what utf8proc gives for the whole text, code point by code point or in any mix") {
  // Every code point (the table covers those below U+2000; those above go to utf8proc), alone
  // and between letters, then mixed texts with invalid bytes, spaces and đ.
  for (char32_t cp = 1; cp < 0x30000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string one;
    if (cp < 0x80) one += static_cast<char>(cp);
    else if (cp < 0x800) one += {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    else if (cp < 0x10000)
      one += {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    else
      one += {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
              static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    for (const std::string& text : {one, "a" + one + "b"}) {
      INFO("U+" << std::hex << static_cast<unsigned>(cp));
      REQUIRE(ntm::fold(text) == ntm::fold_with_utf8proc(text));
    }
  }
  const std::vector<std::string> pieces = {"Điện", " ", "Biên", "đ", "Đ", "-", "_", ".", "  ", "Ǆ", "ß", "ﬁ", "½", "Ⅻ",
                                           "\xC3", "\xE1\xBB", "\xFF", "x\x80y", "ở", "Ừ", "A\xCC\x81", "\xED\xA0\x80",
                                           "Hà Nội", "\t", "İ", "ǅ", "\xF4\x90\x80\x80", "㎞", "Ⓐ"};
  std::uint32_t seed = 12345;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int k = 0, n = static_cast<int>(seed % 7); k < n; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 8) % pieces.size()];
    }
    seed = seed * 1103515245u + 12345u;
    INFO(text);
    REQUIRE(ntm::fold(text) == ntm::fold_with_utf8proc(text));
  }
  CHECK(ntm::fold("  Điện   Biên--Đông ") == "dien bien dong");
}
