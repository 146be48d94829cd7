#include "lua/to_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "lua/handles.h"
#include "lua/host.h"
#include "lua/sandbox.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::lua {

namespace {

using json = nlohmann::ordered_json;

// Where a value sits in what the script returned ("results[3].met"): a chain through the
// parents, spelt out only when a value cannot be converted (a national review converts
// hundreds of thousands of values and none fails).
struct Path {
  const Path* parent = nullptr;
  std::string_view key;     // a field of an object, or
  lua_Integer index = 0;    // an element of an array (from 1) when key is empty
  std::string text() const {
    if (!parent) return "";
    std::string before = parent->text();
    if (key.empty()) return before + "[" + std::to_string(index) + "]";
    return before.empty() ? std::string(key) : before + "." + std::string(key);
  }
};

// The walk hands what it meets to a sink, in document order: a scalar, or the start of an
// array or object (with how many elements or names it has), each member's name, and the end.

// Builds the tree. Every container has room for all its elements before the first is added,
// so a container's address stays valid while it is filled.
class TreeSink {
 public:
  json root;

  void null() { place(nullptr); }
  void boolean(bool b) { place(b); }
  void integer(std::int64_t n) { place(n); }
  void number(double d) { place(d); }
  void string(const char* s, std::size_t len) { place(std::string(s, len)); }
  void begin_array(std::size_t count) {
    json& array = place(json::array());
    array.get_ref<json::array_t&>().reserve(count);
    open_.push_back(&array);
  }
  void begin_object(std::size_t names) {
    json& object = place(json::object());
    // Room for every key first: an object's members are a vector whose growth copies them
    // (its elements' keys are const), so a member holding thousands of results would be
    // copied whole each time the object grew.
    object.get_ref<json::object_t&>().reserve(names);
    open_.push_back(&object);
  }
  void name(const std::string& key) { name_ = &key; }
  void end() { open_.pop_back(); }

 private:
  std::vector<json*> open_;
  const std::string* name_ = nullptr;

  json& place(json value) {
    if (open_.empty()) return root = std::move(value);
    json& parent = *open_.back();
    if (parent.is_array()) {
      auto& elements = parent.get_ref<json::array_t&>();
      elements.push_back(std::move(value));
      return elements.back();
    }
    // Appended: the names are distinct, and parent[name] would look for it among the
    // members before (a commune's result has sixty).
    auto& members = parent.get_ref<json::object_t&>();
    members.emplace_back(*name_, std::move(value));
    return members.back().second;
  }
};

// Appends `s` as nlohmann's dump() writes a string (ensure_ascii off): quoted; ", \ and the
// control characters escaped, with \u and lower-case hexadecimal where there is no short
// form. False when `s` is not UTF-8 (dump() would throw).
bool append_quoted(std::string& out, std::string_view s) {
  out += '"';
  std::size_t copied = 0, i = 0;
  auto continuation = [&](std::size_t at, unsigned char low = 0x80, unsigned char high = 0xBF) {
    if (at >= s.size()) return false;
    auto c = static_cast<unsigned char>(s[at]);
    return c >= low && c <= high;
  };
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // A sequence as RFC 3629 allows it: no overlong forms, no surrogates, nothing past U+10FFFF.
      std::size_t len = 0;
      if (c >= 0xC2 && c <= 0xDF) len = continuation(i + 1) ? 2 : 0;
      else if (c >= 0xE0 && c <= 0xEF)
        len = continuation(i + 1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) && continuation(i + 2) ? 3 : 0;
      else if (c >= 0xF0 && c <= 0xF4)
        len = continuation(i + 1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) && continuation(i + 2) &&
                      continuation(i + 3) ? 4 : 0;
      if (!len) return false;
      i += len;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + copied, i - copied);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        static const char hex[] = "0123456789abcdef";
        ((out += "\\u00") += hex[c >> 4]) += hex[c & 0xF];
      }
    }
    copied = ++i;
  }
  out.append(s.data() + copied, s.size() - copied);
  out += '"';
  return true;
}

// Writes the text that dump(2) writes, starting `depth` levels deep in a document (every line
// after the first indented by 2 × depth more spaces), without building the tree.
class TextSink {
 public:
  TextSink(std::string& out, int depth) : out_(out), depth_(depth) {}

