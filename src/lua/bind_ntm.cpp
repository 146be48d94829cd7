// The `ntm` module table: ntm.params, ntm.sql, ntm.log, ntm.use, ntm.version, and the
// sub-modules opened by the other binding files (ntm.province, ntm.fmt, ...).
#include <algorithm>
#include <cmath>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "lua/binding.h"
#include "lua/handles.h"
#include "lua/host.h"
#include "lua/sandbox.h"
#include "model/i18n.h"
#include "store/database.h"

namespace ntm::lua {

namespace {

char loaded_key;   // registry: name → value returned by a ntm.use'd library

std::string param_error(const std::string& name, const std::string& what) {
  return tr("tham số --", "parameter --") + name + ": " + what;
}

// Converts a command-line text to the declared type and pushes it; false on a bad value.
bool push_param(lua_State* L, const ParamSpec& spec, const std::string& text, std::string& error) {
  if (spec.type == "integer") {
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end) { error = param_error(spec.name, tr("cần số nguyên, nhận '", "expected an integer, got '") + text + "'"); return false; }
    lua_pushinteger(L, v);
  } else if (spec.type == "number") {
    std::string t = text;
    std::replace(t.begin(), t.end(), ',', '.');
    char* end = nullptr;
    double v = std::strtod(t.c_str(), &end);
    if (t.empty() || *end || !std::isfinite(v)) { error = param_error(spec.name, tr("cần số, nhận '", "expected a number, got '") + text + "'"); return false; }
    lua_pushnumber(L, v);
  } else if (spec.type == "boolean") {
    if (text == "true" || text == "1" || text == "yes" || text == "co" || text.empty()) lua_pushboolean(L, 1);
    else if (text == "false" || text == "0" || text == "no" || text == "khong") lua_pushboolean(L, 0);
    else { error = param_error(spec.name, tr("cần true hoặc false, nhận '", "expected true or false, got '") + text + "'"); return false; }
  } else {
    if (!spec.choices.empty() && std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
      std::string list;
      for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
      error = param_error(spec.name, tr("giá trị '", "value '") + text + tr("' không hợp lệ (chọn: ", "' is not allowed (choose: ") + list + ")");
      return false;
    }
    lua_pushlstring(L, text.data(), text.size());
  }
  return true;
}

// ntm.params{ name = {type=, default=, help=, required=, choices=}, ... } → values table.
int ntm_params(lua_State* L) {
  Context& ctx = context(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  std::vector<ParamSpec> specs;
  lua_pushnil(L);
  while (lua_next(L, 1)) {                   // [spec, key, value]
    if (lua_type(L, -2) != LUA_TSTRING) return luaL_error(L, "%s", tr("tên tham số phải là chuỗi", "parameter names must be strings").c_str());
    ParamSpec spec;
    spec.name = lua_tostring(L, -2);
    if (lua_type(L, -1) == LUA_TTABLE) {
      spec.type = opt_string_field(L, -1, "type", "string");
      spec.help = opt_string_field(L, -1, "help");
      spec.required = opt_boolean_field(L, -1, "required", false);
      lua_getfield(L, -1, "default");
      if (!lua_isnil(L, -1)) {
        spec.has_default = true;
        spec.default_value = luaL_tolstring(L, -1, nullptr);
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
      lua_getfield(L, -1, "choices");
      if (lua_type(L, -1) == LUA_TTABLE) {
        for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; ++i) {
          spec.choices.push_back(luaL_tolstring(L, -1, nullptr));
          lua_pop(L, 2);
        }
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    } else {
      // Shorthand: name = default value.
      spec.has_default = true;
      spec.default_value = luaL_tolstring(L, -1, nullptr);
      lua_pop(L, 1);
      spec.type = lua_isinteger(L, -1) ? "integer" : lua_type(L, -1) == LUA_TNUMBER ? "number"
                  : lua_type(L, -1) == LUA_TBOOLEAN ? "boolean" : "string";
    }
    static const char* types[] = {"string", "integer", "number", "boolean"};
    if (std::find(std::begin(types), std::end(types), spec.type) == std::end(types))
      return luaL_error(L, "%s", (tr("tham số '", "parameter '") + spec.name + tr("': kiểu '", "': unknown type '") + spec.type + "'").c_str());
    specs.push_back(std::move(spec));
    lua_pop(L, 1);
  }
  std::sort(specs.begin(), specs.end(), [](const ParamSpec& a, const ParamSpec& b) { return a.name < b.name; });
  ctx.params = specs;
  if (ctx.describe) {
    lua_pushlightuserdata(L, describe_key());
    return lua_error(L);
  }
  for (const auto& arg : ctx.args) {
    const std::string& name = arg.first;
    // --as-of and --set are the host's (they choose the map and the criteria set of the run);
    // a script that does not declare them still runs with them.
    bool known = name == "as-of" || name == "set" ||
                 std::any_of(specs.begin(), specs.end(), [&](const ParamSpec& s) { return s.name == name; });
    if (!known && !ctx.lenient_args) {
      std::string shown = name;   // as typed on the command line, where '-' and '_' are the same
      std::replace(shown.begin(), shown.end(), '_', '-');
      ctx.usage_error = tr("script không có tham số --", "the script has no parameter --") + shown;
      return luaL_error(L, "%s", ctx.usage_error.c_str());
    }
  }
  lua_createtable(L, 0, static_cast<int>(specs.size()));
  for (const auto& spec : specs) {
    auto given = ctx.args.find(spec.name);
    auto project = ctx.defaults.find(spec.name);
    std::string error;
    if (given != ctx.args.end()) {
      if (!push_param(L, spec, given->second, error)) { ctx.usage_error = error; return luaL_error(L, "%s", error.c_str()); }
      ctx.param_values[spec.name] = {given->second, ParamSource::CommandLine};
    } else if (project != ctx.defaults.end()) {
      if (!push_param(L, spec, project->second, error)) {
        ctx.usage_error = error + tr(" (giá trị trong ntm.toml)", " (the value in ntm.toml)");
        return luaL_error(L, "%s", ctx.usage_error.c_str());
      }
      ctx.param_values[spec.name] = {project->second, ParamSource::Project};
    } else if (spec.has_default) {
      if (!push_param(L, spec, spec.default_value, error)) return luaL_error(L, "%s", error.c_str());
      ctx.param_values[spec.name] = {spec.default_value, ParamSource::ScriptDefault};
    } else if (spec.required) {
      ctx.usage_error = param_error(spec.name, tr("bắt buộc nhưng chưa có", "is required"));
      return luaL_error(L, "%s", ctx.usage_error.c_str());
    } else {
      continue;
    }
    lua_setfield(L, -2, spec.name.c_str());
  }
  return 1;
}

// While a script's query runs, SQLite's heap may grow only by the memory the run has left,
// and that growth is counted in the run's account (Guard::sql) so that Lua allocations see
// it. Undone when the query ends, however it ends.
class QueryMemory {
 public:
  explicit QueryMemory(lua_State* L) : guard_(guard_of(L)), base_(store::Database::memory_used()) {
    store::Database::set_heap_limit(base_ + static_cast<std::int64_t>(memory_left(guard_)));
  }
  ~QueryMemory() {
    guard_.sql = 0;
    store::Database::set_heap_limit(0);
  }
  void update() {
    std::int64_t now = store::Database::memory_used();
    guard_.sql = now > base_ ? static_cast<std::size_t>(now - base_) : 0;
  }
 private:
  Guard& guard_;
  std::int64_t base_;
};

// A failed query: a limit when one stopped it (deadline, Ctrl-C, SQLite out of the memory
// the run has left), else a script error with SQLite's message.
[[noreturn]] void query_failed(lua_State* L, const store::DbError& e) {
  Guard& g = guard_of(L);
  if ((e.code() & 0xff) == 7 && g.stop == Guard::Stop::None)   // SQLITE_NOMEM under the heap cap
    raise_limit(L, tr("truy vấn SQL cần nhiều bộ nhớ hơn phần còn lại của giới hạn",
                      "the SQL query needs more memory than the limit leaves"),
                static_cast<int>(Guard::Stop::Memory));
  if (g.stop != Guard::Stop::None) raise_limit(L, {}, static_cast<int>(g.stop));
  throw e;
}

// ntm.sql(query, ...) → array of rows keyed by column name. Read-only.
int ntm_sql(lua_State* L) {
  Context& ctx = context(L);
  std::size_t len;
  const char* query = luaL_checklstring(L, 1, &len);
  charge(L, static_cast<long double>(len / 16 + 1));
  QueryMemory memory(L);
  std::optional<store::Statement> prepared;
  bool denied = false;
  try {
    prepared.emplace(ctx.catalog.db().prepare(std::string_view(query, len)));
  } catch (const store::DbError& e) {
    // SQLITE_AUTH (or, for functions, an "not authorized" error): the read-only authorizer refused it.
    if ((e.code() & 0xff) != 23 && std::string_view(e.what()).find("not authorized") == std::string_view::npos)
      query_failed(L, e);
    denied = true;
  }
  if (denied || !prepared->read_only())
    return luaL_error(L, "%s", tr("ntm.sql chỉ cho phép câu truy vấn đọc (SELECT) với các hàm SQL trong danh sách cho phép",
                                  "ntm.sql allows read-only queries (SELECT) using the allowed SQL functions only").c_str());
  store::Statement& stmt = *prepared;
  int n = lua_gettop(L);
  if (n - 1 > stmt.parameter_count())
    return luaL_error(L, "%s", (tr("ntm.sql: câu truy vấn có ", "ntm.sql: the query has ") + std::to_string(stmt.parameter_count()) +
                                tr(" tham số nhưng nhận ", " parameters but got ") + std::to_string(n - 1)).c_str());
  for (int i = 2; i <= n; ++i) {
    switch (lua_type(L, i)) {
      case LUA_TNIL: stmt.bind_null(i - 1); break;
      case LUA_TBOOLEAN: stmt.bind(i - 1, static_cast<std::int64_t>(lua_toboolean(L, i))); break;
      case LUA_TNUMBER:
        if (lua_isinteger(L, i)) stmt.bind(i - 1, static_cast<std::int64_t>(lua_tointeger(L, i)));
        else stmt.bind(i - 1, static_cast<double>(lua_tonumber(L, i)));
        break;
      case LUA_TSTRING: {
        std::size_t l;
        const char* s = lua_tolstring(L, i, &l);
        stmt.bind(i - 1, std::string_view(s, l));
        break;
      }
      default:
        return luaL_argerror(L, i, "nil, boolean, number or string expected");
    }
  }
  lua_newtable(L);
  int columns = stmt.column_count();
  std::vector<std::string> names;
  for (int c = 0; c < columns; ++c) names.push_back(stmt.column_name(c));
  lua_Integer row = 0;
  for (;;) {
    bool more;
    try {
      more = stmt.step();
    } catch (const store::DbError& e) {
      query_failed(L, e);
    }
    memory.update();
    if (!more) break;
    lua_createtable(L, 0, columns);
    for (int c = 0; c < columns; ++c) {
      store::Value v = stmt.get(c);
      if (auto* i = std::get_if<std::int64_t>(&v)) lua_pushinteger(L, *i);
      else if (auto* d = std::get_if<double>(&v)) lua_pushnumber(L, *d);
      else if (auto* s = std::get_if<std::string>(&v)) lua_pushlstring(L, s->data(), s->size());
      else continue;
      lua_setfield(L, -2, names[static_cast<std::size_t>(c)].c_str());
    }
    lua_rawseti(L, -2, ++row);
  }
  return 1;
}

// ntm.log(...): a line on the error stream, prefixed so it is told apart from output. The
// arguments are converted and charged to the output cap before anything is written, and
// written straight from the Lua strings (no copy in host memory).
int ntm_log(lua_State* L) {
  Context& ctx = context(L);
  int n = lua_gettop(L);
  std::size_t total = 7;
  for (int i = 1; i <= n; ++i) {
    std::size_t len;
    luaL_tolstring(L, i, &len);
    lua_replace(L, i);
    total += len + 1;
  }
  ctx.printed_bytes += total;
  if (ctx.printed_bytes > ctx.max_print_bytes)
    raise_limit(L, tr("script in ra quá ", "the script printed more than ") + std::to_string(ctx.max_print_bytes >> 20) + " MiB", static_cast<int>(Guard::Stop::Output));
  if (ctx.describe) return 0;
  ctx.err << "[ntm] ";
  for (int i = 1; i <= n; ++i) {
    std::size_t len;
    const char* s = lua_tolstring(L, i, &len);
    if (i > 1) ctx.err << ' ';
    ctx.err.write(s, static_cast<std::streamsize>(len));
  }
  ctx.err << '\n';
  return 0;
}

// The file of library `name`: lib/NAME.lua in the first script folder that has it. Only
// names made of letters, digits, '-' and '_' are libraries (no paths, no dots), and the
// file must be a regular file inside that lib folder (a symbolic link out of it is not).
std::filesystem::path find_library(const Context& ctx, const std::string& name) {
  namespace fs = std::filesystem;
  bool valid = !name.empty() && name.size() <= 100;
  for (char c : name) valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
  if (!valid) return {};
  for (const auto& dir : ctx.script_dirs) {
    std::error_code ec;
    fs::path lib = fs::canonical(dir / "lib", ec);
    if (ec) continue;
    fs::path file = fs::canonical(lib / (name + ".lua"), ec);
    if (ec || file.parent_path() != lib || !fs::is_regular_file(file, ec)) continue;
    return dir / "lib" / (name + ".lua");
  }
  return {};
}

// ntm.use("name"): runs lib/name.lua of a script folder once per run in the sandbox and
// returns its value.
int ntm_use(lua_State* L) {
  Context& ctx = context(L);
  std::string name = luaL_checkstring(L, 1);
  lua_pushlightuserdata(L, &loaded_key);
  if (lua_rawget(L, LUA_REGISTRYINDEX) == LUA_TNIL) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushlightuserdata(L, &loaded_key);
    lua_pushvalue(L, -2);
    lua_rawset(L, LUA_REGISTRYINDEX);
  }
  int loaded = lua_gettop(L);
  if (lua_getfield(L, loaded, name.c_str()) != LUA_TNIL) return 1;
  lua_pop(L, 1);
  std::filesystem::path found =
      ctx.files ? ctx.files->library(name, [&] { return find_library(ctx, name); }) : find_library(ctx, name);
  if (found.empty()) {
    std::string shown = name.size() > 100 ? name.substr(0, 100) + "…" : name;
    return luaL_error(L, "%s", (tr("không có thư viện '", "no library '") + shown +
                                tr("' (ntm.use nạp lib/TÊN.lua trong thư mục scripts; tên chỉ gồm chữ, số, '-' và '_')",
                                   "' (ntm.use loads lib/NAME.lua of a script folder; names are letters, digits, '-' and '_')")).c_str());
  }
  std::uintmax_t bytes = 0;
  auto text = read_script_file(ctx.files.get(), found, guard_of(L).limits.max_string_bytes, &bytes);
  if (bytes)
    raise_limit(L, found.string() + tr(": thư viện quá lớn", ": library too large"), static_cast<int>(Guard::Stop::Memory));
  if (!text) return luaL_error(L, "%s", (tr("không đọc được thư viện ", "cannot read library ") + found.string()).c_str());
  const std::string& source = *text;
  std::string chunkname = "@" + found.string();
  ctx.scripts_run[found.string()] = script_sha256(source, chunkname.c_str());
  if (!source.empty() && source[0] == '\x1b') return luaL_error(L, "binary chunk refused: %s", found.c_str());
  if (load_script_text(L, source, chunkname.c_str()) != LUA_OK) return lua_error(L);
  push_sandbox_env(L);
  lua_setupvalue(L, -2, 1);
  lua_pushstring(L, name.c_str());
  lua_call(L, 1, 1);
  if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushboolean(L, 1); }
  lua_pushvalue(L, -1);
  lua_setfield(L, loaded, name.c_str());
  return 1;
}

const luaL_Reg ntm_functions[] = {
    {"params", safe<ntm_params>}, {"sql", safe<ntm_sql>}, {"log", safe<ntm_log>}, {"use", safe<ntm_use>},
    {nullptr, nullptr}};

}  // namespace

void forget_libraries(lua_State* L) {
  lua_pushlightuserdata(L, &loaded_key);
  lua_pushnil(L);
  lua_rawset(L, LUA_REGISTRYINDEX);
}

void open_ntm(lua_State* L) {
  lua_newtable(L);                           // [ntm]
  set_functions(L, ntm_functions);
  lua_pushliteral(L, NTM_VERSION);
  lua_setfield(L, -2, "version");
  open_fmt(L);                               // [ntm, fmt]
  make_readonly(L, "ntm.fmt");
  lua_setfield(L, -2, "fmt");
  open_province(L);
  open_unit_history(L);
  open_records(L);
  open_district(L);
  open_commune(L);
  open_commune_list(L);
  open_criteria(L);
  open_finding(L);
  open_allocate(L);
  open_report(L);
}

}  // namespace ntm::lua
