#!/usr/bin/env bash
# Runs Lua 5.4.4's own test suite (the testes/ folder of the Lua sources) inside the ntm
# sandbox, as the CTest test `lua_testes` (tests/lua_testes.cpp). ntm does not ship
# those files; give the Lua sources you have:
#   tools/lua-testes.sh path/to/lua-5.4.4.tar.gz     # the release tarball from lua.org
#   tools/lua-testes.sh path/to/lua                  # a clone of github.com/lua/lua (tag v5.4.4)
#   tools/lua-testes.sh path/to/testes               # the testes folder itself
# The files are copied to build/lua-testes/ and checked against the SHA-256 of the 5.4.4
# release (the test's list of removed blocks is written for exactly those files).
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:?usage: tools/lua-testes.sh LUA-5.4.4-TARBALL|LUA-GIT-CLONE|TESTES-FOLDER}"
dest=build/lua-testes
rm -rf "$dest" && mkdir -p "$dest"
if [[ -f "$src" ]]; then
  tar -xzf "$src" -C "$dest" --strip-components=2 --wildcards '*/testes/*'
elif [[ -d "$src/.git" || -f "$src/HEAD" ]]; then
  git --git-dir="$( [[ -d "$src/.git" ]] && echo "$src/.git" || echo "$src")" archive v5.4.4 testes | tar -x -C "$dest" --strip-components=1
elif [[ -f "$src/all.lua" ]]; then
  cp -r "$src"/. "$dest"/
else
  echo "no Lua 5.4.4 sources at $src" >&2
  exit 2
fi
cmake -S . -B build -DNTM_LUA_TESTES="$PWD/$dest" >/dev/null
nice -n 15 cmake --build build -j2 --target ntm_tests
cd build && nice -n 15 ctest --output-on-failure -R '^lua_testes$'
