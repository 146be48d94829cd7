#!/usr/bin/env bash
# Builds everything (the program, its tests and the benchmark) and runs every test through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
tools/build.sh
cd build
ctest --output-on-failure -j"$(nproc)"
