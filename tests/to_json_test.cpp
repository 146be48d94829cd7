// What a script returns, as JSON (lua/to_json.h): the review's result of `ntm check`.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include "app/check.h"
#include "lua/host.h"
#include "lua/to_json.h"
#include "store/database.h"
#include "support.h"

namespace {

struct Returned {
  std::string json;    // dump() of the value, when it converted
  std::string error;   // else the message
};

Returned returned(const std::string& source) {
  ntm::store::Database db(ntm::test::reference_db(), ntm::store::OpenMode::ReadOnly);
  std::ostringstream sink;
  ntm::lua::Context context(db, sink, sink);
  ntm::lua::Host host(context, {});
  host.load_string(source, "=returned");
  host.call(0, 1);
  try {
    return {ntm::lua::take_json(host).dump(), {}};
  } catch (const std::exception& e) {
    return {{}, e.what()};
  }
}

// The review's results written as text by take_json (TakeOptions), against nested_json of the
// tree that take_json builds from the same script.
struct Written {
  std::string text;    // the text written
  std::string tree;    // nested_json of the tree's "results", or "error: ..."
  std::string error;   // the text's error
  std::string rest;    // dump() of the tree the text was taken from
};

Written written(const std::string& results, int depth = 3) {
  ntm::store::Database db(ntm::test::reference_db(), ntm::store::OpenMode::ReadOnly);
  std::ostringstream sink;
  ntm::lua::Context context(db, sink, sink);
  ntm::lua::Host host(context, {});
  std::string source = "return {province = 'Điện Biên', results = " + results + ", year = 2020}";
  Written out;
  host.load_string(source, "=returned");
  host.call(0, 1);
  try {
    out.tree = ntm::app::nested_json(ntm::lua::take_json(host)["results"], depth);
  } catch (const std::exception& e) {
    out.tree = std::string("error: ") + e.what();
  }
  host.load_string(source, "=returned");
  host.call(0, 1);
  ntm::lua::TakeOptions options{"results", &out.text, depth};
  try {
    out.rest = ntm::lua::take_json(host, &options).dump();
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace

TEST_CASE("a member written as text is what dump(2) writes of its tree, byte for byte") {
  const char* values[] = {
      "{}", "{{}}", "{{}, {x = {}}}", "{1, 2, 3}", "{true, false, 'x'}",
      // A commune's result as tieu-chi-xa returns it, and a list of them.
      "{{code = '03158', name = 'Thanh Xương', district = 'Điện Biên', met = {1, 2, 3, 17, 19}, count = 5, source = 'indicators'},"
      " {code = '03160', name = 'Noong Luống', district = 'Điện Biên', met = {}, count = 0, source = 'none'}}",
      // Keys in Vietnamese order, number keys as names, key 1 and key '1' as one member.
      "{{['Điện Biên'] = 1, ['Đà Nẵng'] = 2, ['Cao Bằng'] = 3, Dak = 4, ['ấp'] = 5, an = 6}, {[1] = 'a', [3] = 'c'},"
      " {[1] = 'number', ['1'] = 'string', [2.5] = 'half'}}",
      // Numbers: integers at their limits, and doubles in nlohmann's shortest round-trip form.
      "{0, -1, math.maxinteger, math.mininteger, 0.1, 1/3, -0.0, 0.0, 3.0, 1e300, -1e-300, 2^53, 2^63, 123456.789e10, 5e-324}",
      // Strings: every control character, quotes, backslashes, DEL, Vietnamese, four-byte UTF-8.
      R"({'\0\1\2\3\4\5\6\7\8\9\10\11\12\13\14\15\16\17\18\19\20\21\22\23\24\25\26\27\28\29\30\31',)"
      R"( 'a "quoted" \\ back\\slash /', '\127', 'Nông thôn mới ✓', '😀 \u{10FFFF} \u{80} \u{800} \u{FFFF}',)"
      R"( ['k\n\t"'] = 'key escaped'})",
      // Nested deep enough to indent many levels.
      "{{a = {b = {c = {d = {1, {e = 'f'}}}}}}}",
  };
  for (const char* value : values) {
    CAPTURE(value);
    for (int depth : {0, 1, 3}) {
      Written w = written(value, depth);
      CHECK(w.error == "");
      CHECK(w.text == w.tree);
    }
  }
  // The tree keeps the other members, with null where the text was taken.
  CHECK(written("{1}").rest == R"({"province":"Điện Biên","results":null,"year":2020})");
  CHECK(written("{1, 2}", 1).text == "[\n    1,\n    2\n  ]");
}

TEST_CASE("a string written as text must be UTF-8, as dump() requires, and the error names its place") {
  const char* bad[] = {R"('\xC3')", R"('ab\xC3(')", R"('\xC0\x80')", R"('\xED\xA0\x80')", R"('\xF4\x90\x80\x80')",
                       R"('\xFF')", R"('\xE0\x80\x80')", R"('\xF0\x80\x80\x80')", R"('\x80')"};
  for (const char* s : bad) {
    CAPTURE(s);
    Written w = written(std::string("{{code = '1', name = ") + s + "}}");
    CHECK(w.tree.rfind("error: ", 0) == 0);   // nlohmann refuses it too
    CHECK(w.error == "giá trị trả về không chuyển được sang JSON tại results[1].name: chuỗi không phải UTF-8 hợp lệ");
  }
  Written key = written(R"({{['\xC3'] = 1}})");
  CHECK(key.error.find("chuỗi không phải UTF-8 hợp lệ") != std::string::npos);
  // The first and last code points of each length are UTF-8.
  Written edge = written(R"({'\xC2\x80', '\xDF\xBF', '\xE0\xA0\x80', '\xED\x9F\xBF', '\xEE\x80\x80', '\xF0\x90\x80\x80', '\xF4\x8F\xBF\xBF'})");
  CHECK(edge.error == "");
  CHECK(edge.text == edge.tree);
}

TEST_CASE("a returned table becomes JSON: arrays, objects in Vietnamese key order, one member per name") {
  CHECK(returned("return {1, 2.5, 'ba', true}").json == R"([1,2.5,"ba",true])");
  CHECK(returned("return {}").json == "[]");
  // Keys that are names sort as Vietnamese does (Đ after D, accents after the bare letter).
  CHECK(returned("return {['Điện Biên'] = 1, ['Đà Nẵng'] = 2, ['Cao Bằng'] = 3, Dak = 4, ['ấp'] = 5, an = 6}").json ==
        R"({"an":6,"ấp":5,"Cao Bằng":3,"Dak":4,"Đà Nẵng":2,"Điện Biên":1})");
  // A table that is not a sequence is an object; a number key is a name; key 1 and key "1"
  // are one member, the string key's value.
  CHECK(returned("return {[1] = 'a', [3] = 'c'}").json == R"({"1":"a","3":"c"})");
  CHECK(returned("return {[1] = 'number', ['1'] = 'string', x = {y = {}}}").json == R"({"1":"string","x":{"y":[]}})");
  CHECK(returned("return {results = {{code = '03158', met = 19}, {code = '03160', met = 12}}}").json ==
        R"({"results":[{"code":"03158","met":19},{"code":"03160","met":12}]})");
}

TEST_CASE("a returned value that cannot be JSON is named by its place") {
  CHECK(returned("return {a = {b = {0/0}}}").error ==
        "giá trị trả về không chuyển được sang JSON tại a.b[1]: số không hữu hạn (NaN hoặc vô cực)");
  CHECK(returned("local t = {} t.self = t return {list = {t}}").error ==
        "giá trị trả về không chuyển được sang JSON tại list[1].self: bảng tự tham chiếu (vòng lặp)");
  CHECK(returned("return {f = print}").error.find("tại f: kiểu function không chuyển được") != std::string::npos);
}

TEST_CASE("a tree written by json_text is what dump(2) writes of it, byte for byte; what dump() refuses, it refuses") {
  using json = nlohmann::ordered_json;
  json tree = json::parse(R"({"national": {"provinces": 63, "average": 15.384615384615385, "same": true, "none": null,
    "bands": {"standard_19": 5144, "below_5": 0}, "empty_object": {}, "empty_array": [],
    "names": ["Điện Biên", "a \"quoted\" \\ slash", "tab\there\u0001", "😀"]},
    "list": [[], [[]], [1, -2, 0.1, 1e300, -0.0, 3.0]]})");
  tree["unsigned"] = std::uint64_t{18446744073709551615u};
  tree["nan"] = std::nan("");
  tree["infinite"] = -std::numeric_limits<double>::infinity();
  for (int depth : {0, 1, 3}) {
    CAPTURE(depth);
    std::string text, expected;
    ntm::lua::json_text(tree, text, depth);
    nlohmann::detail::serializer<json> serializer(nlohmann::detail::output_adapter<char>(expected), ' ');
    serializer.dump(tree, true, false, 2, 2 * static_cast<unsigned>(depth));
    CHECK(text == expected);
  }
  // A string that is not UTF-8: nlohmann's own error, as nested_json always gave; what was
  // in `out` before stays in front.
  json bad = {{"ok", "Điện Biên"}, {"bad", std::string("\xC3\x28")}};
  std::string out = "before";
  CHECK_THROWS_AS(ntm::lua::json_text(bad, out, 1), nlohmann::json::type_error);
  CHECK(out.rfind("before", 0) == 0);
}
