#!/usr/bin/env bash
# Installs the Debian 12 packages ntm needs, only those missing, plus any named as arguments
# (tools/fuzz.sh adds clang). Uses sudo when not root.
set -euo pipefail
packages=(build-essential cmake pkg-config liblua5.4-dev libsqlite3-dev doctest-dev libfmt-dev
          libcli11-dev nlohmann-json3-dev libsimdjson-dev libutf8proc-dev libzip-dev libxlsxwriter-dev libssl-dev
          libreadline-dev libicu-dev sqlite3 unzip libcairo2-dev zlib1g-dev libfontconfig-dev fonts-dejavu-core libtomlplusplus-dev
          libpq-dev postgresql "$@")
# libpq-dev: the PostgreSQL engine of the store. postgresql: the server that the tests of that
# engine start for themselves (tests/pg_cluster.cpp runs its initdb, postgres and pg_ctl).
# Bench-only (bench/run.sh): the sqlite3 shell above, python3 and perf; pandas for its baseline
# (bench/run.sh skips it, and says so, when it is missing). NTM_BENCH_DEPS=0 leaves them out.
if [[ "${NTM_BENCH_DEPS:-1}" != 0 ]]; then
  packages+=(python3 python3-pandas linux-perf)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Cài các gói còn thiếu: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
