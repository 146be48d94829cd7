// ntm.report: placeholder until the binding lands (its issue is in progress).
#include "lua/binding.h"

namespace ntm::lua {

void open_report(lua_State*) {}

}  // namespace ntm::lua
