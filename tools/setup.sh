#!/usr/bin/env bash
# The whole set-up on a fresh Debian 12 machine: installs what is missing, builds, creates
# the Điện Biên 2020 sample database in out/, reviews its communes and writes its annual
# report (Word, Excel, HTML) into out/bao-cao/.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
tools/build.sh
mkdir -p out
export NTM_DB=out/dien-bien-2020.db
build/ntm init --sample dien-bien-2020 --force
build/ntm check --province "Điện Biên" --year 2020
mkdir -p out/bao-cao
build/ntm report dien-bien --province "Điện Biên" --year 2020 --profile scripts/profiles/dien-bien.toml \
  -o out/bao-cao/bao-cao-2020.docx -o out/bao-cao/bieu-2020.xlsx -o out/bao-cao/bao-cao-2020.html
build/ntm report annual --province "Điện Biên" --year 2020 --template scripts/word/bao-cao-tom-tat.docx \
  -o out/bao-cao/tom-tat-2020.docx
echo "Báo cáo năm 2020 của mẫu Điện Biên: out/bao-cao/"
