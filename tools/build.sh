#!/usr/bin/env bash
# Configures and builds ntm in build/ (incremental). With --program-only, only the program and
# its man page (no tests, no benchmark): what tools/setup.sh needs. The compiler's output goes
# to build/build.log and is shown only when the build fails.
set -euo pipefail
cd "$(dirname "$0")/.."
tests=ON
[[ "${1:-}" == "--program-only" ]] && tests=OFF
mkdir -p build
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNTM_TESTS="$tests" "${launcher[@]}" &&
       cmake --build build -j"$(nproc)"; } >build/build.log 2>&1; then
  tail -n 40 build/build.log >&2
  echo "Biên dịch không thành công; toàn bộ thông báo trong build/build.log" >&2
  exit 1
fi
