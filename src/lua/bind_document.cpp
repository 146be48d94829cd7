// ntm.Document's table and chart methods (the rest of the binding is in bind_report.cpp).
//   doc:table{ title = "Biểu 01. …", unit = "Đơn vị: xã",
//              header = { {{"TT", rowspan = 2}, {"Huyện", rowspan = 2}, {"Số xã đạt", colspan = 2}},
//                         {"Số lượng", "Tỷ lệ (%)"} },
//              rows = { {1, "Mường Nhé", 3, {value = 27.27, kind = "percent"}}, ... },
//              totals = { {text = "Toàn tỉnh", colspan = 2}, 21, {value = 18.26, kind = "percent"} },
//              widths = {5, 24, 10, 10}, decimals = 2, mode = "half-up" }
//   doc:chart{ kind = "column", stacked = false, title = "…", categories = {...},
//              series = { {name = "Số xã", values = {...}} }, decimals = 0, value_axis = "Số xã" }
// Each call checks its table against the document rules at once, so a mistake is reported
// at the script line that made it.
#include <cmath>

#include "lua/binding.h"
#include "lua/bind_report.h"
#include "lua/sandbox.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::lua::report_binding {

namespace {

// Table-wide defaults for number cells given as plain Lua floats.
struct NumberDefaults {
  int decimals = 2;
  Rounding rounding = Rounding::HalfUp;
};

int check_decimals(lua_State* L, int index, const std::string& where, int fallback) {
  lua_getfield(L, index, "decimals");
  int out = fallback;
  if (!lua_isnil(L, -1)) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0 || lua_tointeger(L, -1) > 10)
      fail(where + tr(": decimals phải là số nguyên từ 0 đến 10, nhận ", ": decimals must be an integer 0 to 10, got ") + describe(L, -1));
    out = static_cast<int>(lua_tointeger(L, -1));
  }
  lua_pop(L, 1);
  return out;
}

Rounding check_mode(lua_State* L, int index, const std::string& where, Rounding fallback) {
  lua_getfield(L, index, "mode");
  Rounding out = fallback;
  if (!lua_isnil(L, -1)) {
    std::string mode = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : std::string();
    if (!parse_rounding(mode, out))
      fail(where + tr(": mode phải là half-up, half-even hoặc truncate, nhận ", ": mode must be half-up, half-even or truncate, got ") +
           describe(L, -1));
  }
  lua_pop(L, 1);
  return out;
}

int check_span(lua_State* L, int index, const char* key, const std::string& where) {
  lua_getfield(L, index, key);
  int out = 1;
  if (!lua_isnil(L, -1)) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > 1000)
      fail(where + ": " + key + tr(" phải là số nguyên dương, nhận ", " must be a positive integer, got ") + describe(L, -1));
    out = static_cast<int>(lua_tointeger(L, -1));
  }
  lua_pop(L, 1);
  return out;
}

report::Align cell_align(lua_State* L, int index, const std::string& where) {
  std::string a = opt_string_field(L, index, "align", "auto");
  if (a == "auto") return report::Align::Auto;
  if (a == "left") return report::Align::Left;
  if (a == "center") return report::Align::Center;
  if (a == "right") return report::Align::Right;
  fail(where + tr(": align '", ": align '") + a + tr("' không hợp lệ (auto, left, center, right)", "' is not valid (auto, left, center, right)"));
}

// A number cell of kind `kind` ("integer", "decimal", "percent", "money").
report::Cell number_cell(double value, const std::string& kind, int decimals, Rounding rounding, const std::string& where) {
  if (kind == "integer") return report::Cell::integer(value);
  if (kind == "decimal") return report::Cell::decimal(value, decimals, rounding);
  if (kind == "percent") return report::Cell::percent(value, decimals, rounding);
  if (kind == "money") {
    report::Cell c = report::Cell::money(value, decimals);
    c.rounding = rounding;
    return c;
  }
  fail(where + tr(": kind '", ": kind '") + kind +
       tr("' không hợp lệ (integer, decimal, percent, money)", "' is not valid (integer, decimal, percent, money)"));
}

