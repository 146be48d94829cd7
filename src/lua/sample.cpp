#include "lua/sample.h"

#include <lua.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "lua/binding.h"
#include "model/i18n.h"
#include "model/map.h"

namespace ntm::lua {

namespace {

// Tables a generator may fill, in insertion order (parents first).
const char* const kTables[] = {"unit", "succession", "unit_tag", "unit_class", "indicator_value", "criterion_status", "recognition",
                               "funding", "ocop_product", "target", "statistic", "province_set"};

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

// The Lua value on top of the stack as a SQL value.
store::Value value_of_top(lua_State* L) {
  switch (lua_type(L, -1)) {
    case LUA_TNIL: return std::monostate{};
    case LUA_TBOOLEAN: return static_cast<std::int64_t>(lua_toboolean(L, -1));
    case LUA_TNUMBER:
      if (lua_isinteger(L, -1)) return static_cast<std::int64_t>(lua_tointeger(L, -1));
      return static_cast<double>(lua_tonumber(L, -1));
    case LUA_TSTRING: {
      std::size_t len;
      const char* s = lua_tolstring(L, -1, &len);
      return std::string(s, len);
    }
    default:
      throw std::runtime_error(tr("giá trị kiểu ", "a value of type ") + luaL_typename(L, -1) +
                               tr(" không ghi được vào cơ sở dữ liệu", " cannot be stored"));
  }
}

std::string text_of(const store::Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return {};
}

struct Rows {
  store::Database& db;
  std::string default_date;          // the map of rows without a year
  SampleCounts& counts;
  std::map<std::string, store::Statement> statements;   // by table and column signature

  // The unit carrying `code` on the map of the row: 31/12 of its year, else the sample's date.
  UnitId unit(const std::string& where, const std::string& code, const store::Value& year) {
    std::string date = default_date;
    if (auto* y = std::get_if<std::int64_t>(&year); y && *y > 0) date = year_end(static_cast<int>(*y));
    UnitId id = unit_at(db, code, date);
    if (!id)
      throw std::runtime_error(where + ": " + tr("không có đơn vị mã ", "no unit with code ") + code +
                               tr(" trên bản đồ ngày ", " on the map of ") + vn_date(date));
    return id;
  }

  void insert(const std::string& table, std::vector<std::pair<std::string, store::Value>> row, const std::string& where) {
    if (table == "unit") {
      // A unit and its first period: {code, kind, type, name, name_with_type, parent_code,
      // valid_from, valid_to}.
      std::map<std::string, store::Value> f(row.begin(), row.end());
      auto create = db.prepare("INSERT INTO unit(code, kind) VALUES (?, ?)");
      create.bind(1, f["code"]).bind(2, f["kind"]).run();
      UnitId id = std::get<std::int64_t>(*db.scalar("SELECT last_insert_rowid()"));
      std::string from = text_of(f["valid_from"]);
      row = {{"unit_id", id}, {"valid_from", f["valid_from"]}, {"valid_to", f["valid_to"]}, {"type", f["type"]},
             {"name", f["name"]}, {"name_with_type", f["name_with_type"]}};
      if (!text_of(f["parent_code"]).empty()) {
        std::string saved = default_date;
        if (!from.empty()) default_date = from;
        row.emplace_back("parent_id", unit(where, text_of(f["parent_code"]), {}));
        default_date = saved;
      }
      insert_plain("unit_period", row, where);
      return;
    }
    if (table == "succession") {
      // {successor_code, predecessor_code, kind, date, act}: the successor on the map of the
      // date, the predecessor on the map of the day before.
      std::map<std::string, store::Value> f(row.begin(), row.end());
      std::string date = text_of(f["date"]), saved = default_date;
      default_date = date;
      UnitId successor = unit(where, text_of(f["successor_code"]), {});
      default_date = day_before(date);
      UnitId predecessor = unit(where, text_of(f["predecessor_code"]), {});
      default_date = saved;
      insert_plain("succession", {{"successor_id", successor}, {"predecessor_id", predecessor}, {"kind", f["kind"]},
                                  {"date", f["date"]}, {"act", f["act"]}},
                   where);
      return;
    }
    // `on_map` (a date) places the row's unit_code on that map instead of the year's.
    std::string on_map;
    for (auto it = row.begin(); it != row.end(); ++it)
      if (it->first == "on_map") {
        on_map = text_of(it->second);
        row.erase(it);
        break;
      }
    for (auto& [column, value] : row) {
      if (column != "unit_code") continue;
      store::Value year;
      for (const auto& [c, v] : row)
        if (c == "year") year = v;
      column = "unit_id";
      std::string saved = default_date;
      if (!on_map.empty()) {
        default_date = on_map;
        year = std::monostate{};
      }
      value = unit(where, text_of(value), year);
      default_date = saved;
    }
    insert_plain(table, row, where);
  }

