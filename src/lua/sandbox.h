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
// Gives the state a fresh global table for its next script, as a new state has: the
// sandbox's names only (nothing an earlier script set or replaced), no library loaded with
// ntm.use, the random numbers restarted. In protected mode; returns a Lua status.
int lua_cpcall_renew_env(lua_State* L);
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
// bytecode: `mode` is "t", or "b" to get Lua's own refusal of a text chunk), parsed piece by
// piece with each piece charged first. Returns the Lua status; on failure the message is on
// the stack (and a limit, when one stopped it, is recorded so the next instruction raises it).
int load_text(lua_State* L, std::string_view text, const char* chunkname, const char* mode = "t");

// load_text for the text of a script file or library (chunk_cache.cpp): the first load of a
// text compiles it and keeps its bytecode for the rest of the process; a later load of the
// same chunk name with the same text loads that bytecode instead of parsing again (a
// national check loads each rule and library once per province). Charged as load_text
// charges, so limits stop the same chunk the same way with or without the cache. Bytecode
// never comes from outside: only what this process compiled from text.
int load_script_text(lua_State* L, std::string_view text, const char* chunkname);
// The SHA-256 of a script's text (provenance), kept with its compiled chunk once the chunk
// is cached: a national check names the same scripts for every province.
std::string script_sha256(std::string_view text, const char* chunkname);

// Bytes the run may still allocate: the memory limit less the Lua heap and the host's copies.
struct Guard;
std::size_t memory_left(const Guard& g);
// Raises an error a script can catch ("not enough memory", naming `what`) when `bytes`
// more would not fit in the memory limit: for a native function about to build a value,
// as real Lua fails such an allocation. Uncaught, it ends the run as a limit (exit 3).
void check_room(lua_State* L, std::size_t bytes, const char* what);
// Counts `bytes` of a copy the host keeps outside the Lua heap (findings, document text,
// JSON of a result) against the memory limit; past it, stops the run (a limit, uncatchable).
void charge_memory(lua_State* L, std::size_t bytes, const char* what);

// Replaces the native functions that can burn time or memory without running Lua
// instructions by metered versions (native_caps.cpp): string.rep, the pattern functions,
// table.insert/remove/move/unpack/concat/sort. Called while building the sandbox, before the
// libraries are made read-only.
void cap_native_functions(lua_State* L);

}  // namespace ntm::lua
