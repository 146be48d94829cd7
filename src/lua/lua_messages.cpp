#include "lua/lua_messages.h"

#include <regex>
#include <utility>
#include <vector>

#include "model/i18n.h"

namespace ntm::lua {

namespace {

// Lua 5.4's own messages (ldebug.c, lvm.c, lauxlib.c, llex.c, lparser.c), as patterns over
// the text after "file:line: ", with the Vietnamese each becomes. Lua's type names (nil,
// number, table...) stay as they are: they are what the script writer reads in the manual.
struct Rule {
  std::regex pattern;
  const char* replacement;
};

const std::vector<Rule>& rules() {
  static const std::vector<Rule> all = [] {
    const std::pair<const char*, const char*> table[] = {
        // Operations on a value of the wrong type, with where the value came from.
        {R"(attempt to perform arithmetic on a (\w+) value(.*))", "phép tính số học trên một giá trị $1$2"},
        {R"(attempt to perform bitwise operation on a (\w+) value(.*))", "phép toán bit trên một giá trị $1$2"},
        {R"(attempt to concatenate a (\w+) value(.*))", "nối chuỗi với một giá trị $1$2"},
        {R"(attempt to index a (\w+) value(.*))", "lấy phần tử của một giá trị $1$2, không phải bảng"},
        {R"(attempt to call a (\w+) value(.*))", "gọi một giá trị $1$2 như một hàm"},
        {R"(attempt to get length of a (\w+) value(.*))", "lấy độ dài của một giá trị $1$2"},
        {R"(attempt to compare two (\w+) values)", "so sánh hai giá trị $1"},
        {R"(attempt to compare (\w+) with (\w+))", "so sánh giá trị $1 với giá trị $2"},
        {R"(attempt to perform 'n//0')", "chia nguyên cho 0 (n // 0)"},
        {R"(attempt to perform 'n%0')", "lấy phần dư khi chia cho 0 (n % 0)"},
        {R"(number has no integer representation)", "số không đổi được thành số nguyên"},
        {R"(number \(([^)]*)\) has no integer representation)", "số ($1) không đổi được thành số nguyên"},
        {R"('for' (initial value|limit|step) must be a number)", "giá trị '$1' của vòng lặp for phải là số"},
        {R"('for' step is zero)", "bước của vòng lặp for bằng 0"},
        {R"(table index is nil)", "khoá của bảng là nil"},
        {R"(table index is NaN)", "khoá của bảng là NaN"},
        {R"(attempt to assign to const variable '([^']*)')", "gán giá trị cho biến hằng '$1'"},
        {R"((C )?stack overflow.*)", "tràn ngăn xếp (đệ quy quá sâu?)"},
        // Arguments of library functions.
        {R"(bad argument #(\d+) to '([^']*)' \((\w+) expected, got (\w+)\))",
         "đối số thứ $1 của '$2' sai: cần $3, nhận $4"},
        {R"(bad argument #(\d+) to '([^']*)' \((.*)\))", "đối số thứ $1 của '$2' sai ($3)"},
        {R"(bad argument #(\d+) \((.*)\))", "đối số thứ $1 sai ($2)"},
        {R"(wrong number of arguments to '([^']*)')", "số đối số của '$1' không đúng"},
        {R"(invalid value \(at index (\d+)\) in table for 'concat')",
         "giá trị không hợp lệ (ở vị trí $1) trong bảng đưa cho 'concat'"},
        // The parser.
        {R"('([^']*)' expected \(to close '([^']*)' at line (\d+)\) near (.*))",
         "thiếu '$1' (để đóng '$2' ở dòng $3), gần $4"},
        {R"('([^']*)' expected near (.*))", "thiếu '$1', gần $2"},
        {R"(<name> expected near (.*))", "thiếu một tên, gần $1"},
        {R"(unexpected symbol near (.*))", "ký hiệu không đúng chỗ, gần $1"},
        {R"(unfinished string near (.*))", "chuỗi chưa đóng, gần $1"},
        {R"(unfinished long (string|comment).*)", "chuỗi hoặc chú thích dài chưa đóng"},
        {R"(malformed number near (.*))", "số viết sai, gần $1"},
        {R"(syntax error near (.*))", "lỗi cú pháp, gần $1"},
        {R"(function arguments expected near (.*))", "thiếu đối số của hàm, gần $1"},
        {R"(break outside (a )?loop.*)", "'break' nằm ngoài vòng lặp"},
        {R"(no visible label '([^']*)' for goto.*)", "không có nhãn '$1' cho goto"},
    };
    std::vector<Rule> out;
    for (const auto& [pattern, replacement] : table) out.push_back(Rule{std::regex(pattern), replacement});
    return out;
  }();
  return all;
}

// Where the variable came from, as Lua says it in " (global 'x')".
std::string where_in_vietnamese(std::string text) {
  static const std::pair<const char*, const char*> kinds[] = {
      {"(global '", "(biến toàn cục '"}, {"(local '", "(biến cục bộ '"},   {"(field '", "(trường '"},
      {"(method '", "(phương thức '"},   {"(upvalue '", "(biến ngoài '"},  {"(constant '", "(hằng '"},
      {"(for iterator '", "(bộ lặp for '"}};
  for (const auto& [en, vi] : kinds)
    if (auto at = text.find(en); at != std::string::npos) text.replace(at, std::char_traits<char>::length(en), vi);
  return text;
}

}  // namespace

std::string localized_lua_message(const std::string& message) {
  if (current_lang() == Lang::En) return message;
  // Lua's own messages are short; a long text is the script's own (and a regular expression
  // over megabytes would cost more than the error).
  if (message.size() > 1000) return message;
  // "file:line: text": only the text is Lua's.
  std::size_t start = 0;
  static const std::regex prefix(R"(^[^\n]*?:\d+: )");
  std::smatch m;
  if (std::regex_search(message, m, prefix)) start = static_cast<std::size_t>(m.length(0));
  const std::string head = message.substr(0, start);
  const std::string text = message.substr(start);
  for (const Rule& rule : rules()) {
    std::smatch found;
    if (std::regex_match(text, found, rule.pattern)) return head + where_in_vietnamese(found.format(rule.replacement));
  }
  return message;
}

}  // namespace ntm::lua
