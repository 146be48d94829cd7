// ntm.allocate{...}: the allocation engine (model/allocate.h) for scripts.
//
//   local plan = ntm.allocate{
//     total = 460300,                       -- million VND, an integer >= 0
//     among = p:communes{year = 2020},      -- CommuneList, array of communes or of {code=, name=, district=}
//     weight = function(x) return 19 - x:count_met(), {group = "Nhóm 2", coefficient = 1.5} end,
//     floor = 500, cap = 20000, fixed = 0,  -- each a number, a function(x) or a table code → value
//     step = 1, by_district = false,
//     set_asides = { {name = "Dự phòng", share = 0.1}, {name = "Thưởng", amount = 5000} },
//   }
//
// Returns a plain table (documented in scripts/meta/ntm.lua) and keeps the plan in a
// registry slot as the run's last plan, which `ntm allocate` prints or saves
// (lua::last_allocation, declared in lua/allocation.h).
#include <cmath>
#include <cstring>
#include <map>
#include <memory>

#include "lua/allocation.h"
#include "lua/handles.h"
#include "model/allocate.h"
#include "model/text.h"

namespace ntm::lua {

namespace {

constexpr const char* kPlanBoxType = "ntm.AllocationPlanBox";
char last_plan_key;   // registry: the box holding the last AllocatedPlan

// A full userdata owning one AllocatedPlan; its __gc frees it.
struct PlanBox {
  AllocatedPlan* plan;
};

int box_gc(lua_State* L) {
  auto* box = static_cast<PlanBox*>(check_userdata(L, 1, kPlanBoxType));
  delete box->plan;
  box->plan = nullptr;
  return 0;
}

[[noreturn]] void fail(const std::string& message) { throw AllocationError(message); }

// How a value looks in an error message: numbers the Vietnamese way, NaN as "NaN",
// strings quoted, other values by type.
std::string describe(lua_State* L, int index) {
  switch (lua_type(L, index)) {
    case LUA_TNUMBER: {
      if (lua_isinteger(L, index)) return format_integer(lua_tointeger(L, index));
      double v = lua_tonumber(L, index);
      if (std::isnan(v)) return "NaN";
      if (std::isinf(v)) return v > 0 ? "vô cực (inf)" : "âm vô cực (-inf)";
      NumberFormat f;
      f.decimals = 6;
      f.trim_zeros = true;
      return format_number(v, f);
    }
    case LUA_TSTRING: return std::string("chuỗi \"") + lua_tostring(L, index) + "\"";
    case LUA_TNIL: return "nil";
    case LUA_TBOOLEAN: return lua_toboolean(L, index) ? "true" : "false";
    default: return std::string("giá trị kiểu ") + luaL_typename(L, index);
  }
}

// One recipient as the script gave it.
struct Source {
  lua_Integer index = 0;   // position in `among`
  bool plain = false;      // a plain table (else a unit handle)
  std::string label;       // "Mường Phăng (03250)", for messages
};

// Reads spec[key] (or spec[alias]) into a fresh stack slot and returns its index; the slot
// holds nil when neither is given.
int option(lua_State* L, int spec, const char* key, const char* alias = nullptr) {
  if (lua_getfield(L, spec, key) == LUA_TNIL && alias) {
    lua_pop(L, 1);
    lua_getfield(L, spec, alias);
  }
  return lua_gettop(L);
}

// Pushes the value that option `opt` gives the recipient `elem` (nil when none):
//   a function → called with the recipient (nresults results are kept);
//   a table    → its entry for the recipient's code;
//   nil        → the plain-table recipient's own field `field` (nil for unit handles);
//   otherwise  → the option itself.
// Pushes exactly `nresults` values.
void resolve(lua_State* L, int opt, int elem, const Source& src, const std::string& code, const char* field,
             int nresults = 1) {
  switch (lua_type(L, opt)) {
    case LUA_TFUNCTION:
      lua_pushvalue(L, opt);
      lua_pushvalue(L, elem);
      lua_call(L, 1, nresults);   // errors propagate to the script as Lua errors
      return;
    case LUA_TTABLE:
      lua_getfield(L, opt, code.c_str());
      break;
    case LUA_TNIL:
      if (src.plain) lua_getfield(L, elem, field);
      else lua_pushnil(L);
      break;
    default:
      lua_pushvalue(L, opt);
  }
  for (int i = 1; i < nresults; ++i) lua_pushnil(L);
}

// An amount (floor, cap, fixed part): nil, or an integer number of million VND.
std::optional<std::int64_t> amount_at(lua_State* L, int index, const char* what, const Source& src) {
  if (lua_isnil(L, index)) return std::nullopt;
  if (lua_isinteger(L, index)) return lua_tointeger(L, index);
  if (lua_type(L, index) == LUA_TNUMBER) {
    double v = lua_tonumber(L, index);
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  }
  fail(std::string(what) + " của " + src.label + " phải là số nguyên triệu đồng, nhận " + describe(L, index));
}

std::optional<double> real_at(lua_State* L, int index, const char* what, const Source& src) {
  if (lua_isnil(L, index)) return std::nullopt;
  if (lua_type(L, index) != LUA_TNUMBER || !std::isfinite(lua_tonumber(L, index)))
    fail(std::string(what) + " của " + src.label + " phải là một số, nhận " + describe(L, index));
  return lua_tonumber(L, index);
}

// The weight at `index`. `from_function`: the value a weight function returned.
double weight_at(lua_State* L, int index, bool from_function, const Source& src) {
  bool number = lua_type(L, index) == LUA_TNUMBER;
  double v = number ? lua_tonumber(L, index) : 0;
  if (number && std::isfinite(v) && v >= 0) return v;
  std::string why = !number ? "không phải là số" : std::isnan(v) ? "giá trị không xác định" : v < 0 ? "số âm" : "số vô hạn";
  if (from_function)
    fail("Hàm trọng số trả về giá trị không hợp lệ cho " + src.label + ": " + describe(L, index) + " (" + why +
         "; trọng số phải là số không âm)");
  fail("Trọng số của " + src.label + " không hợp lệ: " + describe(L, index) + " (" + why +
       "; trọng số phải là số không âm)");
}

// spec[key] as an integer; `what` names it in messages ("Tổng số tiền phân bổ").
std::int64_t integer_field(lua_State* L, int spec, const char* key, const char* what, bool required,
                           std::int64_t fallback) {
  lua_getfield(L, spec, key);
  std::int64_t out = fallback;
  if (lua_isnil(L, -1)) {
    if (required) fail(std::string("ntm.allocate: thiếu ") + key + " (" + what + ", triệu đồng)");
  } else if (lua_isinteger(L, -1)) {
    out = lua_tointeger(L, -1);
  } else {
    double v = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : NAN;
    if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) >= 9.0e15)
      fail(std::string(what) + " phải là số nguyên (triệu đồng), nhận " + describe(L, -1));
    out = static_cast<std::int64_t>(v);
  }
  lua_pop(L, 1);
  return out;
}

