#include "lua/sample.h"

#include <lua.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "lua/binding.h"
#include "model/i18n.h"

namespace ntm::lua {

namespace {

// Tables a generator may fill, in insertion order (parents first).
const char* const kTables[] = {"unit", "unit_tag", "indicator_value", "criterion_status", "recognition",
                               "funding", "ocop_product", "target", "statistic"};

// Field access without metamethods: generator tables are the script's, and their
// __index must not run here.
int raw_field(lua_State* L, int index, const char* key) {
  index = lua_absindex(L, index);
  lua_pushstring(L, key);
  return lua_rawget(L, index);
}

std::vector<std::string> columns_of(store::Database& db, const std::string& table) {
  std::vector<std::string> columns;
  auto info = db.prepare("SELECT name FROM pragma_table_info(?)");
  info.bind(1, table);
  while (info.step()) columns.push_back(info.get_text(0));
  return columns;
}

// Binds the Lua value on top of the stack to parameter `index`.
void bind_top(lua_State* L, store::Statement& stmt, int index) {
  switch (lua_type(L, -1)) {
    case LUA_TNIL: stmt.bind_null(index); break;
    case LUA_TBOOLEAN: stmt.bind(index, static_cast<std::int64_t>(lua_toboolean(L, -1))); break;
    case LUA_TNUMBER:
      if (lua_isinteger(L, -1)) stmt.bind(index, static_cast<std::int64_t>(lua_tointeger(L, -1)));
      else stmt.bind(index, static_cast<double>(lua_tonumber(L, -1)));
      break;
    case LUA_TSTRING: {
      std::size_t len;
      const char* s = lua_tolstring(L, -1, &len);
      stmt.bind(index, std::string_view(s, len));
      break;
    }
    default:
      throw std::runtime_error(tr("giá trị kiểu ", "a value of type ") + luaL_typename(L, -1) +
                               tr(" không ghi được vào cơ sở dữ liệu", " cannot be stored"));
  }
}

void insert_rows(lua_State* L, store::Database& db, const std::string& table, SampleCounts& counts) {
  // [rows_of_table]
  auto columns = columns_of(db, table);
  std::set<std::string> known(columns.begin(), columns.end());
  std::map<std::string, store::Statement> statements;   // by column signature
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, -1, i);                   // [rows, row]
    if (!lua_istable(L, -1))
      throw std::runtime_error(table + "[" + std::to_string(i) + "]: " + tr("không phải bảng", "not a table"));
    std::vector<std::string> present;
    for (const auto& c : columns) {
      raw_field(L, -1, c.c_str());
      if (!lua_isnil(L, -1)) present.push_back(c);
      lua_pop(L, 1);
    }
    // Every key of the row must be a column: a misspelt key is an error, not silently dropped.
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      lua_pop(L, 1);
      std::string key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
      if (!known.count(key)) {
        lua_pop(L, 1);
        throw std::runtime_error(table + "[" + std::to_string(i) + "]: " + tr("không có cột '", "no column '") + key + "'");
      }
    }
    std::string signature;
    for (const auto& c : present) signature += c + ",";
    auto it = statements.find(signature);
    if (it == statements.end()) {
      std::string sql = "INSERT INTO " + table + "(", values;
      for (std::size_t k = 0; k < present.size(); ++k) {
        sql += (k ? ", " : "") + present[k];
        values += k ? ", ?" : "?";
      }
      sql += ") VALUES (" + values + ")";
      it = statements.emplace(signature, db.prepare(sql)).first;
    }
    for (std::size_t k = 0; k < present.size(); ++k) {
      raw_field(L, -1, present[k].c_str());
      bind_top(L, it->second, static_cast<int>(k + 1));
      lua_pop(L, 1);
    }
    try {
      it->second.run();
    } catch (const store::DbError& e) {
      throw store::DbError(e.code(), table + "[" + std::to_string(i) + "]: " + e.what());
    }
    lua_pop(L, 1);                           // [rows]
  }
  counts.rows[table] += n;
}

void apply_unit_updates(lua_State* L, store::Database& db) {
  // [updates.unit]
  static const char* flags[] = {"extremely_difficult", "border", "mountainous"};
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, -1, i);
    raw_field(L, -1, "code");
    std::string code = lua_tostring(L, -1) ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    for (const char* flag : flags) {
      raw_field(L, -1, flag);
      if (!lua_isnil(L, -1)) {
        auto stmt = db.prepare(std::string("UPDATE unit SET ") + flag + " = ? WHERE code = ?");
        stmt.bind(1, static_cast<std::int64_t>(lua_isboolean(L, -1) ? lua_toboolean(L, -1) : lua_tointeger(L, -1)));
        stmt.bind(2, code);
        stmt.run();
        if (db.changes() != 1)
          throw std::runtime_error("updates.unit[" + std::to_string(i) + "]: " + tr("không có đơn vị mã ", "no unit with code ") + code);
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
}

struct SampleTarget {
  store::Database* db;
  SampleCounts* counts;
  std::string generator;
};

// Writes the generator's result (argument 1). Runs inside the door, so a Lua error or a
// C++ exception (through the trampoline) ends it cleanly; the caller's transaction then
// rolls everything back.
int insert_result(lua_State* L) {
  auto* target = static_cast<SampleTarget*>(lua_touserdata(L, lua_upvalueindex(1)));
  store::Database& db = *target->db;
  if (!lua_istable(L, 1))
    throw std::runtime_error(target->generator + ": " + tr("script mẫu phải trả về một bảng", "a sample script must return a table"));
  lua_settop(L, 1);
  if (raw_field(L, 1, "rows") == LUA_TTABLE) {          // [result, rows]
    for (const char* table : kTables) {
      if (raw_field(L, 2, table) == LUA_TTABLE) insert_rows(L, db, table, *target->counts);
      lua_settop(L, 2);
      if (std::string(table) == "unit") {
        if (raw_field(L, 1, "updates") == LUA_TTABLE && raw_field(L, -1, "unit") == LUA_TTABLE) apply_unit_updates(L, db);
        lua_settop(L, 2);
      }
    }
  }
  lua_settop(L, 1);
  if (raw_field(L, 1, "meta") == LUA_TTABLE) {          // [result, meta]
    auto meta = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
    lua_pushnil(L);
    while (lua_next(L, 2)) {
      meta.bind(1, std::string(luaL_tolstring(L, -2, nullptr)));
      lua_pop(L, 1);
      meta.bind(2, std::string(luaL_tolstring(L, -1, nullptr)));
      lua_pop(L, 2);
      meta.run();
    }
  }
  return 0;
}

}  // namespace

SampleCounts load_sample(Host& host, store::Database& db, const std::filesystem::path& lib,
                         const std::filesystem::path& generator) {
  lua_State* L = host.state();
  SampleCounts counts;
  SampleTarget target{&db, &counts, generator.string()};
  lua_pushlightuserdata(L, &target);
  lua_pushcclosure(L, safe<insert_result>, 1);   // [insert]
  host.load_file(generator);                 // [insert, gen]
  host.load_file(lib);                       // [insert, gen, lib]
  host.call(0, 1);                           // [insert, gen, libvalue]
  host.call(1, 1);                           // [insert, result]
  host.call(1, 0);                           // []
  return counts;
}

}  // namespace ntm::lua
