// ntm.report: the document a layout script builds and returns.
//   local doc = ntm.report.document{ issuer = {"UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"},
//                                    number = "…/BC-BCĐ", place = "Điện Biên", date = "2020-12-31",
//                                    kind = "BÁO CÁO", title = "…" }
//   doc:heading(2, "II. KẾT QUẢ THỰC HIỆN")
//   doc:paragraph("Có %d xã đạt chuẩn nông thôn mới, đạt %s.", n, ntm.fmt.percent(n, total))
//   doc:paragraph{ "Có ", {bold = "21 xã"}, " đạt chuẩn", {footnote = "Theo Quyết định …"}, "." }
//   doc:list{ numbered = false, items = { "…", {level = 1, "…"} } }   doc:bullet("…")
//   doc:table{…} doc:chart{…} (bind_document.cpp)   doc:page_break()   doc:sign_off{…}
//   return doc
// The C++ report::Document lives in a full userdata of type ntm.Document. The userdata is
// made in two phases (pointer cleared, metatable set, then the object attached) so that a
// memory error at any point leaves it consistent; the host's own __gc frees the object.
#include "lua/bind_report.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "lua/binding.h"
#include "lua/sandbox.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::lua {

namespace report_binding {

void fail(const std::string& message) { throw std::runtime_error(message); }

std::string describe(lua_State* L, int index) {
  switch (lua_type(L, index)) {
    case LUA_TNONE:
    case LUA_TNIL: return "nil";
    case LUA_TNUMBER: {
      if (lua_isinteger(L, index)) return tr("số ", "number ") + std::to_string(lua_tointeger(L, index));
      double v = lua_tonumber(L, index);
      if (std::isnan(v)) return tr("số NaN", "number NaN");
      NumberFormat f;
      f.decimals = 6;
      f.trim_zeros = true;
      return tr("số ", "number ") + format_number(v, f);
    }
    case LUA_TSTRING: {
      std::size_t len;
      const char* s = lua_tolstring(L, index, &len);
      std::string shown(s, std::min<std::size_t>(len, 60));
      return tr("chuỗi \"", "string \"") + shown + (len > 60 ? "…" : "") + "\"";
    }
    case LUA_TBOOLEAN: return lua_toboolean(L, index) ? "true" : "false";
    case LUA_TTABLE: return tr("bảng", "a table");
    default: return luaL_typename(L, index);
  }
}

void check_keys(lua_State* L, int index, const std::string& where, std::initializer_list<const char*> allowed,
                bool array_part) {
  index = lua_absindex(L, index);
  lua_pushnil(L);
  while (lua_next(L, index)) {                 // [..., key, value]
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) {
      std::string key = lua_tostring(L, -1);
      bool known = false;
      for (const char* a : allowed) known = known || key == a;
      if (!known) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(where + tr(": trường lạ '", ": unknown field '") + key + tr("' (dùng: ", "' (use: ") + list + ")");
      }
    } else if (!array_part || !lua_isinteger(L, -1)) {
      fail(where + tr(": khóa không hợp lệ ", ": invalid key ") + describe(L, -1));
    }
  }
}

}  // namespace report_binding

using namespace report_binding;

