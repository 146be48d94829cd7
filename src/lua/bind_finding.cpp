// ntm.finding{unit = x, rule = "mat-chuan", level = "warning", message = "..."}: a check
// registers what it found; `ntm check` prints findings grouped by rule and district.
// `unit` is a commune, district or province handle, or a unit code; it may be omitted for
// findings about the province as a whole.
#include <cstring>

#include "lua/handles.h"
#include "lua/sandbox.h"
#include "model/i18n.h"

namespace ntm::lua {

namespace {

int ntm_finding(lua_State* L) {
  Context& ctx = context(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  Finding f;
  f.rule = opt_string_field(L, 1, "rule");
  f.level = opt_string_field(L, 1, "level", "warning");
  f.message = opt_string_field(L, 1, "message");
  if (f.rule.empty()) return luaL_error(L, "%s", tr("ntm.finding cần 'rule'", "ntm.finding needs 'rule'").c_str());
  if (f.message.empty()) return luaL_error(L, "%s", tr("ntm.finding cần 'message'", "ntm.finding needs 'message'").c_str());
  if (f.level != "error" && f.level != "warning" && f.level != "info")
    return luaL_error(L, "%s", (tr("level phải là error, warning hoặc info, nhận '", "level must be error, warning or info, got '") + f.level + "'").c_str());
  lua_getfield(L, 1, "unit");
  if (UnitRef* ref = test_any_unit(L, -1)) {
    const Unit& u = ref->province->units()[ref->index];
    f.unit_code = u.code;
    f.unit_name = u.name;
    if (u.kind == "commune" || u.kind == "village") {
      if (const Unit* d = ref->province->district_of(u)) f.district = d->name;
    } else if (u.kind == "district") {
      f.district = u.name;
    }
  } else if (lua_type(L, -1) == LUA_TSTRING) {
    f.unit_code = lua_tostring(L, -1);
    f.unit_name = opt_string_field(L, 1, "name");
    f.district = opt_string_field(L, 1, "district");
  } else if (!lua_isnil(L, -1)) {
    return luaL_error(L, "%s", tr("ntm.finding: 'unit' phải là xã/huyện/tỉnh hoặc mã đơn vị", "ntm.finding: 'unit' must be a unit or a unit code").c_str());
  }
  lua_pop(L, 1);
  // Where the script registered it.
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
    f.script = std::string(ar.short_src) + ":" + std::to_string(ar.currentline);
  if (ctx.findings.size() >= 100000)
    return luaL_error(L, "%s", tr("quá 100.000 phát hiện trong một lần chạy", "more than 100,000 findings in one run").c_str());
  charge_memory(L, sizeof(Finding) + f.unit_code.size() + f.unit_name.size() + f.district.size() + f.rule.size() +
                       f.level.size() + f.message.size() + f.script.size(),
                "ntm.finding");
  ctx.findings.push_back(std::move(f));
  return 0;
}

}  // namespace

void open_finding(lua_State* L) {
  lua_pushcfunction(L, safe<ntm_finding>);
  lua_setfield(L, -2, "finding");
}

}  // namespace ntm::lua
