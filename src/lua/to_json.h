// Converting a Lua value that a script returned into JSON, without calling any of the
// script's metamethods, with limits on depth and size and a clear error on cycles.
#pragma once

#include <nlohmann/json.hpp>

#include <lua.hpp>

namespace ntm::lua {

// Converts the value at `index`. Tables with keys 1..n only become arrays (an empty table
// becomes []); other tables become objects with their keys (strings, or numbers written as
// text) in sorted order. Integers stay integers. Functions, userdata other than unit
// handles (written as their code), NaN and infinities are errors. Throws std::runtime_error
// naming the path of the bad value ("results[3].met").
nlohmann::ordered_json to_json(lua_State* L, int index, int max_depth = 64, std::size_t max_items = 5'000'000);

class Host;
// Converts the value on top of the host's stack (and pops it) through the one door, so a
// failure becomes a ScriptError like any other.
nlohmann::ordered_json take_json(Host& host);

}  // namespace ntm::lua
