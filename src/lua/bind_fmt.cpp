// ntm.fmt: Vietnamese number, percentage, money and date formatting for scripts.
//   ntm.fmt.number(1986281)                          --> "1.986.281"
//   ntm.fmt.number(11.7478, 2)                       --> "11,75"
//   ntm.fmt.number(47.826, {decimals=2, mode="truncate"}) --> "47,82"
//   ntm.fmt.percent(55, 115, {decimals=2, mode="truncate"}) --> "47,82%"
//   ntm.fmt.money(1986281, {unit="ty", decimals=2})  --> "1.986,28 tỷ đồng"
//   ntm.fmt.date("2020-12-31")                       --> "ngày 31 tháng 12 năm 2020"
//   ntm.fmt.round(10.125, 2, "half-even")            --> 10.12
//   table.sort(names, ntm.fmt.less)                  --> Vietnamese order (Điện Biên Đông before Mường Ảng)
#include <cmath>

#include "lua/binding.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::lua {

namespace {

// Reads formatting options from argument `index`: a number of decimals or a table
// {decimals=, mode=, trim=}.
NumberFormat check_format(lua_State* L, int index, int default_decimals) {
  NumberFormat fmt;
  fmt.decimals = default_decimals;
  if (lua_isnoneornil(L, index)) return fmt;
  if (lua_type(L, index) == LUA_TNUMBER) {
    fmt.decimals = static_cast<int>(luaL_checkinteger(L, index));
  } else {
    luaL_checktype(L, index, LUA_TTABLE);
    fmt.decimals = static_cast<int>(opt_integer_field(L, index, "decimals", default_decimals));
    std::string mode = opt_string_field(L, index, "mode", "half-up");
    if (!parse_rounding(mode, fmt.rounding))
      luaL_error(L, "%s", (tr("cách làm tròn '", "rounding mode '") + mode +
                           tr("' không hợp lệ (half-up, half-even, truncate)", "' is not valid (half-up, half-even, truncate)")).c_str());
    fmt.trim_zeros = opt_boolean_field(L, index, "trim", false);
  }
  if (fmt.decimals < 0 || fmt.decimals > 10) luaL_error(L, "%s", tr("số chữ số thập phân phải từ 0 đến 10", "decimals must be 0 to 10").c_str());
  return fmt;
}

int fmt_number(lua_State* L) {
  lua_Number value = luaL_checknumber(L, 1);
  NumberFormat fmt = check_format(L, 2, 0);
  if (lua_isinteger(L, 1) && fmt.decimals == 0) {
    lua_pushstring(L, format_integer(lua_tointeger(L, 1)).c_str());
    return 1;
  }
  lua_pushstring(L, format_number(value, fmt).c_str());
  return 1;
}

// percent(part, whole [, opts]) or percent(value_in_percent [, opts]). Appends "%" unless
// opts.sign == false.
int fmt_percent(lua_State* L) {
  lua_Number value;
  int opts = 2;
  if (lua_type(L, 2) == LUA_TNUMBER) {
    lua_Number whole = luaL_checknumber(L, 2);
    if (whole == 0) return luaL_error(L, "%s", tr("ntm.fmt.percent: tổng bằng 0", "ntm.fmt.percent: the whole is 0").c_str());
    value = luaL_checknumber(L, 1) * 100.0 / whole;
    opts = 3;
  } else {
    value = luaL_checknumber(L, 1);
  }
  NumberFormat fmt = check_format(L, opts, 2);
  bool sign = opt_boolean_field(L, opts, "sign", true);
  std::string text = format_number(value, fmt);
  if (sign) text += "%";
  lua_pushstring(L, text.c_str());
  return 1;
}

// money(amount_in_million_vnd [, {unit="trieu"|"ty", decimals=, mode=, suffix=true}])
int fmt_money(lua_State* L) {
  lua_Number amount = luaL_checknumber(L, 1);
  std::string unit = opt_string_field(L, 2, "unit", "trieu");
  bool suffix = opt_boolean_field(L, 2, "suffix", true);
  NumberFormat fmt = check_format(L, 2, unit == "ty" ? 2 : 0);
  std::string text;
  if (unit == "ty") {
    text = format_number(amount / 1000.0, fmt) + (suffix ? " tỷ đồng" : "");
  } else if (unit == "trieu") {
    text = format_number(amount, fmt) + (suffix ? " triệu đồng" : "");
  } else {
    return luaL_error(L, "%s", (tr("đơn vị tiền '", "money unit '") + unit + tr("' không hợp lệ (trieu, ty)", "' is not valid (trieu, ty)")).c_str());
  }
  lua_pushstring(L, text.c_str());
  return 1;
}

int fmt_date(lua_State* L) {
  std::string date = luaL_checkstring(L, 1);
  int y, m, d;
  if (!parse_date(date, y, m, d))
    return luaL_error(L, "%s", (tr("ngày không hợp lệ: '", "invalid date: '") + date + "'").c_str());
  lua_pushstring(L, format_date_long(date).c_str());
  return 1;
}

int fmt_round(lua_State* L) {
  lua_Number value = luaL_checknumber(L, 1);
  int decimals = static_cast<int>(luaL_optinteger(L, 2, 0));
  std::string mode = luaL_optstring(L, 3, "half-up");
  Rounding rounding;
  if (!parse_rounding(mode, rounding))
    return luaL_error(L, "%s", (tr("cách làm tròn '", "rounding mode '") + mode + "'").c_str());
  lua_pushnumber(L, round_to(value, decimals, rounding));
  return 1;
}

// The Vietnamese order of names (model/text.h collate), as a comparison for table.sort.
int fmt_less(lua_State* L) {
  std::size_t la = 0, lb = 0;
  const char* a = luaL_checklstring(L, 1, &la);
  const char* b = luaL_checklstring(L, 2, &lb);
  lua_pushboolean(L, collate(std::string_view(a, la), std::string_view(b, lb)) < 0);
  return 1;
}

const luaL_Reg fmt_functions[] = {{"number", safe<fmt_number>}, {"percent", safe<fmt_percent>},
                                  {"money", safe<fmt_money>},   {"date", safe<fmt_date>},
                                  {"round", safe<fmt_round>},   {"less", safe<fmt_less>},
                                  {nullptr, nullptr}};

}  // namespace

void open_fmt(lua_State* L) {
  lua_newtable(L);
  set_functions(L, fmt_functions);
}

}  // namespace ntm::lua