namespace {

char format_key;   // registry: string.format, captured when the module opens

struct DocumentBox {
  report::Document* doc;   // owned; nullptr until attached and after __gc
};

int document_gc(lua_State* L) {
  auto* box = static_cast<DocumentBox*>(check_userdata(L, 1, kDocumentType));
  delete box->doc;
  box->doc = nullptr;
  return 0;
}

int document_tostring(lua_State* L) {
  auto* box = static_cast<DocumentBox*>(check_userdata(L, 1, kDocumentType));
  std::string title = box->doc ? box->doc->header.title : std::string();
  lua_pushstring(L, ("ntm.Document: " + title).c_str());
  return 1;
}

// The string at `index`, or a failure naming `where` and `what` ("doc:heading", "nội dung").
std::string check_text(lua_State* L, int index, const std::string& where, const std::string& what) {
  if (lua_type(L, index) != LUA_TSTRING)
    fail(where + ": " + what + tr(" phải là chuỗi, nhận ", " must be a string, got ") + describe(L, index));
  std::size_t len;
  const char* s = lua_tolstring(L, index, &len);
  return std::string(s, len);
}

// Text with string.format semantics: the pattern at `first` and the arguments after it up
// to the top of the stack. Without arguments the text is taken as it is ("đạt 100%").
std::string formatted(lua_State* L, int first, const std::string& where) {
  std::string pattern = check_text(L, first, where, tr("nội dung", "the text"));
  int top = lua_gettop(L);
  if (top == first) return pattern;
  lua_pushlightuserdata(L, &format_key);
  lua_rawget(L, LUA_REGISTRYINDEX);            // [..., format]
  for (int i = first; i <= top; ++i) lua_pushvalue(L, i);
  if (lua_pcall(L, top - first + 1, 1, 0) != LUA_OK) {
    std::string message = lua_isstring(L, -1) ? lua_tostring(L, -1) : "?";
    lua_pop(L, 1);
    fail(where + ": " + message);
  }
  std::string out = lua_tostring(L, -1);
  lua_pop(L, 1);
  return out;
}

// One run of a runs table: "text", 2020, {bold = "21 xã"}, {italic = "…"},
// {text = "…", bold = true, italic = true, footnote = "…"}, {"…", bold = true}, {footnote = "…"}.
report::Run check_run(lua_State* L, int index, const std::string& where) {
  report::Run run;
  switch (lua_type(L, index)) {
    case LUA_TSTRING: run.text = lua_tostring(L, index); return run;
    case LUA_TNUMBER:
      if (!lua_isinteger(L, index))
        fail(where + tr(" là số thập phân ", " is a decimal number ") + describe(L, index) +
             tr(": hãy định dạng bằng ntm.fmt.number / ntm.fmt.percent", ": format it with ntm.fmt.number / ntm.fmt.percent"));
      run.text = std::to_string(lua_tointeger(L, index));
      return run;
    case LUA_TTABLE: break;
    default: fail(where + tr(" phải là chuỗi hoặc bảng, nhận ", " must be a string or a table, got ") + describe(L, index));
  }
  index = lua_absindex(L, index);
  check_keys(L, index, where, {"text", "bold", "italic", "footnote"}, true);
  int texts = 0;
  auto take = [&](const char* key, bool* flag) {
    lua_getfield(L, index, key);
    if (lua_type(L, -1) == LUA_TSTRING) {
      run.text = lua_tostring(L, -1);
      ++texts;
      if (flag) *flag = true;
    } else if (flag && lua_type(L, -1) == LUA_TBOOLEAN) {
      *flag = lua_toboolean(L, -1);
    } else if (!lua_isnil(L, -1)) {
      fail(where + ": " + key + tr(" phải là chuỗi", " must be a string") + (flag ? tr(" hoặc boolean", " or a boolean") : "") +
           tr(", nhận ", ", got ") + describe(L, -1));
    }
    lua_pop(L, 1);
  };
  take("text", nullptr);
  take("bold", &run.bold);
  take("italic", &run.italic);
  lua_rawgeti(L, index, 1);
  if (!lua_isnil(L, -1)) {
    run.text = check_text(L, -1, where, "[1]");
    ++texts;
  }
  lua_pop(L, 1);
  if (texts > 1) fail(where + tr(": chỉ ghi nội dung một lần (text, [1], bold = \"…\" hoặc italic = \"…\")",
                                 ": give the text once (text, [1], bold = \"…\" or italic = \"…\")"));
  lua_getfield(L, index, "footnote");
  if (!lua_isnil(L, -1)) run.footnote = check_text(L, -1, where, "footnote");
  lua_pop(L, 1);
  if (texts == 0 && run.footnote.empty())
    fail(where + tr(": bảng không có nội dung (text, bold, italic hoặc footnote)", ": the table has no text (text, bold, italic or footnote)"));
  return run;
}

// Runs from a runs table (its array part), or one run from a string with format arguments.
std::vector<report::Run> check_runs(lua_State* L, int index, const std::string& where) {
  std::vector<report::Run> runs;
  if (lua_type(L, index) != LUA_TTABLE) {
    report::Run r;
    r.text = formatted(L, index, where);
    runs.push_back(std::move(r));
    return runs;
  }
  index = lua_absindex(L, index);
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, index, i);
    runs.push_back(check_run(L, -1, where + tr(": phần thứ ", ": part ") + std::to_string(i)));
    lua_pop(L, 1);
  }
  if (runs.empty()) fail(where + tr(": bảng nội dung rỗng", ": empty runs table"));
  return runs;
}

