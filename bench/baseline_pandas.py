#!/usr/bin/env python3
"""Baseline of the benchmark: the national review of one year with pandas (Debian's
python3-pandas). Usage: baseline_pandas.py DB YEAR

Prints province_code,key,count lines like bench/baseline.sql, by ntm's rules (see the header of
bench/baseline.sql). Exits 3 when pandas is not installed (the harness then skips it).
"""
import sqlite3
import sys

try:
    import pandas as pd
except ImportError:
    sys.stderr.write("baseline_pandas: pandas is not installed (apt-get install python3-pandas)\n")
    sys.exit(3)


def main():
    path, year = sys.argv[1], int(sys.argv[2])
    date = "%04d-12-31" % year
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    q = lambda sql, params=(): pd.read_sql_query(sql, con, params=params)
    set_id = q("SELECT id FROM criteria_set WHERE level = 'commune' AND grade = 'standard' AND ? BETWEEN valid_from "
               "AND valid_to ORDER BY valid_from DESC, id LIMIT 1", (year,)).iloc[0, 0]
    criteria = q("SELECT number FROM criterion WHERE set_id = ? ORDER BY number", (set_id,))["number"].tolist()
    ind = q("SELECT id AS indicator, criterion, comparison FROM indicator WHERE set_id = ?", (set_id,))
    thr = q("SELECT id, indicator, ifnull(region, '') AS region, ifnull(province_id, 0) AS tp, ifnull(year, 0) AS ty, value "
            "AS threshold FROM threshold WHERE set_id = ? AND class IS NULL", (set_id,))
    units = q("SELECT u.id, u.code, u.kind, p.type, ifnull(p.parent_id, 0) AS parent FROM unit u JOIN unit_period p "
              "ON p.unit_id = u.id AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1", (date,))
    cls = q("SELECT unit_id AS id, value AS cls FROM unit_class WHERE key = 'region' AND year IN (0, ?) ORDER BY year",
            (year,)).drop_duplicates("id", keep="last")

    # Walk from each rural commune up to its province, taking the nearest region class.
    c = units[(units.kind == "commune") & (units.type == "xa")][["id"]].copy()
    c["anc"] = c["id"]
    c["region"] = None
    c["province_id"] = 0
    info = units.set_index("id")
    class_of = cls.set_index("id")["cls"]
    for _ in range(8):
        open_ = c["province_id"] == 0
        if not open_.any():
            break
        need = open_ & c["region"].isna()
        c.loc[need, "region"] = c.loc[need, "anc"].map(class_of)
        kind = c.loc[open_, "anc"].map(info["kind"])
        done = kind.index[kind == "province"]
        c.loc[done, "province_id"] = c.loc[done, "anc"]
        c.loc[kind.index[kind.isna()], "province_id"] = -1          # an ancestor not on the map
        up = kind.index[(kind != "province") & kind.notna()]
        c.loc[up, "anc"] = c.loc[up, "anc"].map(info["parent"])
    c = c[c.province_id > 0].copy()
    c["region"] = c["region"].fillna("")
    c["province"] = c["province_id"].map(info["code"])
    communes = c[["id", "province_id", "province", "region"]].rename(columns={"id": "unit_id"})

    # The threshold of each indicator for each (province, region): the most specific row.
    pairs = communes[["province_id", "region"]].drop_duplicates()
    t = pairs.merge(thr, how="cross", suffixes=("", "_t"))
    t = t[((t.region_t == "") | (t.region_t == t.region)) & ((t.tp == 0) | (t.tp == t.province_id)) &
          ((t.ty == 0) | (t.ty == year))].copy()
    t["score"] = (t.tp != 0) * 4 + (t.region_t != "") * 2 + (t.ty != 0)
    t = t.sort_values(["score", "id"], ascending=[False, True]).drop_duplicates(["province_id", "region", "indicator"])
    best = t[["province_id", "region", "indicator", "threshold"]]

    vals = q("SELECT unit_id, indicator, value FROM indicator_value WHERE year = ? AND set_id = ?", (year, set_id))
    vals = vals[vals.unit_id.isin(communes.unit_id)]
    with_values = communes[communes.unit_id.isin(vals.unit_id.unique())]
    grid = with_values.merge(ind, how="cross").merge(vals, on=["unit_id", "indicator"], how="left")
    grid = grid.merge(best, on=["province_id", "region", "indicator"], how="left")
    v, th, cmp = grid["value"], grid["threshold"], grid["comparison"]
    ok = ((cmp == ">=") & (v >= th)) | ((cmp == "<=") & (v <= th)) | ((cmp == ">") & (v > th)) | \
         ((cmp == "<") & (v < th)) | ((cmp == "=") & (v == th))
    grid["ok"] = (ok & v.notna() & th.notna()).astype(int)
    by_values = grid.groupby(["unit_id", "criterion"], as_index=False)["ok"].min().rename(columns={"ok": "met"})

    ass = q("SELECT unit_id, criterion, met FROM criterion_status WHERE year = ? AND set_id = ? AND by = 'assessed'",
            (year, set_id))
    ass = ass[ass.unit_id.isin(communes.unit_id) & ~ass.unit_id.isin(with_values.unit_id)]
    status = pd.concat([by_values, ass[["unit_id", "criterion", "met"]]], ignore_index=True)
    status = status[status.criterion.isin(criteria)].merge(communes[["unit_id", "province"]], on="unit_id")

    per = status.groupby(["province", "unit_id"])["met"].sum().reset_index()
    per["standard"] = (per["met"] >= len(criteria)).astype(int)
    prov = per.groupby("province").agg(with_data=("unit_id", "size"), standard=("standard", "sum"))
    crit = status.groupby(["province", "criterion"])["met"].sum()
    lines = []
    for province, row in prov.sort_index().iterrows():
        lines.append("%s,with_data,%d" % (province, row.with_data))
        lines.append("%s,standard,%d" % (province, row.standard))
        for n in criteria:
            lines.append("%s,%d,%d" % (province, n, int(crit.get((province, n), 0))))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