// A body cell: "text", 12, 47.826, false (empty), or
// {value=, kind=, decimals=, mode=, text=, bold=, align=, colspan=}.
report::Cell check_cell(lua_State* L, int index, const std::string& where, const NumberDefaults& d) {
  index = lua_absindex(L, index);
  switch (lua_type(L, index)) {
    case LUA_TSTRING: return report::Cell::of_text(lua_tostring(L, index));
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) return report::Cell::integer(static_cast<double>(lua_tointeger(L, index)));
      return report::Cell::decimal(lua_tonumber(L, index), d.decimals, d.rounding);
    case LUA_TBOOLEAN:
      if (!lua_toboolean(L, index)) return report::Cell::empty();
      [[fallthrough]];
    default:
      if (lua_type(L, index) != LUA_TTABLE)
        fail(where + tr(" phải là chuỗi, số, false hoặc bảng, nhận ", " must be a string, a number, false or a table, got ") +
             describe(L, index));
  }
  check_keys(L, index, where, {"value", "kind", "decimals", "mode", "text", "bold", "align", "colspan"});
  report::Cell cell;
  lua_getfield(L, index, "text");
  lua_getfield(L, index, "value");             // [..., text, value]
  bool has_text = !lua_isnil(L, -2), has_value = !lua_isnil(L, -1);
  std::string kind = opt_string_field(L, index, "kind", "");
  if (has_text && has_value) fail(where + tr(": chỉ ghi text hoặc value, không ghi cả hai", ": give text or value, not both"));
  if (has_text) {
    if (lua_type(L, -2) != LUA_TSTRING) fail(where + tr(": text phải là chuỗi, nhận ", ": text must be a string, got ") + describe(L, -2));
    cell = report::Cell::of_text(lua_tostring(L, -2));
  } else if (has_value || !kind.empty()) {
    double value = std::nan("");
    if (has_value) {
      if (lua_type(L, -1) != LUA_TNUMBER) fail(where + tr(": value phải là số, nhận ", ": value must be a number, got ") + describe(L, -1));
      value = lua_tonumber(L, -1);
    }
    if (kind.empty()) kind = has_value && lua_isinteger(L, -1) ? "integer" : "decimal";
    int decimals = check_decimals(L, index, where, kind == "money" ? 0 : d.decimals);
    cell = number_cell(value, kind, decimals, check_mode(L, index, where, d.rounding), where);
  }
  lua_pop(L, 2);
  cell.bold = opt_boolean_field(L, index, "bold", false);
  cell.align = cell_align(L, index, where);
  cell.colspan = check_span(L, index, "colspan", where);
  return cell;
}

std::vector<report::Cell> check_row(lua_State* L, int index, const std::string& where, const NumberDefaults& d) {
  if (lua_type(L, index) != LUA_TTABLE)
    fail(where + tr(" phải là danh sách ô, nhận ", " must be a list of cells, got ") + describe(L, index));
  index = lua_absindex(L, index);
  std::vector<report::Cell> row;
  // Rows may hold nil holes (a missing figure): walk up to the largest integer key.
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  lua_pushnil(L);
  while (lua_next(L, index)) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1) {
      std::string key = describe(L, -1);
      lua_pop(L, 1);
      fail(where + tr(": khóa không hợp lệ ", ": invalid key ") + key);
    }
    n = std::max(n, lua_tointeger(L, -1));
  }
  if (n > report::kMaxColumns)
    fail(where + tr(": dòng có ô thứ ", ": the row has a cell at index ") + std::to_string(n) + tr(", quá giới hạn ", ", over the limit of ") +
         std::to_string(report::kMaxColumns) + tr(" cột (như Excel)", " columns (as Excel)"));
  charge_memory(L, static_cast<std::size_t>(n) * sizeof(report::Cell), "doc:table");
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, index, i);
    if (lua_isnil(L, -1)) row.push_back(report::Cell::empty());
    else row.push_back(check_cell(L, -1, where + tr(", ô ", ", cell ") + std::to_string(i), d));
    lua_pop(L, 1);
  }
  return row;
}

