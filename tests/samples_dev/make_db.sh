#!/bin/sh
# Builds a scratch database like `ntm init` would before running a sample generator:
# schema, units from db/units-2020.csv, db/reference/*.sql, and (if the reference data has no
# set '1980-xa' yet) the stand-in criteria set fake_criteria.sql.
# Usage: make_db.sh OUT.db
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-/tmp/ntm-samples-dev.db}
rm -f "$out"
sqlite3 "$out" < "$root/db/schema.sql"
sqlite3 "$out" <<SQL
.mode csv
.import $root/db/units-2020.csv csv_unit
INSERT INTO unit (code, kind, type, name, name_with_type, parent_code)
  SELECT code, level, type, name, name_with_type, NULLIF(parent_code, '') FROM csv_unit;
DROP TABLE csv_unit;
SQL
for f in "$root"/db/reference/*.sql; do
  [ -f "$f" ] && sqlite3 "$out" < "$f"
done
n=$(sqlite3 "$out" "SELECT count(*) FROM criteria_set WHERE id = '1980-xa'")
if [ "$n" = "0" ]; then
  sqlite3 "$out" < "$here/fake_criteria.sql"
  echo "make_db: using the stand-in criteria set (db/reference has no '1980-xa' yet)" >&2
fi