report::Align check_align(lua_State* L, int index, const std::string& where) {
  std::string a = opt_string_field(L, index, "align", "justify");
  if (a == "justify") return report::Align::Justify;
  if (a == "left") return report::Align::Left;
  if (a == "center") return report::Align::Center;
  if (a == "right") return report::Align::Right;
  fail(where + tr(": align '", ": align '") + a + tr("' không hợp lệ (left, center, right, justify)", "' is not valid (left, center, right, justify)"));
}

// An optional list item level from field `level` of the table at `index`.
int check_level(lua_State* L, int index, const std::string& where) {
  if (lua_type(L, index) != LUA_TTABLE) return 0;
  lua_getfield(L, index, "level");
  int level = 0;
  if (!lua_isnil(L, -1)) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0 || lua_tointeger(L, -1) > 3)
      fail(where + tr(": level phải là số nguyên từ 0 đến 3, nhận ", ": level must be an integer 0 to 3, got ") + describe(L, -1));
    level = static_cast<int>(lua_tointeger(L, -1));
  }
  lua_pop(L, 1);
  return level;
}

// A string, or an array of strings, at field `key` of the table at `index`.
std::vector<std::string> string_list_field(lua_State* L, int index, const char* key, const std::string& where) {
  std::vector<std::string> out;
  lua_getfield(L, index, key);
  if (lua_type(L, -1) == LUA_TSTRING) {
    out.push_back(lua_tostring(L, -1));
  } else if (lua_type(L, -1) == LUA_TTABLE) {
    lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, -1, i);
      out.push_back(check_text(L, -1, where, std::string(key) + "[" + std::to_string(i) + "]"));
      lua_pop(L, 1);
    }
  } else if (!lua_isnil(L, -1)) {
    fail(where + ": " + key + tr(" phải là chuỗi hoặc danh sách chuỗi, nhận ", " must be a string or a list of strings, got ") +
         describe(L, -1));
  }
  lua_pop(L, 1);
  return out;
}

std::string string_field(lua_State* L, int index, const char* key, const std::string& where, const std::string& fallback = {}) {
  lua_getfield(L, index, key);
  std::string out = fallback;
  if (!lua_isnil(L, -1)) out = check_text(L, -1, where, key);
  lua_pop(L, 1);
  return out;
}

