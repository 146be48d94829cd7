// Converting a Lua value that a script returned into JSON, without calling any of the
// script's metamethods, with limits on depth and size and a clear error on cycles.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <lua.hpp>

namespace ntm::lua {

// Converts the value at `index`. Tables with keys 1..n only become arrays (an empty table
// becomes []); other tables become objects with their keys (strings, or numbers written as
// text) in Vietnamese order. Integers stay integers. Functions, userdata other than unit
// handles (written as their code), NaN and infinities are errors. Throws std::runtime_error
// naming the path of the bad value ("results[3].met").
nlohmann::ordered_json to_json(lua_State* L, int index, int max_depth = 64, std::size_t max_items = 5'000'000);

// The same value written as text, appended to `out` exactly as nested dump(2) writes
// to_json()'s tree `depth` levels deep in a document (every line after the first indented by
// 2 × depth more spaces), without building the tree. A string that is not UTF-8 is an error
// naming its place (dump() would refuse it).
void to_json_text(lua_State* L, int index, std::string& out, int depth = 0, int max_depth = 64,
                  std::size_t max_items = 5'000'000);

// A tree written as text by the same writer: appended to `out` exactly as nlohmann's dump(2)
// writes `value` `depth` levels deep in a document (a value dump() would refuse, such as a
// string that is not UTF-8, is handed to dump() itself, which throws as it always did).
void json_text(const nlohmann::ordered_json& value, std::string& out, int depth);

// One member of the returned table written as text instead (to_json_text, `depth` levels
// deep) into `*text`; the tree holds null in its place. A national check writes the communes'
// results of a province this way: 8,000 of them need no tree between the script and the file.
struct TakeOptions {
  std::string_view text_member;
  std::string* text = nullptr;
  int depth = 0;
};

class Host;
// Converts the value on top of the host's stack (and pops it) through the one door, so a
// failure becomes a ScriptError like any other.
nlohmann::ordered_json take_json(Host& host, const TakeOptions* options = nullptr);

}  // namespace ntm::lua