  void null() {
    before_value();
    out_ += "null";
  }
  void boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
  }
  void integer(std::int64_t n) {
    before_value();
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  }
  void unsigned_integer(std::uint64_t n) {
    before_value();
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  }
  void number(double d) {   // nlohmann's shortest round-trip form ("0.1", "3.0", "1e+20")
    before_value();
    char digits[64];
    out_.append(digits, nlohmann::detail::to_chars(digits, digits + sizeof digits, d));
  }
  // False when the string is not UTF-8.
  [[nodiscard]] bool string(const char* s, std::size_t len) {
    before_value();
    return append_quoted(out_, {s, len});
  }
  void begin_array(std::size_t count) { open('[', count); }
  void begin_object(std::size_t names) { open('{', names); }
  [[nodiscard]] bool name(const std::string& key) {
    separate();
    bool ok = append_quoted(out_, key);
    out_ += ": ";
    return ok;
  }
  void end() {
    Open& o = open_.back();
    if (o.written) {
      out_ += '\n';
      indent(open_.size() - 1);
    }
    out_ += o.bracket == '[' ? ']' : '}';
    open_.pop_back();
  }

 private:
  struct Open {
    char bracket;
    bool written;   // an element or member is written
  };
  std::string& out_;
  int depth_;
  std::vector<Open> open_;

  void indent(std::size_t level) { out_.append(2 * (static_cast<std::size_t>(depth_) + level), ' '); }
  void open(char bracket, std::size_t) {
    before_value();
    out_ += bracket;
    open_.push_back({bracket, false});
  }
  void separate() {
    Open& o = open_.back();
    out_ += o.written ? ",\n" : "\n";
    o.written = true;
    indent(open_.size());
  }
  void before_value() {
    if (!open_.empty() && open_.back().bracket == '[') separate();
  }
};

// Keys in Vietnamese order, by the keys as a table yields them (joined): the tables of a list
// have the same keys, met in the same order, and collating them once is enough.
struct KeyOrders {
  std::unordered_map<std::string, std::vector<std::string>> by_keys;
  std::string joined;

  const std::vector<std::string>& ordered(const std::vector<std::string_view>& names) {
    joined.clear();
    for (const auto& n : names) (joined += n) += '\0';
    auto it = by_keys.find(joined);
    if (it == by_keys.end()) {
      std::vector<std::string> sorted(names.begin(), names.end());
      sort_vietnamese(sorted);
      it = by_keys.emplace(joined, std::move(sorted)).first;
    }
    return it->second;
  }
};

// One member of the top-level table written as text by a walk of its own (TakeOptions).
struct Split {
  std::string_view key;
  std::string* text = nullptr;
  int depth = 0;
};

template <class Sink>
struct Walker {
  lua_State* L;
  Sink& sink;
  KeyOrders& orders;
  int max_depth;
  std::size_t max_items;
  Split split = {};
  std::size_t items = 0;
  std::vector<const void*> open = {};   // tables on the current path, for cycle detection

  [[noreturn]] void fail(const Path& path, const std::string& what) {
    std::string where = path.text();
    throw std::runtime_error(tr("giá trị trả về không chuyển được sang JSON tại ", "returned value cannot become JSON at ") +
                             (where.empty() ? "(gốc)" : where) + ": " + what);
  }
  void not_utf8(const Path& path) {
    fail(path, tr("chuỗi không phải UTF-8 hợp lệ", "a string that is not valid UTF-8"));
  }

  void convert(int index, const Path& path, int depth) {
    index = lua_absindex(L, index);
    if (++items > max_items) fail(path, tr("quá nhiều phần tử", "too many items"));
    // The JSON is the host's copy of the value: its size counts against the memory limit,
    // and converting it is work like any other (both counted by the thousand values).
    if (items % 1024 == 0) {
      charge_memory(L, 1024 * sizeof(json), "JSON");
      charge(L, 1024);
    }
    switch (lua_type(L, index)) {
      case LUA_TNIL: return sink.null();
      case LUA_TBOOLEAN: return sink.boolean(lua_toboolean(L, index) != 0);
      case LUA_TNUMBER: {
        if (lua_isinteger(L, index)) return sink.integer(static_cast<std::int64_t>(lua_tointeger(L, index)));
        double v = lua_tonumber(L, index);
        if (!std::isfinite(v)) fail(path, tr("số không hữu hạn (NaN hoặc vô cực)", "a non-finite number (NaN or infinity)"));
        return sink.number(v);
      }
      case LUA_TSTRING: {
        std::size_t len;
        const char* s = lua_tolstring(L, index, &len);
        charge_memory(L, len + sizeof(std::string), "JSON");
        return string(s, len, path);
      }
      case LUA_TUSERDATA:
        if (UnitRef* ref = test_any_unit(L, index)) {
          const std::string& code = ref->province->units()[ref->index].code;
          return string(code.data(), code.size(), path);
        }
        fail(path, tr("userdata không chuyển được", "userdata cannot be converted"));
      case LUA_TTABLE: return table(index, path, depth);
      default:
        fail(path, std::string(tr("kiểu ", "type ")) + luaL_typename(L, index) + tr(" không chuyển được", " cannot be converted"));
    }
  }

