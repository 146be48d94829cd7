#!/usr/bin/env python3
"""Baseline of the benchmark: the national review of one year as a plain Python loop over the
long table (standard library only). Usage: baseline.py DB YEAR

Prints province_code,key,count lines like bench/baseline.sql (key 'with_data', 'standard' or a
criterion number), by ntm's rules (see the header of bench/baseline.sql).
"""
import math
import sqlite3
import sys


def main():
    path, year = sys.argv[1], int(sys.argv[2])
    date = "%04d-12-31" % year
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    (set_id,) = con.execute(
        "SELECT id FROM criteria_set WHERE level = 'commune' AND grade = 'standard' AND ? BETWEEN valid_from AND valid_to "
        "ORDER BY valid_from DESC, id LIMIT 1", (year,)).fetchone()
    criteria = [n for (n,) in con.execute("SELECT number FROM criterion WHERE set_id = ? ORDER BY number", (set_id,))]
    indicators = {}   # id -> (criterion, comparison)
    of_criterion = {n: [] for n in criteria}
    for ind, crit, cmp in con.execute("SELECT id, criterion, comparison FROM indicator WHERE set_id = ?", (set_id,)):
        indicators[ind] = (crit, cmp)
        of_criterion.setdefault(crit, []).append(ind)
    thresholds = {}   # indicator -> [(region, province, year, value)] in id order
    for ind, region, province, y, value in con.execute(
            "SELECT indicator, ifnull(region, ''), ifnull(province_id, 0), ifnull(year, 0), value FROM threshold "
            "WHERE set_id = ? AND class IS NULL ORDER BY id", (set_id,)):
        thresholds.setdefault(ind, []).append((region, province, y, value))

    units = {}
    for uid, code, kind, typ, parent in con.execute(
            "SELECT u.id, u.code, u.kind, p.type, ifnull(p.parent_id, 0) FROM unit u JOIN unit_period p ON p.unit_id = u.id "
            "AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1", (date,)):
        units[uid] = (code, kind, typ, parent)
    region_class = {}
    for uid, y, value in con.execute(
            "SELECT unit_id, year, value FROM unit_class WHERE key = 'region' AND year IN (0, ?) ORDER BY year", (year,)):
        region_class[uid] = value           # the year's row comes last and wins

    communes = {}     # id -> (province code, province id, region)
    for uid, (code, kind, typ, parent) in units.items():
        if kind != "commune" or typ != "xa":
            continue
        region, a, province = None, uid, None
        while a in units:
            if region is None and a in region_class:
                region = region_class[a]
            if units[a][1] == "province":
                province = (units[a][0], a)
                break
            a = units[a][3]
        if province:
            communes[uid] = (province[0], province[1], region or "")

    values = {}
    for uid, ind, value in con.execute(
            "SELECT unit_id, indicator, value FROM indicator_value WHERE year = ? AND set_id = ?", (year, set_id)):
        if uid in communes:
            values.setdefault(uid, {})[ind] = value
    assessed = {}
    for uid, crit, met in con.execute(
            "SELECT unit_id, criterion, met FROM criterion_status WHERE year = ? AND set_id = ? AND by = 'assessed'",
            (year, set_id)):
        if uid in communes:
            assessed.setdefault(uid, {})[crit] = met

    best_cache = {}

    def best_for(province_id, region):
        key = (province_id, region)
        if key not in best_cache:
            best = {}
            for ind in indicators:
                score, value = -1, None
                for r, p, y, v in thresholds.get(ind, ()):
                    if (r and r != region) or (p and p != province_id) or (y and y != year):
                        continue
                    s = (p != 0) * 4 + (r != "") * 2 + (y != 0)
                    if s > score:
                        score, value = s, v
                best[ind] = value
            best_cache[key] = best
        return best_cache[key]

    def meets(v, cmp, t):
        if cmp == ">=":
            return v >= t
        if cmp == "<=":
            return v <= t
        if cmp == ">":
            return v > t
        if cmp == "<":
            return v < t
        return v == t

    out = {}
    for uid, (province, province_id, region) in communes.items():
        vals, ass = values.get(uid), assessed.get(uid)
        if vals is None and ass is None:
            continue
        o = out.setdefault(province, {"with_data": 0, "standard": 0, "met": {n: 0 for n in criteria}})
        best = best_for(province_id, region) if vals is not None else None
        count = 0
        for n in criteria:
            if vals is not None:
                inds = of_criterion.get(n, [])
                ok = bool(inds)
                for ind in inds:
                    v, t = vals.get(ind), best[ind]
                    if v is None or t is None or math.isnan(v) or not meets(v, indicators[ind][1], t):
                        ok = False
                        break
            else:
                ok = ass.get(n) == 1
            if ok:
                count += 1
                o["met"][n] += 1
        o["with_data"] += 1
        if count >= len(criteria):
            o["standard"] += 1
    lines = []
    for province in sorted(out):
        o = out[province]
        lines.append("%s,with_data,%d" % (province, o["with_data"]))
        lines.append("%s,standard,%d" % (province, o["standard"]))
        for n in criteria:
            lines.append("%s,%d,%d" % (province, n, o["met"][n]))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