// ntm.report.document{issuer=, number=, place=, date=, kind=, title=} → Document.
int report_document(lua_State* L) {
  const std::string where = "ntm.report.document";
  if (!lua_isnoneornil(L, 1) && lua_type(L, 1) != LUA_TTABLE)
    fail(where + tr(": cần bảng {issuer=, number=, place=, date=, kind=, title=}, nhận ",
                    ": expects a table {issuer=, number=, place=, date=, kind=, title=}, got ") + describe(L, 1));
  auto doc = std::make_unique<report::Document>();
  if (lua_type(L, 1) == LUA_TTABLE) {
    check_keys(L, 1, where, {"issuer", "number", "place", "date", "kind", "title"});
    report::Header& h = doc->header;
    h.issuer = string_list_field(L, 1, "issuer", where);
    h.number = string_field(L, 1, "number", where);
    h.place = string_field(L, 1, "place", where);
    h.date = string_field(L, 1, "date", where);
    h.kind = string_field(L, 1, "kind", where, h.kind);
    h.title = string_field(L, 1, "title", where);
    std::size_t bytes = h.number.size() + h.place.size() + h.date.size() + h.kind.size() + h.title.size();
    for (const auto& line : h.issuer) bytes += sizeof(std::string) + line.size();
    charge_memory(L, bytes + sizeof(report::Document), where.c_str());
  }
  auto* box = static_cast<DocumentBox*>(lua_newuserdatauv(L, sizeof(DocumentBox), 0));
  box->doc = nullptr;                          // consistent before __gc can see it
  luaL_setmetatable(L, kDocumentType);
  box->doc = doc.release();
  return 1;
}

// doc:heading(level, text, ...): level 1..4; text with string.format arguments.
int document_heading(lua_State* L) {
  report::Document& doc = check_document(L, "doc:heading");
  if (!lua_isinteger(L, 2) || lua_tointeger(L, 2) < 1 || lua_tointeger(L, 2) > 4)
    fail(tr("doc:heading: cấp đề mục phải là số nguyên từ 1 đến 4, nhận ", "doc:heading: the level must be an integer 1 to 4, got ") +
         describe(L, 2));
  int level = static_cast<int>(lua_tointeger(L, 2));
  std::string text = formatted(L, 3, "doc:heading");
  charge_memory(L, text.size() + sizeof(report::Block), "doc:heading");
  doc.add_heading(level, std::move(text));
  return 0;
}

// doc:paragraph(text, ...) or doc:paragraph{runs..., align=}.
int document_paragraph(lua_State* L) {
  report::Document& doc = check_document(L, "doc:paragraph");
  report::Paragraph p;
  if (lua_type(L, 2) == LUA_TTABLE) {
    if (lua_gettop(L) > 2) fail(tr("doc:paragraph: dạng bảng không nhận thêm đối số", "doc:paragraph: the table form takes no further arguments"));
    check_keys(L, 2, "doc:paragraph", {"align"}, true);
    p.align = check_align(L, 2, "doc:paragraph");
  }
  p.runs = check_runs(L, 2, "doc:paragraph");
  report::Block block = std::move(p);
  charge_memory(L, report::approx_bytes(block), "doc:paragraph");
  doc.blocks.push_back(std::move(block));
  return 0;
}

// One list item: a string or a runs table with an optional `level`.
report::ListItem check_item(lua_State* L, int index, const std::string& where) {
  report::ListItem item;
  if (lua_type(L, index) == LUA_TTABLE) check_keys(L, index, where, {"level"}, true);
  else if (lua_type(L, index) != LUA_TSTRING)
    fail(where + tr(" phải là chuỗi hoặc bảng, nhận ", " must be a string or a table, got ") + describe(L, index));
  item.level = check_level(L, index, where);
  if (lua_type(L, index) == LUA_TSTRING) {
    report::Run r;
    r.text = lua_tostring(L, index);
    item.runs.push_back(std::move(r));
  } else {
    item.runs = check_runs(L, index, where);
  }
  return item;
}

// doc:list{numbered = false, items = {...}}
int document_list(lua_State* L) {
  report::Document& doc = check_document(L, "doc:list");
  if (lua_type(L, 2) != LUA_TTABLE)
    fail(tr("doc:list: cần bảng {numbered=, items={...}}, nhận ", "doc:list: expects a table {numbered=, items={...}}, got ") + describe(L, 2));
  check_keys(L, 2, "doc:list", {"numbered", "items"});
  report::List list;
  list.numbered = opt_boolean_field(L, 2, "numbered", false);
  if (lua_getfield(L, 2, "items") != LUA_TTABLE)
    fail(tr("doc:list: items phải là danh sách, nhận ", "doc:list: items must be a list, got ") + describe(L, -1));
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, -1, i);
    list.items.push_back(check_item(L, -1, tr("doc:list: mục thứ ", "doc:list: item ") + std::to_string(i)));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (list.items.empty()) fail(tr("doc:list: danh sách không có mục nào", "doc:list: the list has no items"));
  report::Block block = std::move(list);
  charge_memory(L, report::approx_bytes(block), "doc:list");
  doc.blocks.push_back(std::move(block));
  return 0;
}

