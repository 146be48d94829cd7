#!/usr/bin/env bash
# The whole set-up on a fresh Debian 12 machine: installs what is missing, builds, creates
# the Điện Biên 2020 sample database in out/ and runs the main job on it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
tools/build.sh
mkdir -p out
export NTM_DB=out/dien-bien-2020.db
build/ntm init --sample dien-bien-2020 --force
build/ntm check --province "Điện Biên" --year 2020