  void insert_plain(const std::string& table, const std::vector<std::pair<std::string, store::Value>>& row,
                    const std::string& where) {
    std::string signature = table + ":";
    for (const auto& [c, v] : row)
      if (!std::holds_alternative<std::monostate>(v)) signature += c + ",";
    auto it = statements.find(signature);
    if (it == statements.end()) {
      std::string sql = "INSERT INTO " + table + "(", values;
      for (const auto& [c, v] : row) {
        if (std::holds_alternative<std::monostate>(v)) continue;
        sql += (values.empty() ? "" : ", ") + c;
        values += values.empty() ? "?" : ", ?";
      }
      sql += ") VALUES (" + values + ")";
      it = statements.emplace(signature, db.prepare(sql)).first;
    }
    int k = 0;
    for (const auto& [c, v] : row)
      if (!std::holds_alternative<std::monostate>(v)) it->second.bind(++k, v);
    try {
      it->second.run();
    } catch (const store::DbError& e) {
      throw store::DbError(e.code(), where + ": " + e.what());
    }
  }
};

void insert_rows(lua_State* L, Rows& rows, const std::string& table) {
  // [rows_of_table]
  auto columns = columns_of(rows.db, table);
  std::set<std::string> known(columns.begin(), columns.end());
  if (known.count("unit_id")) {
    known.insert("unit_code");   // a code, placed on the map of the row
    known.insert("on_map");      // ... or on the map of this date
  }
  if (table == "succession") known = {"successor_code", "predecessor_code", "kind", "date", "act"};
  if (table == "unit") known = {"code", "kind", "type", "name", "name_with_type", "parent_code", "valid_from", "valid_to"};
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= n; ++i) {
    std::string where = table + "[" + std::to_string(i) + "]";
    lua_rawgeti(L, -1, i);                   // [rows, row]
    if (!lua_istable(L, -1)) throw std::runtime_error(where + ": " + tr("không phải bảng", "not a table"));
    // Every key of the row must be a column: a misspelt key is an error, not silently dropped.
    std::vector<std::pair<std::string, store::Value>> row;
    lua_pushnil(L);
    while (lua_next(L, -2)) {                // [rows, row, key, value]
      std::string key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
      if (!known.count(key)) {
        lua_pop(L, 2);
        throw std::runtime_error(where + ": " + tr("không có cột '", "no column '") + key + "'");
      }
      row.emplace_back(key, value_of_top(L));
      lua_pop(L, 1);
    }
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    rows.insert(table, std::move(row), where);
    lua_pop(L, 1);                           // [rows]
  }
  rows.counts.rows[table] += n;
}

struct SampleTarget {
  store::Database* db;
  Rows* rows;             // shared by emit() and the returned rows: one statement cache
  std::string generator;
};

// emit(table, rows): inserts a list of rows of one of kTables now. Lets a large generator
// hand over its rows batch by batch instead of holding them all until it returns.
int emit_rows(lua_State* L) {
  auto* target = static_cast<SampleTarget*>(lua_touserdata(L, lua_upvalueindex(1)));
  std::string table = luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  if (std::find_if(std::begin(kTables), std::end(kTables), [&](const char* t) { return table == t; }) == std::end(kTables))
    throw std::runtime_error(target->generator + ": emit: " + tr("không có bảng '", "no table '") + table + "'");
  lua_settop(L, 2);                          // [table, rows]
  insert_rows(L, *target->rows, table);
  return 0;
}

// Writes the generator's result (argument 1). Runs inside the door, so a Lua error or a
// C++ exception (through the trampoline) ends it cleanly; the caller's transaction then
// rolls everything back.
int insert_result(lua_State* L) {
  auto* target = static_cast<SampleTarget*>(lua_touserdata(L, lua_upvalueindex(1)));
  store::Database& db = *target->db;
  if (!lua_istable(L, 1))
    throw std::runtime_error(target->generator + ": " + tr("script mẫu phải trả về một bảng", "a sample script must return a table"));
  lua_settop(L, 1);
  std::string date = year_end(2020);
  if (raw_field(L, 1, "date") == LUA_TSTRING) {
    auto iso = parse_iso_date(lua_tostring(L, -1));
    if (!iso) throw std::runtime_error(target->generator + ": " + tr("'date' không phải ngày", "'date' is not a date"));
    date = *iso;
  }
  lua_settop(L, 1);
  Rows& rows = *target->rows;
  rows.default_date = date;
  if (raw_field(L, 1, "rows") == LUA_TTABLE) {          // [result, rows]
    for (const char* table : kTables) {
      if (raw_field(L, 2, table) == LUA_TTABLE) insert_rows(L, rows, table);
      lua_settop(L, 2);
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

// lib.bad_parameter(message): the generator refuses one of its parameters (a --years outside
// what it can build): a command-line error (exit 2, one line), not a fault of the script.
int bad_parameter(lua_State* L) {
  Context& ctx = context(L);
  ctx.usage_error = luaL_checkstring(L, 1);
  return luaL_error(L, "%s", ctx.usage_error.c_str());
}

}  // namespace

SampleCounts load_sample(Host& host, store::Database& db, const std::filesystem::path& lib,
                         const std::filesystem::path& generator, const std::map<std::string, std::string>& params) {
  lua_State* L = host.state();
  SampleCounts counts;
  Rows rows{db, year_end(2020), counts, {}};
  SampleTarget target{&db, &rows, generator.string()};
  lua_pushlightuserdata(L, &target);
  lua_pushcclosure(L, safe<insert_result>, 1);   // [insert]
  host.load_file(generator);                 // [insert, gen]
  host.load_file(lib);                       // [insert, gen, lib]
  host.call(0, 1);                           // [insert, gen, libvalue]
  if (lua_istable(L, -1)) {
    lua_pushcfunction(L, safe<bad_parameter>);
    lua_setfield(L, -2, "bad_parameter");
  }
  lua_createtable(L, 0, static_cast<int>(params.size()));   // [insert, gen, libvalue, params]
  for (const auto& [key, value] : params) {
    lua_pushlstring(L, value.data(), value.size());
    lua_setfield(L, -2, key.c_str());
  }
  lua_pushlightuserdata(L, &target);
  lua_pushcclosure(L, safe<emit_rows>, 1);   // [insert, gen, libvalue, params, emit]
  try {
    host.call(3, 1);                         // [insert, result]
  } catch (const ScriptError& e) {
    Context& ctx = host.context();
    if (ctx.usage_error.empty() || e.kind == ErrorKind::Limit) throw;
    throw ScriptError(ErrorKind::Usage, ctx.usage_error, e.file, e.line);
  }
  host.call(1, 0);                           // []
  return counts;
}

}  // namespace ntm::lua
