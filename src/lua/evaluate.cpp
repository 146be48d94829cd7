#include "lua/evaluate.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "lua/binding.h"
#include "lua/handles.h"
#include "lua/sandbox.h"
#include "lua/to_json.h"
#include "model/i18n.h"

namespace ntm::lua {

namespace {

bool ends_with_eof(const std::string& message) {
  const std::string tail = "<eof>";
  return message.size() >= tail.size() && message.compare(message.size() - tail.size(), tail.size(), tail) == 0;
}

// Pushes the table behind the value at `index` whose keys are its names: a plain table
// itself; the real table of a read-only proxy; the methods of a handle. Pushes nil when none.
void push_names_table(lua_State* L, int index) {
  index = lua_absindex(L, index);
  if (lua_type(L, index) != LUA_TTABLE && lua_type(L, index) != LUA_TUSERDATA) {
    lua_pushnil(L);
    return;
  }
  if (lua_type(L, index) == LUA_TTABLE) {
    lua_pushnil(L);
    if (lua_next(L, index)) {   // not empty: the table itself
      lua_pop(L, 2);
      lua_pushvalue(L, index);
      return;
    }
  }
  if (!lua_getmetatable(L, index)) {
    lua_pushvalue(L, index);
    return;
  }
  lua_getfield(L, -1, "__index");              // [mt, idx]
  if (lua_iscfunction(L, -1) && lua_getupvalue(L, -1, 1)) {   // methods, upvalue 1
    lua_rotate(L, -3, 1);
    lua_pop(L, 2);
    if (lua_type(L, -1) != LUA_TTABLE) { lua_pop(L, 1); lua_pushnil(L); }
    return;
  }
  lua_remove(L, -2);
  if (lua_type(L, -1) != LUA_TTABLE) { lua_pop(L, 1); lua_pushnil(L); }
}

std::string scalar_text(lua_State* L, int index) {
  switch (lua_type(L, index)) {
    case LUA_TNIL: return "nil";
    case LUA_TBOOLEAN: return lua_toboolean(L, index) ? "true" : "false";
    case LUA_TNUMBER: {
      if (lua_isinteger(L, index)) return std::to_string(lua_tointeger(L, index));
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.14g", lua_tonumber(L, index));
      return buf;
    }
    case LUA_TSTRING: {
      std::size_t n;
      const char* s = lua_tolstring(L, index, &n);
      return std::string(s, n);
    }
    default: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s: %p", luaL_typename(L, index), lua_topointer(L, index));
      return buf;
    }
  }
}

std::vector<std::string> unit_row(const UnitRef& ref) {
  const Unit& u = ref.province->units()[ref.index];
  const Unit* d = ref.province->find(u.parent);
  return {u.code, u.name_with_type, d && d->kind == "district" ? d->name_with_type : ""};
}

// The value at `index` as rows of communes when it is a commune, a CommuneList or an array
// of communes only; false otherwise.
bool as_units(lua_State* L, int index, Shown& shown) {
  index = lua_absindex(L, index);
  shown.columns = {tr("Mã", "Code"), tr("Tên", "Name"), tr("Huyện", "District")};
  if (auto* ref = static_cast<UnitRef*>(test_userdata(L, index, kCommuneType))) {
    shown.rows.push_back(unit_row(*ref));
    return true;
  }
  if (lua_type(L, index) != LUA_TTABLE) return false;
  bool list = false;
  if (lua_getmetatable(L, index)) {
    luaL_getmetatable(L, kCommuneListType);
    list = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
  }
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  if (!list && n == 0) return false;
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, index, i);
    auto* ref = static_cast<UnitRef*>(test_userdata(L, -1, kCommuneType));
    if (ref) shown.rows.push_back(unit_row(*ref));
    lua_pop(L, 1);
    if (!ref) return false;
  }
  return true;
}

}  // namespace

bool incomplete(Host& host, std::string_view source) {
  lua_State* L = host.state();
  std::string text(source);
  if (luaL_loadbufferx(L, ("return " + text).data(), text.size() + 7, "=input", "t") == LUA_OK) {
    lua_pop(L, 1);
    return false;
  }
  lua_pop(L, 1);
  int status = luaL_loadbufferx(L, text.data(), text.size(), "=input", "t");
  bool open = status == LUA_ERRSYNTAX && ends_with_eof(lua_tostring(L, -1) ? lua_tostring(L, -1) : "");
  lua_pop(L, 1);
  return open;
}

