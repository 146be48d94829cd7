// What a script returns, as JSON (lua/to_json.h): the review's result of `ntm check`.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

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

}  // namespace

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
