// The plan an ntm.allocate call made, kept for the host after the script ends.
#pragma once

#include <map>
#include <string>

#include "model/allocate.h"

struct lua_State;

namespace ntm {

// What one ntm.allocate call produced: the request exactly as the engine received it, the
// result, and the recipients' names. Made by src/lua/bind_allocate.cpp.
struct AllocatedPlan {
  AllocationRequest request;
  AllocationResult result;
  std::map<std::string, std::string> names;   // code → name
  int call = 0;                               // 1 for the first ntm.allocate call of the run, ...
};

namespace lua {
// The plan made by the last ntm.allocate call of the run on `L`, or nullptr when the script
// made none. The pointer stays valid until the next ntm.allocate call or until the state is
// closed: copy it in run_script's `after`. The registry slot is owned by bind_allocate.cpp.
const AllocatedPlan* last_allocation(lua_State* L);
}  // namespace lua

}  // namespace ntm
