// Building the sandbox of a fresh lua_State: which libraries a script sees, the guarded
// replacements of dangerous base functions, read-only shared tables, the fresh globals.
#pragma once

#include <lua.hpp>

#include <string_view>

#include "lua/context.h"

namespace ntm::lua {

// Registry keys (addresses of private statics).
void* context_key();    // light userdata → Context*
void* describe_key();   // error object raised by ntm.params in describe mode
void* env_key();        // the sandbox global table
void* readonly_key();   // weak set of read-only proxies

// Builds the sandbox in protected mode; returns a Lua status, the message on the stack on failure.
int lua_cpcall_sandbox(lua_State* L, Context& context);
// Pushes the sandbox global table.
void push_sandbox_env(lua_State* L);
// Raises the limit error of the host for a native function that would go past a cap.
// `kind` is the Guard::Stop it records (Memory, Output or Native).
[[noreturn]] void raise_limit(lua_State* L, const std::string& detail, int kind);

// Charges `work` units (element moves, comparisons, bytes parsed) of a native call to the
// instruction budget and checks the clock, before the call does that work; raises the limit
// error when either is exhausted.
void charge(lua_State* L, long double work);

// The one way source text becomes a function: lua_load of `text` as text only (never
// bytecode), parsed piece by piece with each piece charged first. Returns the Lua status; on
// failure the message is on the stack (and a limit, when one stopped it, is recorded so the
// next instruction raises it).
int load_text(lua_State* L, std::string_view text, const char* chunkname);

// Replaces the native functions that can burn time or memory without running Lua
// instructions by capped or metered versions (native_caps.cpp): string.rep, the pattern
// functions, table.insert/remove/move/unpack/concat/sort. Called while building the sandbox,
// before the libraries are made read-only.
void cap_native_functions(lua_State* L);

}  // namespace ntm::lua
