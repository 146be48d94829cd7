// ntm.report: the report document model exposed to layout scripts. bind_report.cpp holds
// the module, the ntm.Document userdata and its text methods; bind_document.cpp its
// table and chart methods. This header has no Lua headers, so the command line can read
// the document a layout returned without including them.
#pragma once

#include <initializer_list>
#include <string>

#include "report/document.h"

struct lua_State;

namespace ntm::lua {

// Metatable name of the document userdata (`ntm.report.document{...}` returns one).
inline constexpr const char* kDocumentType = "ntm.Document";

// A copy of the document held by the ntm.Document userdata at stack `index` (a layout's
// return value). Throws std::runtime_error with a Vietnamese message naming `script` when
// the value is not a document. Leaves the stack as it was.
report::Document returned_document(lua_State* L, int index, const std::string& script);

// Shared by the two binding files; not for other callers.
namespace report_binding {

// Throws std::runtime_error(message); the safe<> trampoline turns it into a Lua error
// with the script's file:line.
[[noreturn]] void fail(const std::string& message);

// How the value at `index` reads in an error message: `số 5`, `chuỗi "abc"`, `nil`, ...
std::string describe(lua_State* L, int index);

// Fails naming `where` when the table at `index` has a string key outside `allowed`, or
// (unless `array_part`) any non-string key.
void check_keys(lua_State* L, int index, const std::string& where, std::initializer_list<const char*> allowed,
                bool array_part = false);

// The document of the method's `self` (argument 1); fails naming `method` ("doc:table")
// when the method was called with a dot or on something else.
report::Document& check_document(lua_State* L, const char* method);

// doc:table{...} and doc:chart{...} (bind_document.cpp), doc:map{...} (bind_map.cpp), raw:
// wrap in safe<>.
int document_table(lua_State* L);
int document_chart(lua_State* L);
int document_map(lua_State* L);

}  // namespace report_binding

}  // namespace ntm::lua
