// Lua's own error messages in the user's language: "attempt to perform arithmetic on a nil
// value (global 'x')" becomes "phép tính số học trên một giá trị nil (biến toàn cục 'x')".
// Messages a script raises itself, and anything not recognised, are left as they are.
#pragma once

#include <string>

namespace ntm::lua {

// `message` as Lua gives it ("file:line: text" or "text"); the file:line prefix is kept.
std::string localized_lua_message(const std::string& message);

}  // namespace ntm::lua