  void string(const char* s, std::size_t len, const Path& path) {
    if constexpr (std::is_same_v<Sink, TextSink>) {
      if (!sink.string(s, len)) not_utf8(path);
    } else {
      sink.string(s, len);
    }
  }

  void table(int index, const Path& path, int depth) {
    if (depth >= max_depth) fail(path, tr("lồng quá sâu", "nested too deep"));
    const void* id = lua_topointer(L, index);
    if (std::find(open.begin(), open.end(), id) != open.end())
      fail(path, tr("bảng tự tham chiếu (vòng lặp)", "a table that contains itself (cycle)"));
    open.push_back(id);
    luaL_checkstack(L, 4, "to_json");
    // Keys with raw access (lua_next); decide array vs object. The string keys are kept as
    // they are met (the table holds them, and nothing changes it meanwhile): an object's
    // names need no second pass unless it has number keys.
    lua_Integer max_int = 0, count = 0;
    bool all_int = true, number_keys = false;
    std::vector<std::string_view> names;
    lua_pushnil(L);
    while (lua_next(L, index)) {
      lua_pop(L, 1);
      ++count;
      int key_type = lua_type(L, -1);
      if (key_type == LUA_TSTRING) {
        all_int = false;
        std::size_t len;
        const char* key = lua_tolstring(L, -1, &len);
        names.emplace_back(key, len);
      } else if (key_type == LUA_TNUMBER) {
        number_keys = true;
        lua_Integer k = 0;
        if (lua_isinteger(L, -1) && (k = lua_tointeger(L, -1)) >= 1) max_int = std::max(max_int, k);
        else all_int = false;
      } else {
        lua_pop(L, 1);
        fail(path, tr("khóa của bảng phải là chuỗi hoặc số", "table keys must be strings or numbers"));
      }
    }
    if (all_int && max_int == count) {
      sink.begin_array(static_cast<std::size_t>(count));
      for (lua_Integer i = 1; i <= count; ++i) {
        lua_rawgeti(L, index, i);
        convert(-1, Path{&path, {}, i}, depth + 1);
        lua_pop(L, 1);
      }
    } else {
      std::vector<std::string> numbers;   // the number keys as text, held while `names` views them
      if (number_keys) {
        names.clear();
        numbers.reserve(static_cast<std::size_t>(count));
        lua_pushnil(L);
        while (lua_next(L, index)) {
          lua_pop(L, 1);
          if (lua_type(L, -1) == LUA_TSTRING) {
            std::size_t len;
            const char* key = lua_tolstring(L, -1, &len);
            names.emplace_back(key, len);
          } else {
            lua_pushvalue(L, -1);
            numbers.emplace_back(lua_tostring(L, -1));   // converts the copy, not the key
            names.emplace_back(numbers.back());
            lua_pop(L, 1);
          }
        }
      }
      members(index, path, depth, names);
    }
    sink.end();
    open.pop_back();
  }

