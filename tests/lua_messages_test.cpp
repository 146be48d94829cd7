// Lua's own error messages reach the user in Vietnamese (English with --lang en), with the
// script's file and line; a script's own messages are left as they are.
#include <doctest/doctest.h>

#include "lua/lua_messages.h"
#include "model/i18n.h"
#include "support.h"

using ntm::lua::localized_lua_message;

TEST_CASE("Lua's runtime and syntax messages in Vietnamese, with the place kept") {
  CHECK(localized_lua_message("x.lua:3: attempt to perform arithmetic on a nil value (global 'tong')") ==
        "x.lua:3: phép tính số học trên một giá trị nil (biến toàn cục 'tong')");
  CHECK(localized_lua_message("x.lua:7: attempt to index a nil value (field 'xa')") ==
        "x.lua:7: lấy phần tử của một giá trị nil (trường 'xa'), không phải bảng");
  CHECK(localized_lua_message("attempt to call a nil value (method 'counts')") ==
        "gọi một giá trị nil (phương thức 'counts') như một hàm");
  CHECK(localized_lua_message("a/b.lua:1: attempt to concatenate a table value (local 'x')") ==
        "a/b.lua:1: nối chuỗi với một giá trị table (biến cục bộ 'x')");
  CHECK(localized_lua_message("x.lua:2: attempt to compare number with nil") == "x.lua:2: so sánh giá trị number với giá trị nil");
  CHECK(localized_lua_message("x.lua:2: bad argument #1 to 'format' (number expected, got string)") ==
        "x.lua:2: đối số thứ 1 của 'format' sai: cần number, nhận string");
  CHECK(localized_lua_message("x.lua:9: 'end' expected (to close 'function' at line 3) near <eof>") ==
        "x.lua:9: thiếu 'end' (để đóng 'function' ở dòng 3), gần <eof>");
  CHECK(localized_lua_message("x.lua:4: unexpected symbol near '='") == "x.lua:4: ký hiệu không đúng chỗ, gần '='");
  CHECK(localized_lua_message("x.lua:5: attempt to perform 'n%0'") == "x.lua:5: lấy phần dư khi chia cho 0 (n % 0)");
  // A script's own message, and a long one, are not touched.
  CHECK(localized_lua_message("x.lua:1: không có dữ liệu năm 2020") == "x.lua:1: không có dữ liệu năm 2020");
  std::string long_text = "x.lua:1: attempt to index a nil value" + std::string(2000, ' ');
  CHECK(localized_lua_message(long_text) == long_text);
  ntm::current_lang() = ntm::Lang::En;
  CHECK(localized_lua_message("x.lua:3: attempt to index a nil value (field 'xa')") ==
        "x.lua:3: attempt to index a nil value (field 'xa')");
  ntm::current_lang() = ntm::Lang::Vi;
}

TEST_CASE("a script's runtime error names its line in Vietnamese") {
  auto r = ntm::test::run_lua("local t = nil\nprint(t.x)\n");
  CHECK_FALSE(r.ok);
  CHECK(r.line == 2);
  CHECK(r.message.find("lấy phần tử của một giá trị nil (biến cục bộ 't')") != std::string::npos);
  auto arith = ntm::test::run_lua("local a = {}\nreturn a + 1\n");
  CHECK(arith.message.find("phép tính số học trên một giá trị table (biến cục bộ 'a')") != std::string::npos);
  auto syntax = ntm::test::run_lua("if true then\nprint(1)\n");
  CHECK_FALSE(syntax.ok);
  CHECK(syntax.message.find("thiếu 'end'") != std::string::npos);
}