// doc:bullet(text, ...) or doc:bullet{runs..., level=}: a "-" item, added to the list just
// before it when that list is not numbered.
int document_bullet(lua_State* L) {
  report::Document& doc = check_document(L, "doc:bullet");
  report::ListItem item;
  if (lua_type(L, 2) == LUA_TTABLE) {
    if (lua_gettop(L) > 2) fail(tr("doc:bullet: dạng bảng không nhận thêm đối số", "doc:bullet: the table form takes no further arguments"));
    item = check_item(L, 2, "doc:bullet");
  } else {
    item.runs = check_runs(L, 2, "doc:bullet");
  }
  std::size_t bytes = sizeof(report::ListItem);
  for (const auto& r : item.runs) bytes += sizeof(report::Run) + r.text.size() + r.footnote.size();
  charge_memory(L, bytes, "doc:bullet");
  report::List* last = doc.blocks.empty() ? nullptr : std::get_if<report::List>(&doc.blocks.back());
  if (!last || last->numbered) last = &doc.add_list(false);
  last->items.push_back(std::move(item));
  return 0;
}

int document_page_break(lua_State* L) {
  check_document(L, "doc:page_break").add_page_break();
  return 0;
}

// Pushes a Lua array of strings (the profile's lines).
void push_lines(lua_State* L, const char* key, const std::vector<std::string>& lines) {
  push_strings(L, lines);
  lua_setfield(L, -2, key);
}

// ntm.report.profile() → the province profile of `ntm report --profile FILE` as a table, or
// nil when the command has none: {issuer=, number=, place=, recipients=, signer = {role=, name=},
// decimals=, rounding=, money_unit=, text_file=}.
int report_profile(lua_State* L) {
  const auto& profile = context(L).profile;
  if (!profile) {
    lua_pushnil(L);
    return 1;
  }
  const report::Profile& p = *profile;
  lua_newtable(L);
  push_lines(L, "issuer", p.issuer);
  set_string_field(L, "number", p.number);
  set_string_field(L, "place", p.place);
  push_lines(L, "recipients", p.recipients);
  lua_newtable(L);
  push_lines(L, "role", p.signer_role);
  set_string_field(L, "name", p.signer_name);
  lua_setfield(L, -2, "signer");
  if (p.decimals) set_integer_field(L, "decimals", *p.decimals);
  if (p.rounding)
    set_string_field(L, "rounding", *p.rounding == Rounding::Truncate ? "truncate" : *p.rounding == Rounding::HalfEven ? "half-even" : "half-up");
  set_string_field(L, "money_unit", p.money_unit);
  if (!p.prose_file.empty()) set_string_field(L, "text_file", p.prose_file.filename().string());
  return 1;
}