report::HeaderCell check_header_cell(lua_State* L, int index, const std::string& where) {
  report::HeaderCell h;
  if (lua_type(L, index) == LUA_TSTRING) {
    h.text = lua_tostring(L, index);
    return h;
  }
  if (lua_type(L, index) != LUA_TTABLE)
    fail(where + tr(" phải là chuỗi hoặc bảng {\"…\", rowspan=, colspan=}, nhận ", " must be a string or a table {\"…\", rowspan=, colspan=}, got ") +
         describe(L, index));
  index = lua_absindex(L, index);
  check_keys(L, index, where, {"text", "rowspan", "colspan"}, true);
  lua_getfield(L, index, "text");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_rawgeti(L, index, 1);
  }
  if (lua_type(L, -1) != LUA_TSTRING) fail(where + tr(": cần nội dung chuỗi, nhận ", ": needs a string text, got ") + describe(L, -1));
  h.text = lua_tostring(L, -1);
  lua_pop(L, 1);
  h.rowspan = check_span(L, index, "rowspan", where);
  h.colspan = check_span(L, index, "colspan", where);
  return h;
}

// header = { row, row } where a row is a list of header cells; a single row may be given
// directly: header = {"TT", "Huyện", "Số xã"}.
std::vector<std::vector<report::HeaderCell>> check_header(lua_State* L, int index, const std::string& where) {
  std::vector<std::vector<report::HeaderCell>> header;
  if (lua_isnil(L, index)) return header;
  if (lua_type(L, index) != LUA_TTABLE) fail(where + tr(": header phải là bảng, nhận ", ": header must be a table, got ") + describe(L, index));
  index = lua_absindex(L, index);
  // A list of rows when its first element is a table that is not itself a header cell
  // (a cell has rowspan, colspan or text).
  bool rows = false;
  if (lua_rawgeti(L, index, 1) == LUA_TTABLE) {
    lua_getfield(L, -1, "rowspan");
    lua_getfield(L, -2, "colspan");
    lua_getfield(L, -3, "text");
    rows = lua_isnil(L, -1) && lua_isnil(L, -2) && lua_isnil(L, -3);
    lua_pop(L, 3);
  }
  lua_pop(L, 1);
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  // A header row wider than any table may be is refused before its cells are copied.
  auto check_width = [&](lua_Integer cells, const std::string& what) {
    if (cells > report::kMaxColumns)
      fail(what + tr(" có ", " has ") + std::to_string(cells) + tr(" ô, quá giới hạn ", " cells, over the limit of ") +
           std::to_string(report::kMaxColumns) + tr(" cột (như Excel)", " columns (as Excel)"));
    charge_memory(L, static_cast<std::size_t>(cells) * sizeof(report::HeaderCell), "doc:table");
  };
  if (!rows) {
    check_width(n, where + tr(": tiêu đề", ": the header"));
    std::vector<report::HeaderCell> row;
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, index, i);
      row.push_back(check_header_cell(L, -1, where + tr(": tiêu đề, ô ", ": header, cell ") + std::to_string(i)));
      lua_pop(L, 1);
    }
    header.push_back(std::move(row));
    return header;
  }
  for (lua_Integer r = 1; r <= n; ++r) {
    lua_rawgeti(L, index, r);
    std::string row_where = where + tr(": dòng tiêu đề ", ": header row ") + std::to_string(r);
    if (lua_type(L, -1) != LUA_TTABLE) fail(row_where + tr(" phải là danh sách ô, nhận ", " must be a list of cells, got ") + describe(L, -1));
    std::vector<report::HeaderCell> row;
    lua_Integer m = static_cast<lua_Integer>(lua_rawlen(L, -1));
    check_width(m, row_where);
    for (lua_Integer i = 1; i <= m; ++i) {
      lua_rawgeti(L, -1, i);
      row.push_back(check_header_cell(L, -1, row_where + tr(", ô ", ", cell ") + std::to_string(i)));
      lua_pop(L, 1);
    }
    header.push_back(std::move(row));
    lua_pop(L, 1);
  }
  return header;
}

