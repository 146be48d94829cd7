#!/usr/bin/env python3
"""The benchmark of issue 14 (run it through bench/run.sh; standard library only).

Builds the national sample once (`ntm init --sample national`), then, on that same file, times
end to end, in interleaved rounds, ntm's national review (`ntm check --province all`, one year
and five years) against the baselines (bench/baseline_cpp.cpp, baseline.sql in the sqlite3 shell,
baseline.py, baseline_pandas.py), checks that every implementation gives the same counts
(communes with data, standard communes and communes meeting each criterion, per province) and
fails loudly when one does not; then times the Điện Biên report to docx+xlsx+html, a national
import against a direct insert of the same rows, a fresh sandboxed state and one call into Lua,
with peak RSS for each; writes the figures, the targets of issue 14 and a profile to a Markdown
file (bench/results.md by default).

A round runs ntm and every baseline once, in an order that rotates from round to round; each
baseline's ratio is ntm's time over the baseline's time within the same round (a pair).
"""
import argparse
import datetime
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Failure(Exception):
    pass


class Ran(tuple):
    """(seconds, peak RSS in KiB, exit code) of a command; .cpu: its user + system seconds, its
    children's included (ntm's worker process and threads)."""


def run(cmd, stdout=None, ok=(0,), env=None, cwd=None):
    """Runs cmd; returns Ran(seconds, peak RSS in KiB, exit code). Raises Failure unless the exit
    code is in ok. stdout: a path, or None to discard."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err_path = os.path.join(ARGS.work, "last-stderr.txt")
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdout:
        out.close()
    if p.returncode not in ok:
        with open(err_path, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-3000:]
        raise Failure("%s exited %d:\n%s" % (" ".join(cmd), p.returncode, tail))
    ran = Ran((seconds, usage.ru_maxrss, p.returncode))
    ran.cpu = usage.ru_utime + usage.ru_stime
    return ran


def parse_counts(path):
    counts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            province, key, value = line.split(",")
            counts[(province, key)] = int(value)
    return counts


def ntm_counts(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    counts = {}
    for p in data["provinces"]:
        code = p["province_code"]
        counts[(code, "with_data")] = p["with_data"]
        counts[(code, "standard")] = p["standard"]
        for k, v in p["criteria"].items():
            counts[(code, k)] = v
    return counts


def same(a, b):
    """The keys where two count tables differ (a missing count is 0)."""
    return sorted(k for k in set(a) | set(b) if a.get(k, 0) != b.get(k, 0))


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def checkpoint(db):
    """Moves what the write-ahead log of `db` holds into the file itself."""
    subprocess.run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE)"], check=True, capture_output=True)


def copy_db(src, dst):
    """A copy of the database `src` as it stands (its log included), with no stale log beside `dst`."""
    checkpoint(src)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)


# ------------------------------------------------------------------------------------------
# Implementations of the review

def implementations(years):
    """name -> (label, function(year, out_path) -> command)."""
    impls = {
        "ntm": ("ntm check --province all (one process, one thread per core)",
                lambda y, out: [ARGS.ntm, "--db", ARGS.db, "check", "--province", "all", "--year", str(y),
                                "--format", "json", "-o", out]),
        "ntm1": ("ntm check --province all --jobs 1 (one process, one thread)",
                 lambda y, out: [ARGS.ntm, "--db", ARGS.db, "check", "--province", "all", "--year", str(y),
                                 "--format", "json", "-o", out, "--jobs", "1"]),
        "cpp": ("hand-written C++ (bench/baseline_cpp.cpp)", lambda y, out: [ARGS.baseline, ARGS.db, str(y)]),
        "sql": ("SQL in the sqlite3 shell (bench/baseline.sql)",
                lambda y, out: ["sqlite3", "-readonly", "-csv", ARGS.db, ".parameter set :year %d" % y,
                                ".read " + os.path.join(HERE, "baseline.sql")]),
        "python": ("Python standard-library loop (bench/baseline.py)",
                   lambda y, out: [ARGS.python, os.path.join(HERE, "baseline.py"), ARGS.db, str(y)]),
        "pandas": ("pandas (bench/baseline_pandas.py)",
                   lambda y, out: [ARGS.python, os.path.join(HERE, "baseline_pandas.py"), ARGS.db, str(y)]),
    }
    return impls


def run_impl(name, impls, years, tag):
    """Runs an implementation over `years`; returns (seconds, peak KiB, {year: counts}, CPU seconds)."""
    label, make = impls[name]
    total, peak, counts, cpu = 0.0, 0, {}, 0.0
    for y in years:
        out = os.path.join(ARGS.work, "%s-%s-%d.out" % (tag, name, y))
        if name.startswith("ntm"):
            # Exit 1 when the review has error findings (communes without data): still a result.
            ran = run(make(y, out), ok=(0, 1))
            counts[y] = ntm_counts(out)
        else:
            ran = run(make(y, out), stdout=out)
            counts[y] = parse_counts(out)
        total += ran[0]
        peak = max(peak, ran[1])
        cpu += ran.cpu
    return total, peak, counts, cpu


def compare(name, years, reference, counts):
    for y in years:
        diff = same(reference[y], counts[y])
        if not reference[y]:
            raise Failure("ntm gave no counts for %d" % y)
        if diff:
            shown = ", ".join("%s/%s: ntm %d, %s %d" % (k[0], k[1], reference[y].get(k, 0), name, counts[y].get(k, 0))
                              for k in diff[:10])
            raise Failure("DISAGREEMENT in %d between ntm and %s (%d counts differ): %s" % (y, name, len(diff), shown))


def review_rounds(names, impls, years, tag, rounds):
    """Interleaved rounds; returns {name: {"times": [...], "rss": [...], "ratios": [...]}}."""
    res = {n: {"times": [], "rss": [], "ratios": [], "cpu": []} for n in names}
    res["_rounds"] = rounds
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        this = {}
        for n in order:
            s, rss, counts, cpu = run_impl(n, impls, years, tag)
            if r == 0:
                this[n] = counts
            res[n]["times"].append(s)
            res[n]["rss"].append(rss)
            res[n]["cpu"].append(cpu)
        if r == 0:
            for n in names:
                if n != "ntm":
                    compare(n, years, this["ntm"], this[n])
            res["_agreement"] = {y: this["ntm"][y] for y in years}
        for n in names:
            if n != "ntm":
                res[n]["ratios"].append(res["ntm"]["times"][-1] / res[n]["times"][-1])
        log("  round %d/%d: %s" % (r + 1, rounds, ", ".join("%s %.2fs" % (n, res[n]["times"][-1]) for n in names)))
    return res


# ------------------------------------------------------------------------------------------

def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def mib(kib):
    return kib / 1024.0


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--db", help="the national sample (built when missing)")
    ap.add_argument("--years", default="2016-2020")
    ap.add_argument("--provinces", default="", help="province codes (default: the whole country)")
    ap.add_argument("--seed", default="")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--five-pairs", type=int, help="rounds of the multi-year review (default: --pairs)")
    ap.add_argument("--import-pairs", type=int, default=3, help="rounds of the import against the direct insert")
    ap.add_argument("--out", default=os.path.join(HERE, "results.md"))
    ap.add_argument("--work", help="scratch folder (default: a folder beside --out)")
    ap.add_argument("--quick", action="store_true", help="the review only: no report, import, state or profile")
    ap.add_argument("--python", default=shutil.which("python3", path="/usr/bin") or sys.executable)
    ARGS = ap.parse_args()
    ARGS.ntm = os.path.join(ARGS.build, "ntm")
    ARGS.baseline = os.path.join(ARGS.build, "bench", "ntm_baseline")
    ARGS.bench = os.path.join(ARGS.build, "bench", "ntm_bench")
    ARGS.work = os.path.abspath(ARGS.work or os.path.join(os.path.dirname(os.path.abspath(ARGS.out)), ".bench-work"))
    os.makedirs(ARGS.work, exist_ok=True)
    for path in (ARGS.ntm, ARGS.baseline):
        if not os.access(path, os.X_OK):
            raise Failure("%s is not built (cmake --build %s)" % (path, ARGS.build))
    if not shutil.which("sqlite3"):
        raise Failure("the sqlite3 shell is not installed (tools/deps.sh)")
    first, _, last = ARGS.years.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    notes = []
    started = datetime.datetime.now().astimezone()
    load_before = os.getloadavg()

    # The national sample, once.
    ARGS.db = os.path.abspath(ARGS.db or os.path.join(ARGS.work, "national.db"))
    init = None
    if not os.path.exists(ARGS.db):
        cmd = [ARGS.ntm, "--db", ARGS.db, "init", "--sample", "national", "--years", ARGS.years]
        if ARGS.provinces:
            cmd += ["--provinces", ARGS.provinces]
        if ARGS.seed:
            cmd += ["--seed", ARGS.seed]
        log("building the national sample: " + " ".join(cmd))
        init = run(cmd)
    sample = {}
    for key, sql in (("communes", "SELECT value FROM meta WHERE key = 'commune_years'"),
                     ("values", "SELECT count(*) FROM indicator_value"),
                     ("statuses", "SELECT count(*) FROM criterion_status"),
                     ("years", "SELECT value FROM meta WHERE key = 'years'"),
                     ("provinces", "SELECT value FROM meta WHERE key = 'province_count'")):
        sample[key] = subprocess.run(["sqlite3", "-readonly", ARGS.db, sql], capture_output=True, text=True).stdout.strip()
    sample["size"] = os.path.getsize(ARGS.db)

    impls = implementations(years)
    names = ["ntm", "ntm1", "cpp", "sql", "python"]
    pandas_ok = subprocess.run([ARGS.python, "-c", "import pandas"], capture_output=True).returncode == 0
    if pandas_ok:
        names.append("pandas")
    else:
        notes.append("pandas is not installed for %s (python3-pandas): its baseline was skipped." % ARGS.python)
        log("pandas not installed: skipping its baseline")

    last_year = years[-1]
    # The packed province-years (value_pack): the first review after the values changed reads
    # indicator_value and writes the packs; the rounds below read the packs. That first review
    # is timed here, from a file without packs, so the price of a change is on record too.
    cold = None
    # A file made by an older ntm is upgraded by its first command: not inside a timed run.
    run([ARGS.ntm, "--db", ARGS.db, "query", "SELECT 1"])
    if subprocess.run(["sqlite3", ARGS.db, "SELECT 1 FROM value_pack LIMIT 0"], capture_output=True).returncode == 0:
        run(["sqlite3", ARGS.db, "DELETE FROM value_pack"])
        seconds, rss, _ = run(impls["ntm"][1](last_year, os.path.join(ARGS.work, "cold-ntm.out")), ok=(0, 1))
        packs = subprocess.run(["sqlite3", "-readonly", ARGS.db, "SELECT count(*) FROM value_pack"],
                               capture_output=True, text=True).stdout.strip()
        cold = {"seconds": seconds, "rss": rss, "packs": packs}
        log("first review without packs: %.3f s, %s packs written" % (seconds, packs))
        # The other years' packs too, before the multi-year rounds (untimed).
        for y in years[:-1]:
            run(impls["ntm"][1](y, os.path.join(ARGS.work, "cold-ntm-%d.out" % y)), ok=(0, 1))
    log("one year (%d), %d rounds" % (last_year, ARGS.pairs))
    one = review_rounds(names, impls, [last_year], "one", ARGS.pairs)
    five = None
    if len(years) > 1:
        rounds = ARGS.five_pairs or ARGS.pairs
        log("%d years (%d-%d), %d rounds" % (len(years), years[0], years[-1], rounds))
        five = review_rounds(names, impls, years, "all", rounds)
        if rounds < 5:
            notes.append("The %d-year review ran %d rounds only (--five-pairs %d), not 5." % (len(years), rounds, rounds))

    extras = {}
    profile = ""
    if not ARGS.quick:
        codes = sorted({k[0] for k in one["_agreement"][last_year]})
        extras = measure_extras(last_year, codes, notes)
        profile = measure_profile(last_year, notes)

    write_results(started, load_before, init, sample, impls, names, years, one, five, extras, profile, notes, cold)
    log("wrote " + ARGS.out)


# ------------------------------------------------------------------------------------------
# Report, import, sandbox

def measure_extras(year, codes, notes):
    extras = {}
    # The Điện Biên annual report, to docx + xlsx + html in one command.
    db = os.path.join(ARGS.work, "dien-bien-2020.db")
    if not os.path.exists(db):
        run([ARGS.ntm, "--db", db, "init", "--sample", "dien-bien-2020"])
    outs = [os.path.join(ARGS.work, "dien-bien-2020." + e) for e in ("docx", "xlsx", "html")]
    cmd = [ARGS.ntm, "--db", db, "report", "annual", "--province", "Điện Biên", "--year", "2020"]
    for o in outs:
        cmd += ["-o", o]
    times, rss = [], []
    log("report: " + " ".join(cmd))
    for _ in range(ARGS.pairs):
        s, m, _ = run(cmd, ok=(0, 1))
        times.append(s)
        rss.append(m)
    extras["report"] = (times, rss)

    # The national paths besides the check: the national report (layout ca-nuoc, every province
    # with data) and a national allocation (phan-bo-tinh, every province of the map).
    national = {}
    nat_outs = [os.path.join(ARGS.work, "ca-nuoc." + e) for e in ("docx", "xlsx", "html")]
    commands = {
        "national report": [ARGS.ntm, "--db", ARGS.db, "report", "ca-nuoc", "--year", str(year)]
        + sum([["-o", o] for o in nat_outs], []),
        "national allocation": [ARGS.ntm, "--db", ARGS.db, "allocate", "phan-bo-tinh", "--year", str(year),
                                "--total", "10000000", "--format", "json"],
    }
    for key, cmd in commands.items():
        log(key + ": " + " ".join(cmd))
        t, r = [], []
        for _ in range(ARGS.pairs):
            s, m, _ = run(cmd, stdout=os.path.join(ARGS.work, "national-extra.out"), ok=(0, 1))
            t.append(s)
            r.append(m)
        national[key] = (" ".join(os.path.basename(a) if a.startswith(ARGS.work) else a for a in cmd[3:]), t, r)
    extras["national"] = national

    # A national import of one year against a direct insert of the same rows.
    exports = os.path.join(ARGS.work, "export-%d" % year)
    os.makedirs(exports, exist_ok=True)
    files = []
    for code in codes:
        f = os.path.join(exports, code + ".csv")
        if not os.path.exists(f):
            run([ARGS.ntm, "--db", ARGS.db, "export", "indicators", "--province", code, "--year", str(year), "-o", f])
        files.append(f)
    rows_csv = os.path.join(ARGS.work, "rows-%d.csv" % year)
    run(["sqlite3", "-readonly", "-csv", ARGS.db,
         "SELECT unit_id, year, set_id, indicator, value, source, note FROM indicator_value WHERE year = %d" % year],
        stdout=rows_csv)
    empty = os.path.join(ARGS.work, "national-without-%d.db" % year)
    if not os.path.exists(empty):
        copy_db(ARGS.db, empty + ".tmp")
        run(["sqlite3", empty + ".tmp", "DELETE FROM indicator_value WHERE year = %d; VACUUM;" % year])
        os.rename(empty + ".tmp", empty)
    # A file made by an older ntm would be upgraded inside the first timed import (and the direct
    # insert would go into the old schema): upgrade it once, before any round.
    run([ARGS.ntm, "--db", empty, "query", "SELECT 1"])
    # The upgrade sits in the file's write-ahead log until a checkpoint: copying the main file
    # alone would give each round a file of the old schema (without the value_pack triggers).
    checkpoint(empty)
    target = os.path.join(ARGS.work, "import-target.db")
    imp, direct = {"times": [], "rss": []}, {"times": [], "rss": []}
    one_process = True
    log("import: %d files into a copy without %d" % (len(files), year))
    for r in range(ARGS.import_pairs):
        for which in (("ntm", "direct") if r % 2 == 0 else ("direct", "ntm")):
            copy_db(empty, target)
            if which == "ntm":
                try:
                    s, m, _ = run([ARGS.ntm, "--db", target, "import", "indicators"] + files)
                except Failure as e:
                    if not one_process:
                        raise
                    # One process per province file, as an office would run it.
                    one_process = False
                    notes.append("`ntm import indicators` with the %d province files in one command failed (%s); "
                                 "timed as one `ntm import` per province file." % (len(files), str(e).splitlines()[0]))
                    copy_db(empty, target)
                if not one_process:
                    s, m = 0.0, 0
                    for f in files:
                        s1, m1, _ = run([ARGS.ntm, "--db", target, "import", "indicators", f])
                        s += s1
                        m = max(m, m1)
                imp["times"].append(s)
                imp["rss"].append(m)
            else:
                s, m, _ = run(["sqlite3", target, ".import --csv %s indicator_value" % rows_csv])
                direct["times"].append(s)
                direct["rss"].append(m)
        n = subprocess.run(["sqlite3", target, "SELECT count(*) FROM indicator_value WHERE year = %d" % year],
                           capture_output=True, text=True).stdout.strip()
        log("  import round %d: ntm %.2fs, direct %.2fs (%s rows)" % (r + 1, imp["times"][-1], direct["times"][-1], n))
    extras["import"] = (imp, direct, len(files), one_process)

    extras["postgres"] = measure_postgres(year, codes, notes)

    # A fresh sandboxed state and one call into Lua (bench/bench_main.cpp).
    if os.access(ARGS.bench, os.X_OK):
        out = os.path.join(ARGS.work, "ntm_bench.txt")
        s, m, _ = run([ARGS.bench, "--repeat", str(max(ARGS.pairs, 5))], stdout=out, cwd=ARGS.work)
        figures = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                parts = line.rsplit(None, 1)
                if len(parts) == 2:
                    try:
                        figures[parts[0].strip()] = float(parts[1])
                    except ValueError:
                        pass
        extras["sandbox"] = (figures, m)
    else:
        notes.append("%s is not built: no sandbox figures." % ARGS.bench)
    return extras


def measure_profile(year, notes):
    perf = shutil.which("perf")
    if not perf:
        notes.append("perf is not installed: no profile.")
        return ""
    data = os.path.join(ARGS.work, "perf.data")
    out = os.path.join(ARGS.work, "profile.json")
    try:
        # DWARF call graphs: the build keeps no frame pointers. The review takes a fraction of a
        # second: 1999 samples a second give a few hundred (perf.data of some tens of MB).
        run([perf, "record", "-F", "1999", "--call-graph", "dwarf,16384", "-o", data, "--", ARGS.ntm, "--db", ARGS.db,
             "check", "--province", "all", "--year", str(year), "--format", "json", "-o", out], ok=(0, 1))
        own = subprocess.run([perf, "report", "-i", data, "--stdio", "--no-children", "--sort", "dso,symbol",
                              "--percent-limit", "1", "-g", "none"], capture_output=True, text=True)
        inclusive = subprocess.run([perf, "report", "-i", data, "--stdio", "--children", "--sort", "symbol",
                                    "--percent-limit", "1", "-g", "none"], capture_output=True, text=True)
        def tidy(l):   # perf pads its columns to the terminal's width
            return re.sub(r" {2,}", "  ", re.sub(r"\s+-\s+-\s*$", "", l)).rstrip()

        lines = ["self time (>= 1 %):"]
        lines += [tidy(l) for l in own.stdout.splitlines() if l.strip() and not l.startswith("#")][:20]
        lines += ["", "time including callees, ntm functions (>= 1 %):"]
        lines += [tidy(l) for l in inclusive.stdout.splitlines()
                  if "ntm::" in l and not l.startswith("#") and "(inlined)" not in l and "_M_invoke" not in l][:30]
        return "\n".join(lines)
    except Failure as e:
        notes.append("perf record failed: " + str(e).splitlines()[0])
        return ""


# ------------------------------------------------------------------------------------------
# results.md

def measure_postgres(year, codes, notes):
    """The national review of `year` on a PostgreSQL server holding the same rows as the file
    (issue 17): a throwaway cluster (Debian's postgresql package) in a folder of its own, the
    national file's provinces sent with `ntm copy`, then interleaved rounds of the same check on
    the file and on the server, whose outputs must be identical. None when PostgreSQL is missing."""
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdb or not shutil.which("psql"):
        notes.append("PostgreSQL (Debian's postgresql package) is not installed: the review on a server is not timed.")
        return None
    bindir = os.path.dirname(initdb[-1])
    folder = tempfile.mkdtemp(prefix="ntm-bench-pg-", dir="/tmp")
    as_user = []
    if os.geteuid() == 0:   # PostgreSQL refuses to run as root
        shutil.chown(folder, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    data = os.path.join(folder, "data")
    started = False
    try:
        run(as_user + [os.path.join(bindir, "initdb"), "-D", data, "-U", "ntm", "--auth=trust", "-E", "UTF8"])
        run(as_user + [os.path.join(bindir, "pg_ctl"), "-D", data, "-w", "-l", os.path.join(folder, "log"),
                       "-o", "-k %s -c listen_addresses=''" % folder, "start"])
        started = True
        run(["psql", "-h", folder, "-U", "ntm", "-d", "postgres", "-qc", "CREATE DATABASE bench"])
        server = "host=%s dbname=bench user=ntm" % folder
        run([ARGS.ntm, "--db", server, "server", "init"])
        provinces = list(codes)
        load = 0.0
        log("postgres: copying %d provinces of %s to the server" % (len(provinces), os.path.basename(ARGS.db)))
        for code in provinces:
            s, _, _ = run([ARGS.ntm, "copy", "--from", ARGS.db, "--to", server, "--province", code])
            load += s
        values = subprocess.run(["psql", "-h", folder, "-U", "ntm", "-d", "bench", "-tAc", "SELECT count(*) FROM indicator_value"],
                                capture_output=True, text=True).stdout.strip()
        cmd = ["check", "--province", "all", "--year", str(year), "--format", "json"]
        outs = {w: os.path.join(ARGS.work, "postgres-%s.json" % w) for w in ("file", "server")}
        times = {"file": [], "server": []}
        rss = {"file": [], "server": []}
        for r in range(ARGS.pairs):
            for which in (("file", "server") if r % 2 == 0 else ("server", "file")):
                db = ARGS.db if which == "file" else server
                s, m, _ = run([ARGS.ntm, "--db", db] + cmd, stdout=outs[which], ok=(0, 1))
                times[which].append(s)
                rss[which].append(m)
        with open(outs["file"], "rb") as a, open(outs["server"], "rb") as b:
            identical = a.read() == b.read()
        if not identical:
            raise Failure("the national check on the server differs from the file's (%s, %s)" % (outs["file"], outs["server"]))
        return {"year": year, "times": times, "rss": rss, "load": load, "provinces": len(provinces), "values": values}
    finally:
        if started:
            run(as_user + [os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "fast", "stop"], ok=(0, 1))
        shutil.rmtree(folder, ignore_errors=True)


def write_results(started, load_before, init, sample, impls, names, years, one, five, extras, profile, notes, cold=None):
    L = []
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load_after = os.getloadavg()
    L.append("# Benchmark results (issue 14)")
    L.append("")
    L.append("Written by `bench/run.sh` on %s. Machine: %d cores (`os.cpu_count()`), %s; load average %.2f at the start, "
             "%.2f at the end (other builds share these cores, so absolute times are noisy: compare the ratios "
             "within a round)." % (started.strftime("%Y-%m-%d %H:%M %Z"), os.cpu_count(), cpu or "?", load_before[0],
                                   load_after[0]))
    L.append("")
    L.append("## Sample")
    L.append("")
    L.append("`ntm init --sample national --years %s%s`: %s provinces, %s commune-years, %s indicator values, %s assessed "
             "status rows, %.1f MB file." % (ARGS.years, (" --provinces " + ARGS.provinces) if ARGS.provinces else "",
                                              sample["provinces"], sample["communes"], sample["values"],
                                              sample["statuses"], sample["size"] / 1e6))
    if init:
        L.append("Building it took %.1f s with a peak RSS of %.0f MiB." % (init[0], mib(init[1])))
    else:
        L.append("The file existed already (built by an earlier run); its build time is not measured here.")
    L.append("")
    agreement = one["_agreement"][years[-1]]
    provinces = sorted({k[0] for k in agreement})
    totals = {}
    for (p, k), v in agreement.items():
        totals[k] = totals.get(k, 0) + v
    L.append("## Agreement")
    L.append("")
    L.append("Every implementation gave the same %d counts for %d (with data, standard and each criterion, for each of "
             "%d provinces)%s: %s, with data %d, standard %d." % (
                 len(agreement), years[-1], len(provinces), " and for every year %d-%d" % (years[0], years[-1]) if five else "",
                 ", ".join(names), totals.get("with_data", 0), totals.get("standard", 0)))
    L.append("")

    def review_table(title, res, n_years):
        L.append("## " + title)
        L.append("")
        L.append("Medians of %d interleaved rounds; ratio = ntm / baseline within a round (below 1: ntm is faster)." % res["_rounds"])
        L.append("")
        L.append("| implementation | median s | median CPU s | peak RSS MiB | median ratio ntm/it | ratios per round |")
        L.append("|---|---:|---:|---:|---:|---|")
        for n in names:
            r = res[n]
            ratios = "" if n == "ntm" else ", ".join("%.2f" % x for x in r["ratios"])
            ratio = "" if n == "ntm" else "%.2f" % median(r["ratios"])
            L.append("| %s | %.3f | %.3f | %.0f | %s | %s |" % (impls[n][0], median(r["times"]), median(r["cpu"]),
                                                                mib(max(r["rss"])), ratio, ratios))
        L.append("")
        L.append("CPU s: user + system time of the process and its children (ntm's worker process and its threads). "
                 "ntm reviews the provinces side by side, one thread per core (%d here); the row with --jobs 1 is the "
                 "same command in one thread, and its ratio is the gain of the threads." % os.cpu_count())
        L.append("")

    review_table("National review, one year (%d), end to end" % years[-1], one, 1)
    if cold:
        L.append("The rounds above read the packed province-years (table value_pack). The first review after the "
                 "values change reads indicator_value instead and writes the packs: from a file without packs it took "
                 "%.3f s (peak RSS %.0f MiB) and wrote %s packs. The other years' packs were written before the "
                 "multi-year rounds, untimed." % (cold["seconds"], mib(cold["rss"]), cold["packs"]))
        L.append("")
    if five:
        review_table("National review, %d years (%d-%d): one command per year" % (len(years), years[0], years[-1]), five,
                     len(years))

    if extras:
        L.append("## Other paths")
        L.append("")
        L.append("Report, national report and national allocation: median of %d runs; import: median of %d interleaved rounds, each into a fresh copy of the "
                 "sample without that year's values." % (ARGS.pairs, ARGS.import_pairs))
        L.append("")
        L.append("| what | median | peak RSS MiB |")
        L.append("|---|---:|---:|")
        times, rss = extras["report"]
        L.append("| `ntm report annual --province \"Điện Biên\" --year 2020 -o .docx -o .xlsx -o .html` | %.0f ms | %.0f |"
                 % (median(times) * 1000, mib(max(rss))))
        for key, (cmd, t, r) in extras.get("national", {}).items():
            L.append("| %s: `ntm %s` | %.0f ms | %.0f |" % (key, cmd, median(t) * 1000, mib(max(r))))
        imp, direct, nfiles, one_process = extras["import"]
        how = "one command, %d files" % nfiles if one_process else "%d commands, one per province" % nfiles
        L.append("| `ntm import indicators` of the exported national year (%s) | %.2f s | %.0f |"
                 % (how, median(imp["times"]), mib(max(imp["rss"]))))
        L.append("| direct insert of the same rows (`sqlite3 .import` into indicator_value, same schema and triggers) | %.2f s | %.0f |"
                 % (median(direct["times"]), mib(max(direct["rss"]))))
        pg = extras.get("postgres")
        if pg:
            ratios = [a / b for a, b in zip(pg["times"]["server"], pg["times"]["file"])]
            L.append("| `ntm check --province all --year %d` on the file (packed) | %.2f s | %.0f |"
                     % (pg["year"], median(pg["times"]["file"]), mib(max(pg["rss"]["file"]))))
            L.append("| the same on a PostgreSQL server holding the same %s values (%d provinces sent with `ntm copy` in %.0f s): "
                     "a snapshot, then the same review; output identical | %.2f s (%.1f× the file, pair by pair) | %.0f |"
                     % (pg["values"], pg["provinces"], pg["load"], median(pg["times"]["server"]), median(ratios),
                        mib(max(pg["rss"]["server"]))))
        if "sandbox" in extras:
            figures, rss = extras["sandbox"]
            for key in ("fresh sandboxed state (us)", "one call into Lua through Host::call (us)"):
                if key in figures:
                    L.append("| %s | %.2f µs | %.0f (whole ntm_bench) |" % (key.replace(" (us)", ""), figures[key], mib(rss)))
        L.append("")

    L.append("## Targets of issue 14")
    L.append("")
    L.append("| target | measured | verdict |")
    L.append("|---|---|---|")

    def verdict(ok, how):
        return ("met" if ok else "**missed**") + (" (" + how + ")" if how else "")

    cpp = median(one["cpp"]["ratios"])
    L.append("| one year: ntm ≤ 1.0× the C++ baseline | %.2f× | %s |" % (
        cpp, verdict(cpp <= 1.0, "%.1f× the target" % cpp if cpp > 1.0 else "")))
    cpu_ratio = median([a / b for a, b in zip(one["ntm"]["cpu"], one["cpp"]["cpu"])])
    one_thread = median([a / b for a, b in zip(one["ntm1"]["times"], one["cpp"]["times"])])
    L.append("| (for the record, not a target) one year in CPU time, ntm / C++; and ntm --jobs 1 / C++ in time "
             "| %.2f×; %.2f× | |" % (cpu_ratio, one_thread))
    for n in ("sql", "python", "pandas"):
        if n in one:
            r = median(one[n]["ratios"])
            L.append("| one year: ntm ≥ 5× faster than %s (ratio ≤ 0.20) | %.2f× (ntm %s) | %s |" % (
                n, r, "%.1f× faster" % (1 / r) if r < 1 else "%.1f× slower" % r,
                verdict(r <= 0.2, "needs %.0f %% less time" % (100 * (1 - 0.2 / r)) if r > 0.2 else "")))
    if five:
        scale = median(five["ntm"]["times"]) / median(one["ntm"]["times"])
        L.append("| %d years ≤ 5.5× one year | %.2f× | %s |" % (len(years), scale, verdict(scale <= 5.5, "")))
    peak = max(one["ntm"]["rss"] + (five["ntm"]["rss"] if five else []))
    L.append("| peak RSS of ntm's review < 200 MB | %.0f MiB | %s |" % (mib(peak), verdict(peak * 1024 < 200e6, "")))
    if extras:
        imp, direct, _, _ = extras["import"]
        r = median(imp["times"]) / median(direct["times"])
        L.append("| national import ≤ 2× a direct insert | %.2f× | %s |" % (r, verdict(r <= 2, "")))
        times, _ = extras["report"]
        ms = median(times) * 1000
        L.append("| province report to docx+xlsx+html < 100 ms | %.0f ms | %s |" % (
            ms, verdict(ms < 100, "by %.1f×" % (ms / 100) if ms >= 100 else "")))
        if "sandbox" in extras and "fresh sandboxed state (us)" in extras["sandbox"][0]:
            us = extras["sandbox"][0]["fresh sandboxed state (us)"]
            L.append("| fresh sandboxed state < 100 µs | %.1f µs | %s |" % (us, verdict(us < 100, "")))
    L.append("")
    if profile:
        L.append("## Profile of `ntm check --province all --year %d` (perf record, DWARF call graphs)" % years[-1])
        L.append("")
        L.append("```")
        L.append(profile)
        L.append("```")
        L.append("")
    if notes:
        L.append("## Notes of this run")
        L.append("")
        for n in notes:
            L.append("- " + n)
        L.append("")
    with open(ARGS.out, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        sys.stderr.write("bench: FAILED: %s\n" % e)
        sys.exit(1)