// Reads one recipient at `elem` (the `i`-th of `among`): identity and source.
Recipient identify(lua_State* L, int elem, lua_Integer i, Source& src, std::string& name) {
  Recipient r;
  src.index = i;
  if (UnitRef* ref = test_any_unit(L, elem)) {
    const Unit& u = ref->province->units()[ref->index];
    r.code = u.code;
    name = u.name;
    if (u.kind == "commune" || u.kind == "village") {
      const Unit* d = ref->province->find(u.parent);
      if (d && d->kind == "district") r.district = d->name;
    }
  } else if (lua_type(L, elem) == LUA_TTABLE) {
    src.plain = true;
    lua_getfield(L, elem, "code");
    if (lua_type(L, -1) == LUA_TSTRING || lua_isinteger(L, -1)) r.code = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (r.code.empty())
      fail("Phần tử thứ " + std::to_string(i) + " của danh sách nhận phân bổ thiếu mã đơn vị (code)");
    name = opt_string_field(L, elem, "name", r.code);
    r.district = opt_string_field(L, elem, "district");
  } else {
    fail("Phần tử thứ " + std::to_string(i) + " của danh sách nhận phân bổ không phải là xã hay bảng {code = ...}: " +
         describe(L, elem));
  }
  src.label = name == r.code ? "đơn vị " + r.code : name + " (" + r.code + ")";
  return r;
}

