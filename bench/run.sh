#!/bin/sh
# The benchmark of issue 14, in one command: builds the national sample once and times ntm's
# national review against the C++, SQL, Python and pandas baselines, the report, the import and
# the sandbox; checks that every implementation gives the same counts; writes bench/results.md.
#   bench/run.sh [--build DIR] [--years 2016-2020] [--provinces 11,24] [--pairs 5] [--out FILE] [--quick]
# Needs the build (ntm, bench/ntm_baseline, bench/ntm_bench), the sqlite3 shell and python3;
# pandas (python3-pandas) is optional: without it its baseline is skipped and results.md says so.
# Runs at low priority (nice): the machine is shared.
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
[ -x "$python" ] || python=python3
exec nice -n 19 "$python" "$here/harness.py" "$@"