std::vector<Shown> evaluate(Host& host, std::string_view source, const std::string& chunkname) {
  lua_State* L = host.state();
  int base = lua_gettop(L);
  std::string text(source);
  try {
    host.load_string("return " + text, "=" + chunkname);
  } catch (const ScriptError&) {
    host.load_string(text, "=" + chunkname);   // statements; a syntax error here is the user's
  }
  host.call(0, LUA_MULTRET);
  int n = lua_gettop(L) - base;
  std::vector<Shown> out;
  for (int i = 1; i <= n; ++i) {
    int index = base + i;
    Shown shown;
    if (as_units(L, index, shown)) {
      shown.kind = Shown::Kind::Units;
    } else if (auto* ref = test_any_unit(L, index)) {
      const Unit& u = ref->province->units()[ref->index];
      shown.text = u.name_with_type + " (" + u.code + ")";
    } else if (lua_type(L, index) == LUA_TTABLE) {
      shown.kind = Shown::Kind::Json;
      try {
        shown.json = to_json(L, index);
      } catch (const std::exception& e) {
        shown.kind = Shown::Kind::Text;
        shown.text = scalar_text(L, index) + " (" + e.what() + ")";
      }
    } else {
      shown.text = scalar_text(L, index);
    }
    out.push_back(std::move(shown));
  }
  lua_settop(L, base);
  return out;
}

std::vector<std::string> field_names(Host& host, const std::string& path) {
  lua_State* L = host.state();
  int base = lua_gettop(L);
  push_sandbox_env(L);
  std::size_t start = 0;
  while (!path.empty() && start <= path.size()) {
    std::size_t dot = path.find_first_of(".:", start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    push_names_table(L, -1);                   // [.., value, names]
    if (lua_type(L, -1) != LUA_TTABLE) { lua_settop(L, base); return {}; }
    lua_pushlstring(L, key.data(), key.size());
    lua_rawget(L, -2);                         // [.., value, names, field]
    lua_remove(L, -2);
    lua_remove(L, -2);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  std::set<std::string> names;
  push_names_table(L, -1);
  if (lua_type(L, -1) == LUA_TTABLE) {
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      if (lua_type(L, -2) == LUA_TSTRING) names.insert(lua_tostring(L, -2));
      lua_pop(L, 1);
    }
  }
  lua_settop(L, base);
  return {names.begin(), names.end()};
}

namespace {

// test.run(script [, args]) → value, findings
int test_run(lua_State* L) {
  namespace fs = std::filesystem;
  fs::path dir = lua_tostring(L, lua_upvalueindex(1));
  fs::path name = luaL_checkstring(L, 1);
  fs::path path = name.is_absolute() ? name : dir / name;
  if (!fs::is_regular_file(path) && !name.is_absolute()) path = dir.parent_path() / name;
  if (!fs::is_regular_file(path))
    return luaL_error(L, "%s", (tr("test.run: không thấy script ", "test.run: no script ") + name.string()).c_str());
  Context& ctx = context(L);
  std::map<std::string, std::string> args;
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushnil(L);
    while (lua_next(L, 2)) {                   // [.., key, value]
      if (lua_type(L, -2) == LUA_TSTRING) {
        std::string key = lua_tostring(L, -2);
        args[key] = luaL_tolstring(L, -1, nullptr);
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::string source = text.str();
  std::string chunk = "@" + path.string();
  if (!source.empty() && source[0] == '\x1b') return luaL_error(L, "binary chunks are not allowed");
  if (load_text(L, source, chunk.c_str()) != LUA_OK) return lua_error(L);
  push_sandbox_env(L);
  if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  std::size_t before = ctx.findings.size();
  std::swap(ctx.args, args);
  int status = lua_pcall(L, 0, 1, 0);
  std::swap(ctx.args, args);
  if (status != LUA_OK) return lua_error(L);
  lua_createtable(L, 0, 0);                    // [value, findings]
  for (std::size_t i = before; i < ctx.findings.size(); ++i) {
    const Finding& f = ctx.findings[i];
    lua_createtable(L, 0, 4);
    lua_pushstring(L, f.unit_code.c_str()); lua_setfield(L, -2, "unit");
    lua_pushstring(L, f.rule.c_str()); lua_setfield(L, -2, "rule");
    lua_pushstring(L, f.level.c_str()); lua_setfield(L, -2, "level");
    lua_pushstring(L, f.message.c_str()); lua_setfield(L, -2, "message");
    lua_rawseti(L, -2, static_cast<lua_Integer>(i - before + 1));
  }
  return 2;
}

}  // namespace

void install_test_helpers(Host& host, const std::filesystem::path& dir) {
  lua_State* L = host.state();
  push_sandbox_env(L);                         // [env]
  lua_createtable(L, 0, 1);                    // [env, test]
  lua_pushstring(L, dir.string().c_str());
  lua_pushcclosure(L, safe<test_run>, 1);
  lua_setfield(L, -2, "run");
  lua_setfield(L, -2, "test");
  lua_pop(L, 1);
}

}  // namespace ntm::lua