  void members(int index, const Path& path, int depth, const std::vector<std::string_view>& names) {
    for (const auto& name : names) charge_memory(L, 2 * (name.size() + sizeof(std::string)) + 32, "JSON");
    sink.begin_object(names.size());
    const std::string* previous = nullptr;
    for (const auto& name : orders.ordered(names)) {
      // Key 1 and key "1" of one table are one member "1" (the string key's value), as
      // before; equal names are next to each other once sorted.
      if (previous && *previous == name) continue;
      previous = &name;
      Path here{&path, name, 0};
      if constexpr (std::is_same_v<Sink, TextSink>) {
        if (!sink.name(name)) not_utf8(here);
      } else {
        sink.name(name);
      }
      lua_pushlstring(L, name.data(), name.size());
      if (lua_rawget(L, index) == LUA_TNIL) {
        lua_pop(L, 1);
        // A number key: look it up as a number.
        lua_pushnumber(L, std::strtod(name.c_str(), nullptr));
        lua_Integer as_int;
        if (lua_numbertointeger(lua_tonumber(L, -1), &as_int)) { lua_pop(L, 1); lua_pushinteger(L, as_int); }
        lua_rawget(L, index);
      }
      if (depth == 0 && split.text && name == split.key) {
        write_apart(here);
        sink.null();
      } else {
        convert(-1, here, depth + 1);
      }
      lua_pop(L, 1);
    }
  }

  // The value on top of the stack, written as text into split.text by a walk of its own.
  void write_apart(const Path& here) {
    split.text->clear();
    TextSink text(*split.text, split.depth);
    Walker<TextSink> apart{L, text, orders, max_depth - 1, max_items, {}, items};
    apart.convert(-1, here, 0);
    items = apart.items;
  }
};

}  // namespace

namespace {

// False for a value dump() would refuse or write otherwise (nothing is then left of it).
bool write_tree(TextSink& sink, const json& value) {
  switch (value.type()) {
    case json::value_t::null: sink.null(); return true;
    case json::value_t::boolean: sink.boolean(value.get<bool>()); return true;
    case json::value_t::number_integer: sink.integer(value.get<std::int64_t>()); return true;
    case json::value_t::number_unsigned: sink.unsigned_integer(value.get<std::uint64_t>()); return true;
    case json::value_t::number_float: {
      double d = value.get<double>();
      if (std::isfinite(d)) sink.number(d);
      else sink.null();   // as dump() writes NaN and infinities
      return true;
    }
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      return sink.string(s.data(), s.size());
    }
    case json::value_t::array:
      sink.begin_array(value.size());
      for (const auto& element : value)
        if (!write_tree(sink, element)) return false;
      sink.end();
      return true;
    case json::value_t::object:
      sink.begin_object(value.size());
      for (auto it = value.begin(); it != value.end(); ++it)
        if (!sink.name(it.key()) || !write_tree(sink, it.value())) return false;
      sink.end();
      return true;
    default: return false;   // binary, discarded
  }
}

}  // namespace

void json_text(const json& value, std::string& out, int depth) {
  std::size_t start = out.size();
  TextSink sink(out, depth);
  if (write_tree(sink, value)) return;
  out.resize(start);
  nlohmann::detail::serializer<json> serializer(nlohmann::detail::output_adapter<char>(out), ' ');
  serializer.dump(value, true, false, 2, 2 * static_cast<unsigned>(depth));
}

json to_json(lua_State* L, int index, int max_depth, std::size_t max_items) {
  TreeSink tree;
  KeyOrders orders;
  Walker<TreeSink> walker{L, tree, orders, max_depth, max_items};
  walker.convert(index, Path{}, 0);
  return std::move(tree.root);
}

void to_json_text(lua_State* L, int index, std::string& out, int depth, int max_depth, std::size_t max_items) {
  TextSink text(out, depth);
  KeyOrders orders;
  Walker<TextSink> walker{L, text, orders, max_depth, max_items};
  walker.convert(index, Path{}, 0);
}

namespace {

struct Top {
  json* out;
  const TakeOptions* options;
};

int convert_top(lua_State* L) {
  auto* top = static_cast<Top*>(lua_touserdata(L, lua_upvalueindex(1)));
  TreeSink tree;
  KeyOrders orders;
  Walker<TreeSink> walker{L, tree, orders, 64, 5'000'000};
  if (top->options) walker.split = {top->options->text_member, top->options->text, top->options->depth};
  walker.convert(1, Path{}, 0);
  *top->out = std::move(tree.root);
  return 0;
}

}  // namespace

json take_json(Host& host, const TakeOptions* options) {
  lua_State* L = host.state();
  json out;
  Top top{&out, options};
  lua_pushlightuserdata(L, &top);
  lua_pushcclosure(L, safe<convert_top>, 1);   // [value, fn]
  lua_insert(L, -2);                           // [fn, value]
  host.call(1, 0);
  return out;
}

}  // namespace ntm::lua
