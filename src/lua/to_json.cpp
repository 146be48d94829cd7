#include "lua/to_json.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <stdexcept>
#include <string>
#include <vector>

#include "lua/handles.h"
#include "lua/host.h"
#include "lua/sandbox.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::lua {

namespace {

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

struct Walker {
  lua_State* L;
  int max_depth;
  std::size_t max_items;
  std::size_t items = 0;
  std::vector<const void*> open = {};   // tables on the current path, for cycle detection
  // Keys in Vietnamese order, by the keys as a table yields them (joined): the tables of a
  // list have the same keys, met in the same order, and collating them once is enough.
  std::unordered_map<std::string, std::vector<std::string>> orders = {};
  std::string joined = {};

  [[noreturn]] void fail(const Path& path, const std::string& what) {
    std::string where = path.text();
    throw std::runtime_error(tr("giá trị trả về không chuyển được sang JSON tại ", "returned value cannot become JSON at ") +
                             (where.empty() ? "(gốc)" : where) + ": " + what);
  }

  nlohmann::ordered_json convert(int index, const Path& path, int depth) {
    index = lua_absindex(L, index);
    if (++items > max_items) fail(path, tr("quá nhiều phần tử", "too many items"));
    // The JSON is the host's copy of the value: its size counts against the memory limit,
    // and converting it is work like any other.
    charge_memory(L, sizeof(nlohmann::ordered_json), "JSON");
    if (items % 1024 == 0) charge(L, 1024);
    switch (lua_type(L, index)) {
      case LUA_TNIL: return nullptr;
      case LUA_TBOOLEAN: return static_cast<bool>(lua_toboolean(L, index));
      case LUA_TNUMBER: {
        if (lua_isinteger(L, index)) return static_cast<std::int64_t>(lua_tointeger(L, index));
        double v = lua_tonumber(L, index);
        if (!std::isfinite(v)) fail(path, tr("số không hữu hạn (NaN hoặc vô cực)", "a non-finite number (NaN or infinity)"));
        return v;
      }
      case LUA_TSTRING: {
        std::size_t len;
        const char* s = lua_tolstring(L, index, &len);
        charge_memory(L, len + sizeof(std::string), "JSON");
        return std::string(s, len);
      }
      case LUA_TUSERDATA:
        if (UnitRef* ref = test_any_unit(L, index)) return ref->province->units()[ref->index].code;
        fail(path, tr("userdata không chuyển được", "userdata cannot be converted"));
      case LUA_TTABLE: return table(index, path, depth);
      default:
        fail(path, std::string(tr("kiểu ", "type ")) + luaL_typename(L, index) + tr(" không chuyển được", " cannot be converted"));
    }
  }

  // The keys of an object in Vietnamese order (keys that are names, such as districts).
  const std::vector<std::string>& ordered(std::vector<std::string>& names) {
    joined.clear();
    for (const auto& n : names) (joined += n) += '\0';
    auto it = orders.find(joined);
    if (it == orders.end()) {
      sort_vietnamese(names);
      it = orders.emplace(joined, std::move(names)).first;
    }
    return it->second;
  }

  nlohmann::ordered_json table(int index, const Path& path, int depth) {
    if (depth >= max_depth) fail(path, tr("lồng quá sâu", "nested too deep"));
    const void* id = lua_topointer(L, index);
    if (std::find(open.begin(), open.end(), id) != open.end())
      fail(path, tr("bảng tự tham chiếu (vòng lặp)", "a table that contains itself (cycle)"));
    open.push_back(id);
    luaL_checkstack(L, 4, "to_json");
    // Keys with raw access (lua_next); decide array vs object.
    lua_Integer max_int = 0, count = 0;
    bool all_int = true;
    lua_pushnil(L);
    while (lua_next(L, index)) {
      lua_pop(L, 1);
      ++count;
      if (lua_type(L, -1) == LUA_TNUMBER && lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
        max_int = std::max(max_int, lua_tointeger(L, -1));
      } else {
        all_int = false;
      }
      if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER) {
        lua_pop(L, 1);
        fail(path, tr("khóa của bảng phải là chuỗi hoặc số", "table keys must be strings or numbers"));
      }
    }
    nlohmann::ordered_json out;
    if (all_int && max_int == count) {
      out = nlohmann::ordered_json::array();
      out.get_ref<nlohmann::ordered_json::array_t&>().reserve(static_cast<std::size_t>(count));
      for (lua_Integer i = 1; i <= count; ++i) {
        lua_rawgeti(L, index, i);
        out.push_back(convert(-1, Path{&path, {}, i}, depth + 1));
        lua_pop(L, 1);
      }
    } else {
      out = nlohmann::ordered_json::object();
      std::vector<std::string> names;
      names.reserve(static_cast<std::size_t>(count));
      lua_pushnil(L);
      while (lua_next(L, index)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
          std::size_t len;
          const char* key = lua_tolstring(L, -1, &len);
          names.emplace_back(key, len);
        } else {
          lua_pushvalue(L, -1);
          names.emplace_back(lua_tostring(L, -1));   // converts the copy, not the key
          lua_pop(L, 1);
        }
      }
      for (const auto& name : names) charge_memory(L, 2 * (name.size() + sizeof(std::string)) + 32, "JSON");
      // Room for every key first: an object's members are a vector whose growth copies them
      // (its elements' keys are const), so a member holding thousands of results would be
      // copied whole each time the object grew.
      auto& members = out.get_ref<nlohmann::ordered_json::object_t&>();
      members.reserve(names.size());
      const std::string* previous = nullptr;
      for (const auto& name : ordered(names)) {
        // Key 1 and key "1" of one table are one member "1" (the string key's value), as
        // before; equal names are next to each other once sorted.
        if (previous && *previous == name) continue;
        previous = &name;
        lua_pushlstring(L, name.data(), name.size());
        if (lua_rawget(L, index) == LUA_TNIL) {
          lua_pop(L, 1);
          // A number key: look it up as a number.
          lua_pushnumber(L, std::strtod(name.c_str(), nullptr));
          lua_Integer as_int;
          if (lua_numbertointeger(lua_tonumber(L, -1), &as_int)) { lua_pop(L, 1); lua_pushinteger(L, as_int); }
          lua_rawget(L, index);
        }
        // Appended: the names are distinct, and out[name] would look for it among the members
        // before (a commune's result has sixty).
        members.emplace_back(name, convert(-1, Path{&path, name, 0}, depth + 1));
        lua_pop(L, 1);
      }
    }
    open.pop_back();
    return out;
  }
};

}  // namespace

nlohmann::ordered_json to_json(lua_State* L, int index, int max_depth, std::size_t max_items) {
  Walker walker{L, max_depth, max_items};
  return walker.convert(index, Path{}, 0);
}

namespace {

int convert_top(lua_State* L) {
  auto* out = static_cast<nlohmann::ordered_json*>(lua_touserdata(L, lua_upvalueindex(1)));
  *out = to_json(L, 1);
  return 0;
}

}  // namespace

nlohmann::ordered_json take_json(Host& host) {
  lua_State* L = host.state();
  nlohmann::ordered_json out;
  lua_pushlightuserdata(L, &out);
  lua_pushcclosure(L, safe<convert_top>, 1);   // [value, fn]
  lua_insert(L, -2);                           // [fn, value]
  host.call(1, 0);
  return out;
}

}  // namespace ntm::lua