// Engine messages name recipients by code ("đơn vị 03250"); add their names.
std::string with_names(std::string message, const std::vector<Recipient>& rs, const std::vector<std::string>& names) {
  std::map<std::string, int> seen;
  for (const Recipient& r : rs) ++seen[r.code];
  for (std::size_t i = 0; i < rs.size(); ++i) {
    if (names[i] == rs[i].code || seen[rs[i].code] > 1) continue;   // a duplicated code has no one name
    std::string needle = "đơn vị " + rs[i].code;
    auto at = message.find(needle);
    if (at == std::string::npos) continue;
    std::size_t end = at + needle.size();
    if (end < message.size() && std::isalnum(static_cast<unsigned char>(message[end]))) continue;
    message.insert(end, " (" + names[i] + ")");
  }
  return message;
}

// Weights and ratios: integers when they are integral (so 3, not 3.0, prints).
void push_real(lua_State* L, double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15) lua_pushinteger(L, static_cast<lua_Integer>(v));
  else lua_pushnumber(L, v);
}

void set_real(lua_State* L, const char* key, double v) {
  push_real(L, v);
  lua_setfield(L, -2, key);
}

void push_details(lua_State* L, const std::vector<ExplanationItem>& details) {
  lua_createtable(L, 0, static_cast<int>(details.size()));
  for (const ExplanationItem& item : details) {
    if (auto* i = std::get_if<std::int64_t>(&item.value)) lua_pushinteger(L, *i);
    else if (auto* d = std::get_if<double>(&item.value)) push_real(L, *d);
    else if (auto* s = std::get_if<std::string>(&item.value)) lua_pushlstring(L, s->data(), s->size());
    else lua_pushboolean(L, std::get<bool>(item.value));
    lua_setfield(L, -2, item.key.c_str());
  }
}

// Pushes the result table. `among` is the recipients' table; `position` maps a code to its
// index there (for line.unit).
void push_result(lua_State* L, const AllocatedPlan& plan, int among, const std::map<std::string, lua_Integer>& position) {
  const AllocationResult& r = plan.result;
  lua_createtable(L, 0, 12);                             // [plan]
  set_integer_field(L, "total", r.total);
  set_integer_field(L, "step", r.step);
  set_integer_field(L, "pool", r.pool);
  set_integer_field(L, "set_aside_total", r.set_aside_total);
  set_integer_field(L, "fixed_total", r.fixed_total);
  set_integer_field(L, "counterpart_total", r.counterpart_total);
  lua_createtable(L, static_cast<int>(r.set_asides.size()), 0);
  for (std::size_t i = 0; i < r.set_asides.size(); ++i) {
    const SetAsideLine& s = r.set_asides[i];
    lua_createtable(L, 0, 3);
    set_string_field(L, "name", s.name);
    if (s.share) set_real(L, "share", *s.share);
    set_integer_field(L, "amount", s.amount);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "set_asides");
  lua_createtable(L, static_cast<int>(r.lines.size()), 0);   // [plan, lines]
  for (std::size_t i = 0; i < r.lines.size(); ++i) {
    const AllocationLine& l = r.lines[i];
    lua_createtable(L, 0, 20);                               // [plan, lines, line]
    set_string_field(L, "code", l.code);
    set_string_field(L, "name", plan.names.at(l.code));
    set_string_field(L, "district", l.district);
    if (!l.group.empty()) set_string_field(L, "group", l.group);
    if (l.coefficient) set_real(L, "coefficient", *l.coefficient);
    set_real(L, "weight", l.weight);
    set_number_field(L, "share", l.share);
    set_number_field(L, "proportional", l.proportional);
    set_integer_field(L, "fixed", l.fixed);
    set_integer_field(L, "weighted", l.weighted);
    set_integer_field(L, "amount", l.amount);
    set_boolean_field(L, "floor_applied", l.floor_applied);
    set_boolean_field(L, "cap_applied", l.cap_applied);
    set_integer_field(L, "rounding_adjustment", l.rounding_adjustment);
    if (l.counterpart_ratio) set_real(L, "counterpart_ratio", *l.counterpart_ratio);
    if (l.counterpart) set_integer_field(L, "counterpart", *l.counterpart);
    set_string_field(L, "explanation", l.explanation);
    push_details(L, l.details);
    lua_setfield(L, -2, "details");
    lua_rawgeti(L, among, position.at(l.code));
    lua_setfield(L, -2, "unit");
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "lines");
  lua_createtable(L, 0, static_cast<int>(r.districts.size()));   // [plan, by_district]
  lua_createtable(L, static_cast<int>(r.districts.size()), 0);   // [plan, by_district, districts]
  for (std::size_t i = 0; i < r.districts.size(); ++i) {
    const DistrictTotal& d = r.districts[i];
    lua_createtable(L, 0, 8);
    set_string_field(L, "district", d.district);
    set_real(L, "weight", d.weight);
    set_number_field(L, "share", d.share);
    set_integer_field(L, "fixed", d.fixed);
    set_integer_field(L, "weighted", d.weighted);
    set_integer_field(L, "amount", d.amount);
    set_integer_field(L, "counterpart", d.counterpart);
    set_integer_field(L, "recipients", d.recipients);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, static_cast<lua_Integer>(i + 1));     // districts[i] = t
    lua_setfield(L, -3, d.district.c_str());                 // by_district[name] = t
  }
  lua_setfield(L, -3, "districts");
  lua_setfield(L, -2, "by_district");
}

