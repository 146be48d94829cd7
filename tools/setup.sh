#!/usr/bin/env bash
# The whole set-up on a fresh Debian 12 machine: installs what is missing, builds the program
# (tests and benchmark only with tools/test.sh), creates the Điện Biên 2020 sample database in
# out/, remembers it in ntm.toml, reviews its communes and writes its annual report (Word,
# Excel, HTML) into out/bao-cao/. Then says what to try next.
set -euo pipefail
cd "$(dirname "$0")/.."
NTM_BENCH_DEPS=0 tools/deps.sh   # the benchmark's tools (python3, pandas, perf) only with tools/test.sh
echo "Đang biên dịch ntm (lần đầu mất vài phút)…"
tools/build.sh --program-only
mkdir -p out/bao-cao
build/ntm init --sample dien-bien-2020 --db out/dien-bien-2020.db --force
# Working defaults for the commands below and for the user's own: ntm.toml in this folder.
quiet() { local said; said=$("$@" 2>&1) || { echo "$said" >&2; exit 1; }; }
quiet build/ntm config set db out/dien-bien-2020.db
quiet build/ntm config set province "Điện Biên"
quiet build/ntm config set year 2020
quiet build/ntm config set profile scripts/profiles/dien-bien.toml
build/ntm check -o out/ra-soat-2020.txt
build/ntm report dien-bien -o out/bao-cao/bao-cao-2020.docx -o out/bao-cao/bieu-2020.xlsx -o out/bao-cao/bao-cao-2020.html
build/ntm report annual --template scripts/word/bao-cao-tom-tat.docx -o out/bao-cao/tom-tat-2020.docx
cat <<'NEXT'

Xong. Báo cáo năm 2020 của mẫu Điện Biên ở out/bao-cao/. Cơ sở dữ liệu mẫu, tỉnh, năm và hồ sơ
tỉnh đã ghi trong ntm.toml (xem: build/ntm config list). Thử tiếp:
  build/ntm check --tag "Đề án 29 xã biên giới"      # rà soát 29 xã biên giới
  build/ntm repl                                     # hỏi đáp bằng Lua; Tab gợi ý tên xã của Điện Biên
  build/ntm --help                                   # mọi lệnh; man docs/ntm.1 cho trang hướng dẫn
NEXT