// doc:prose(title [, {heading = level}]) → true when the office wrote that section: its
// blocks are added; otherwise a visible placeholder paragraph saying where to write it.
int document_prose(lua_State* L) {
  report::Document& doc = check_document(L, "doc:prose");
  std::string title = check_text(L, 2, "doc:prose", tr("tên mục", "the section title"));
  std::string key = report::prose_key(title);
  if (key.empty()) fail(tr("doc:prose: tên mục rỗng", "doc:prose: empty section title"));
  const auto& profile = context(L).profile;
  const report::Prose* prose = profile && profile->prose ? &*profile->prose : nullptr;
  if (prose) {
    auto it = prose->sections.find(key);
    if (it != prose->sections.end() && !it->second.blocks.empty()) {
      // Each call copies the section again: the copies count against the memory limit.
      std::size_t bytes = 0;
      for (const report::Block& b : it->second.blocks) bytes += report::approx_bytes(b);
      charge_memory(L, bytes, "doc:prose");
      for (const report::Block& b : it->second.blocks) doc.blocks.push_back(b);
      lua_pushboolean(L, 1);
      return 1;
    }
  }
  report::Paragraph p;
  std::string where = prose ? tr("tệp ", "file ") + std::filesystem::path(prose->file).filename().string()
                            : tr("tệp văn bản của văn phòng (--profile, mục [text])", "the office's text file (--profile, [text])");
  p.runs.push_back(report::Run{tr("[Chưa có nội dung: viết mục này dưới dòng \"# ", "[No text yet: write this section under a line \"# ") +
                                   title + tr("\" trong ", "\" in ") + where + "]",
                               false, true, {}});
  report::Block block = std::move(p);
  charge_memory(L, report::approx_bytes(block), "doc:prose");
  doc.blocks.push_back(std::move(block));
  lua_pushboolean(L, 0);
  return 1;
}

// doc:fields{ tinh = "Điện Biên", so_xa = 115, xa = { {ten = "…", so_tieu_chi = 12}, … } }:
// the values an office's Word template can use ({{tinh}}; {{xa.ten}} in a repeated row).
// Numbers are written the Vietnamese way; call it again to add more.
int document_fields(lua_State* L) {
  report::Document& doc = check_document(L, "doc:fields");
  const std::string where = "doc:fields";
  if (lua_type(L, 2) != LUA_TTABLE) fail(where + tr(": cần bảng {tên = giá trị}, nhận ", ": expects a table {name = value}, got ") + describe(L, 2));
  auto value_text = [&](int index, const std::string& name) -> std::string {
    switch (lua_type(L, index)) {
      case LUA_TSTRING: return lua_tostring(L, index);
      case LUA_TNUMBER: {
        if (lua_isinteger(L, index)) return format_integer(lua_tointeger(L, index));
        NumberFormat f;
        f.decimals = 2;
        f.trim_zeros = true;
        return format_number(lua_tonumber(L, index), f);
      }
      case LUA_TBOOLEAN: return lua_toboolean(L, index) ? tr("có", "yes") : tr("không", "no");
      default: fail(where + ": " + name + tr(" phải là chuỗi, số hoặc danh sách bảng, nhận ", " must be a string, a number or a list of tables, got ") + describe(L, index));
    }
  };
  lua_pushnil(L);
  while (lua_next(L, 2)) {                     // [..., key, value]
    if (lua_type(L, -2) != LUA_TSTRING) fail(where + tr(": khóa phải là chuỗi, nhận ", ": keys must be strings, got ") + describe(L, -2));
    std::string name = lua_tostring(L, -2);
    if (lua_type(L, -1) == LUA_TTABLE) {
      std::vector<std::map<std::string, std::string>> rows;
      lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
      for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L, -1, i);                 // [..., key, list, item]
        std::string item_where = name + "[" + std::to_string(i) + "]";
        if (lua_type(L, -1) != LUA_TTABLE) fail(where + ": " + item_where + tr(" phải là bảng, nhận ", " must be a table, got ") + describe(L, -1));
        std::map<std::string, std::string> row;
        lua_pushnil(L);
        while (lua_next(L, -2)) {
          if (lua_type(L, -2) != LUA_TSTRING) fail(where + ": " + item_where + tr(": khóa phải là chuỗi", ": keys must be strings"));
          std::string k = lua_tostring(L, -2);
          std::string v = value_text(lua_gettop(L), item_where + "." + k);
          charge_memory(L, k.size() + v.size() + 64, "doc:fields");   // host copies count against the limit
          row[k] = std::move(v);
          lua_pop(L, 1);
        }
        rows.push_back(std::move(row));
        lua_pop(L, 1);
      }
      doc.lists[name] = std::move(rows);
    } else {
      std::string v = value_text(lua_gettop(L), name);
      charge_memory(L, name.size() + v.size() + 64, "doc:fields");
      doc.fields[name] = std::move(v);
    }
    lua_pop(L, 1);
  }
  return 0;
}