// Keeps `plan` as the run's last plan.
void keep(lua_State* L, std::unique_ptr<AllocatedPlan> plan) {
  const AllocatedPlan* previous = last_allocation(L);
  plan->call = previous ? previous->call + 1 : 1;
  auto* box = static_cast<PlanBox*>(lua_newuserdatauv(L, sizeof(PlanBox), 0));
  box->plan = nullptr;                     // consistent before the metatable can run __gc
  luaL_setmetatable(L, kPlanBoxType);
  box->plan = plan.release();
  lua_pushlightuserdata(L, &last_plan_key);
  lua_insert(L, -2);
  lua_rawset(L, LUA_REGISTRYINDEX);
}

int ntm_allocate(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  auto plan = std::make_unique<AllocatedPlan>();
  AllocationRequest& q = plan->request;
  q.total = integer_field(L, 1, "total", "Tổng số tiền phân bổ", true, 0);
  if (q.total < 0) fail("Tổng số tiền phân bổ không được âm: " + format_integer(q.total));
  q.step = integer_field(L, 1, "step", "Bước làm tròn", false, 1);
  q.by_district = opt_boolean_field(L, 1, "by_district", false);

  lua_getfield(L, 1, "set_asides");                     // [spec, set_asides]
  if (lua_type(L, -1) == LUA_TTABLE) {
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) == LUA_TTABLE; ++i) {
      SetAside s;
      s.name = opt_string_field(L, -1, "name", "Khoản trích trước " + std::to_string(i));
      Source src;
      src.label = "khoản trích trước '" + s.name + "'";
      lua_getfield(L, -1, "amount");
      s.amount = amount_at(L, -1, "Số tiền", src);
      lua_getfield(L, -2, "share");
      s.share = real_at(L, -1, "Tỷ lệ", src);
      lua_pop(L, 3);
      q.set_asides.push_back(std::move(s));
    }
    if (!lua_isnil(L, -1))
      fail("ntm.allocate: mỗi khoản trong set_asides phải là bảng {name =, amount = | share =}, nhận " + describe(L, -1));
    lua_pop(L, 1);
  } else if (!lua_isnil(L, -1)) {
    fail("ntm.allocate: set_asides phải là mảng {name =, amount = | share =}, nhận " + describe(L, -1));
  }
  lua_pop(L, 1);

  const int among = option(L, 1, "among", "recipients");
  if (lua_type(L, among) != LUA_TTABLE)
    fail("ntm.allocate: among phải là danh sách xã (CommuneList) hoặc mảng {code =, name =, district =}, nhận " +
         describe(L, among));
  const int weight = option(L, 1, "weight");
  const int floor = option(L, 1, "floor", "min");
  const int cap = option(L, 1, "cap", "max");
  const int fixed = option(L, 1, "fixed");
  const int group = option(L, 1, "group");
  const int coefficient = option(L, 1, "coefficient");
  const int ratio = option(L, 1, "counterpart_ratio");
  const int elem = lua_gettop(L) + 1;                   // slot of the current recipient

  std::vector<std::string> names;
  std::map<std::string, lua_Integer> position;
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, among));
  for (lua_Integer i = 1; i <= n; ++i) {
    luaL_checkstack(L, 8, nullptr);
    lua_rawgeti(L, among, i);                           // [..., elem]
    Source src;
    std::string name;
    Recipient r = identify(L, elem, i, src, name);

    // Weight: the option, else the plain table's own weight, else 1.
    resolve(L, weight, elem, src, r.code, "weight", 2);  // [..., elem, w, extra]
    if (lua_isnil(L, -2) && lua_type(L, weight) == LUA_TTABLE)
      fail("Bảng trọng số (weight) không có mục cho " + src.label);
    if (lua_isnil(L, -2) && lua_type(L, weight) != LUA_TFUNCTION) r.weight = 1;
    else r.weight = weight_at(L, -2, lua_type(L, weight) == LUA_TFUNCTION, src);
    if (lua_type(L, -1) == LUA_TTABLE) {                // weight, {group =, coefficient =}
      r.group = opt_string_field(L, -1, "group");
      lua_getfield(L, -1, "coefficient");
      r.coefficient = real_at(L, -1, "Hệ số", src);
      lua_pop(L, 1);
    }
    lua_pop(L, 2);

    resolve(L, floor, elem, src, r.code, "floor");
    r.floor = amount_at(L, -1, "Mức tối thiểu", src);
    resolve(L, cap, elem, src, r.code, "cap");
    r.cap = amount_at(L, -1, "Mức tối đa", src);
    resolve(L, fixed, elem, src, r.code, "fixed");
    r.fixed = amount_at(L, -1, "Phần cố định", src);
    lua_pop(L, 3);
    if (r.group.empty()) {
      resolve(L, group, elem, src, r.code, "group");
      if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER) r.group = lua_tostring(L, -1);
      else if (!lua_isnil(L, -1)) fail("Nhóm của " + src.label + " phải là chuỗi, nhận " + describe(L, -1));
      lua_pop(L, 1);
    }
    if (!r.coefficient) {
      resolve(L, coefficient, elem, src, r.code, "coefficient");
      r.coefficient = real_at(L, -1, "Hệ số", src);
      lua_pop(L, 1);
    }
    resolve(L, ratio, elem, src, r.code, "counterpart_ratio");
    r.counterpart_ratio = real_at(L, -1, "Tỷ lệ vốn đối ứng", src);
    lua_pop(L, 2);                                      // the value and elem

    position.emplace(r.code, i);
    plan->names.emplace(r.code, name);
    names.push_back(name);
    q.recipients.push_back(std::move(r));
  }

  try {
    plan->result = allocate(q);
  } catch (const AllocationError& e) {
    fail(with_names(e.what(), q.recipients, names));
  }
  push_result(L, *plan, among, position);               // [..., result]
  keep(L, std::move(plan));
  return 1;
}

}  // namespace

const AllocatedPlan* last_allocation(lua_State* L) {
  lua_pushlightuserdata(L, &last_plan_key);
  lua_rawget(L, LUA_REGISTRYINDEX);
  auto* box = static_cast<PlanBox*>(test_userdata(L, -1, kPlanBoxType));
  const AllocatedPlan* plan = box ? box->plan : nullptr;
  lua_pop(L, 1);
  return plan;
}

void open_allocate(lua_State* L) {
  // [ntm]
  luaL_newmetatable(L, kPlanBoxType);
  lua_pushcfunction(L, box_gc);
  lua_setfield(L, -2, "__gc");
  set_boolean_field(L, "__metatable", 0);
  lua_pop(L, 1);
  lua_pushcfunction(L, safe<ntm_allocate>);
  lua_setfield(L, -2, "allocate");
}

}  // namespace ntm::lua