std::vector<double> check_numbers(lua_State* L, int index, const std::string& where) {
  std::vector<double> out;
  if (lua_type(L, index) != LUA_TTABLE) fail(where + tr(" phải là danh sách số, nhận ", " must be a list of numbers, got ") + describe(L, index));
  index = lua_absindex(L, index);
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, index, i);
    if (lua_type(L, -1) != LUA_TNUMBER)
      fail(where + "[" + std::to_string(i) + tr("] phải là số, nhận ", "] must be a number, got ") + describe(L, -1));
    out.push_back(lua_tonumber(L, -1));
    lua_pop(L, 1);
  }
  return out;
}

// Validates one block alone, so the message points at the call that made it.
void check_block(report::Block& block, const std::string& where) {
  report::Document probe;
  probe.blocks.push_back(std::move(block));
  std::string error;
  try {
    report::validate(probe);
  } catch (const report::DocumentError& e) {
    error = e.what();
  }
  block = std::move(probe.blocks.back());
  if (!error.empty()) fail(where + ": " + error);
}

}  // namespace

int document_table(lua_State* L) {
  report::Document& doc = check_document(L, "doc:table");
  std::string where = "doc:table";
  if (lua_type(L, 2) != LUA_TTABLE)
    fail(where + tr(": cần bảng {title=, header=, rows=, ...}, nhận ", ": expects a table {title=, header=, rows=, ...}, got ") + describe(L, 2));
  check_keys(L, 2, where, {"title", "unit", "header", "rows", "totals", "widths", "decimals", "mode", "annex", "note",
                            "landscape", "filter"});
  report::Table t;
  t.title = opt_string_field(L, 2, "title");
  t.unit = opt_string_field(L, 2, "unit");
  t.annex = opt_boolean_field(L, 2, "annex", false);
  t.note = opt_string_field(L, 2, "note");
  t.filter = opt_boolean_field(L, 2, "filter", false);
  lua_getfield(L, 2, "landscape");             // nil: decided by the width of the table
  if (lua_type(L, -1) == LUA_TBOOLEAN)
    t.orientation = lua_toboolean(L, -1) ? report::Table::Orientation::Landscape : report::Table::Orientation::Portrait;
  else if (!lua_isnil(L, -1))
    fail(where + tr(": landscape phải là true hoặc false, nhận ", ": landscape must be true or false, got ") + describe(L, -1));
  lua_pop(L, 1);
  if (!t.title.empty()) where += " '" + t.title + "'";
  NumberDefaults d;
  d.decimals = check_decimals(L, 2, where, 2);
  d.rounding = check_mode(L, 2, where, Rounding::HalfUp);
  lua_getfield(L, 2, "header");
  t.header = check_header(L, -1, where);
  lua_pop(L, 1);
  if (lua_getfield(L, 2, "rows") != LUA_TTABLE) fail(where + tr(": rows phải là danh sách dòng, nhận ", ": rows must be a list of rows, got ") + describe(L, -1));
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  if (static_cast<lua_Unsigned>(n) > report::kMaxRows)
    fail(where + tr(": bảng có ", ": the table has ") + std::to_string(n) + tr(" dòng, quá giới hạn ", " rows, over the limit of ") +
         std::to_string(report::kMaxRows) + tr(" dòng (như Excel)", " rows (as Excel)"));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, -1, i);
    t.rows.push_back(check_row(L, -1, where + tr(": dòng ", ": row ") + std::to_string(i), d));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (lua_getfield(L, 2, "totals") != LUA_TNIL) t.totals = check_row(L, -1, where + tr(": dòng tổng", ": totals row"), d);
  lua_pop(L, 1);
  if (lua_getfield(L, 2, "widths") != LUA_TNIL) t.widths = check_numbers(L, -1, where + ": widths");
  lua_pop(L, 1);
  report::Block block = std::move(t);
  check_block(block, "doc:table");
  charge_memory(L, report::approx_bytes(block), "doc:table");
  doc.blocks.push_back(std::move(block));
  return 0;
}

