#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang in build-fuzz/ and runs each for SECONDS
# (default 600): text folding and number formatting, the CSV reader, the importer, the Lua
# binding surface, the .xlsx reader. New inputs go to build-fuzz/fuzz-corpus/<target>/; a crash stops the run
# and leaves build-fuzz/fuzz-crash-<target>-*: copy it to tests/fuzz/regressions/<target>/,
# fix the bug, and fuzz_replay_test keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh clang-14 libclang-rt-14-dev
seconds="${1:-600}"
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DNTM_FUZZ=ON -DNTM_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_text fuzz_csv fuzz_import fuzz_lua fuzz_xlsx
cmake --build build-fuzz --target fuzz