// doc:sign_off{recipients = {...}, role = {...} or "…", name = "…"}: printed where it is
// called (before the annexes that follow), or at the end when called last.
int document_sign_off(lua_State* L) {
  report::Document& doc = check_document(L, "doc:sign_off");
  const std::string where = "doc:sign_off";
  if (lua_type(L, 2) != LUA_TTABLE)
    fail(where + tr(": cần bảng {recipients=, role=, name=}, nhận ", ": expects a table {recipients=, role=, name=}, got ") + describe(L, 2));
  check_keys(L, 2, where, {"recipients", "role", "name"});
  report::SignOff s;
  s.recipients = string_list_field(L, 2, "recipients", where);
  s.signer_role = string_list_field(L, 2, "role", where);
  s.signer_name = string_field(L, 2, "name", where);
  std::size_t bytes = s.signer_name.size();
  for (const auto& r : s.recipients) bytes += sizeof(std::string) + r.size();
  for (const auto& r : s.signer_role) bytes += sizeof(std::string) + r.size();
  charge_memory(L, bytes, "doc:sign_off");
  doc.sign_off = std::move(s);
  doc.sign_off_at = doc.blocks.size();
  return 0;
}

const luaL_Reg document_methods[] = {
    {"heading", safe<document_heading>},     {"paragraph", safe<document_paragraph>},
    {"list", safe<document_list>},           {"bullet", safe<document_bullet>},
    {"table", safe<document_table>},         {"chart", safe<document_chart>},
    {"page_break", safe<document_page_break>}, {"sign_off", safe<document_sign_off>},
    {"prose", safe<document_prose>},         {"fields", safe<document_fields>},
    {"map", safe<document_map>},             {nullptr, nullptr}};

const luaL_Reg report_functions[] = {{"document", safe<report_document>}, {"profile", safe<report_profile>}, {nullptr, nullptr}};

}  // namespace

report::Document& report_binding::check_document(lua_State* L, const char* method) {
  auto* box = static_cast<DocumentBox*>(test_userdata(L, 1, kDocumentType));
  if (!box || !box->doc) {
    std::string name = std::string(method).substr(4);
    fail(std::string(method) + tr(": gọi bằng dấu hai chấm trên một tài liệu (doc:", ": call it with a colon on a document (doc:") +
         name + "(...)), " + tr("đối số 1 là ", "argument 1 is ") + describe(L, 1));
  }
  return *box->doc;
}

report::Document returned_document(lua_State* L, int index, const std::string& script) {
  auto* box = static_cast<DocumentBox*>(test_userdata(L, index, kDocumentType));
  if (!box || !box->doc)
    fail(script + tr(": mẫu báo cáo phải trả về tài liệu (return doc), nhưng trả về ",
                     ": a layout must return its document (return doc), but it returned ") + describe(L, index));
  return *box->doc;
}

void open_report(lua_State* L) {
  // [ntm]
  define_type(L, kDocumentType, document_methods, nullptr, document_tostring);
  luaL_getmetatable(L, kDocumentType);         // [ntm, mt]
  lua_pushcfunction(L, document_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  lua_pushlightuserdata(L, &format_key);       // string.format, for text with arguments
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_getfield(L, -1, "format");
  lua_remove(L, -2);
  lua_rawset(L, LUA_REGISTRYINDEX);
  lua_newtable(L);                             // [ntm, report]
  set_functions(L, report_functions);
  make_readonly(L, "ntm.report");
  lua_setfield(L, -2, "report");
}

}  // namespace ntm::lua