int document_chart(lua_State* L) {
  report::Document& doc = check_document(L, "doc:chart");
  std::string where = "doc:chart";
  if (lua_type(L, 2) != LUA_TTABLE)
    fail(where + tr(": cần bảng {kind=, title=, categories=, series=}, nhận ", ": expects a table {kind=, title=, categories=, series=}, got ") +
         describe(L, 2));
  check_keys(L, 2, where, {"kind", "stacked", "title", "categories", "series", "decimals", "value_axis", "labels"});
  report::Chart c;
  std::string kind = opt_string_field(L, 2, "kind", "column");
  if (kind == "column") c.kind = report::Chart::Kind::Column;
  else if (kind == "bar") c.kind = report::Chart::Kind::Bar;
  else if (kind == "line") c.line = true;
  else fail(where + tr(": kind '", ": kind '") + kind + tr("' không hợp lệ (column, bar, line)", "' is not valid (column, bar, line)"));
  std::string labels = opt_string_field(L, 2, "labels", "auto");
  if (labels == "auto") c.labels = report::Chart::Labels::Auto;
  else if (labels == "all") c.labels = report::Chart::Labels::All;
  else if (labels == "none") c.labels = report::Chart::Labels::None;
  else fail(where + tr(": labels '", ": labels '") + labels + tr("' không hợp lệ (auto, all, none)", "' is not valid (auto, all, none)"));
  c.stacked = opt_boolean_field(L, 2, "stacked", false);
  c.title = opt_string_field(L, 2, "title");
  c.value_axis = opt_string_field(L, 2, "value_axis");
  c.decimals = check_decimals(L, 2, where, 0);
  if (lua_getfield(L, 2, "categories") != LUA_TTABLE)
    fail(where + tr(": categories phải là danh sách chuỗi, nhận ", ": categories must be a list of strings, got ") + describe(L, -1));
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, -1, i);
    if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
      fail(where + ": categories[" + std::to_string(i) + tr("] phải là chuỗi, nhận ", "] must be a string, got ") + describe(L, -1));
    c.categories.push_back(lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (lua_getfield(L, 2, "series") != LUA_TTABLE)
    fail(where + tr(": series phải là danh sách {name=, values=}, nhận ", ": series must be a list of {name=, values=}, got ") + describe(L, -1));
  n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, -1, i);
    std::string s_where = where + ": series[" + std::to_string(i) + "]";
    if (lua_type(L, -1) != LUA_TTABLE) fail(s_where + tr(" phải là bảng {name=, values=}, nhận ", " must be a table {name=, values=}, got ") + describe(L, -1));
    check_keys(L, -1, s_where, {"name", "values", "color"});
    report::Series s;
    s.name = opt_string_field(L, -1, "name");
    s.color = opt_string_field(L, -1, "color");
    if (!s.color.empty() && (s.color.size() != 7 || s.color[0] != '#' ||
                             s.color.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos))
      fail(s_where + tr(": color phải có dạng \"#1a9850\", nhận ", ": color must look like \"#1a9850\", got ") + s.color);
    lua_getfield(L, -1, "values");
    s.values = check_numbers(L, -1, s_where + ".values");
    lua_pop(L, 2);
    c.series.push_back(std::move(s));
  }
  lua_pop(L, 1);
  report::Block block = std::move(c);
  check_block(block, where);
  charge_memory(L, report::approx_bytes(block), "doc:chart");
  doc.blocks.push_back(std::move(block));
  return 0;
}

}  // namespace ntm::lua::report_binding
