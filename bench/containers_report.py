# SPDX-License-Identifier: Apache-2.0
# Turns the raw lines of bench/containers.sh into its markdown table (stdout) and JSON (median, p90, ratios,
# targets, every raw line). Usage: containers_report.py ALL.txt NOTES.tsv OUT.json
import json
import math
import statistics
import sys

allf, notesf, jsonf = sys.argv[1], sys.argv[2], sys.argv[3]


def val(s):
    for kind in (int, float):
        try:
            return kind(s)
        except ValueError:
            pass
    return s


meta, runs = {}, []
for line in open(allf):
    line = line.rstrip("\n")
    if line.startswith("meta "):
        k, _, v = line[5:].partition("=")
        meta[k] = val(v)
    elif line:
        runs.append({k: val(v) for k, _, v in (t.partition("=") for t in line.split(" "))})
notes = []
for line in open(notesf):
    d, item, msg = line.rstrip("\n").split("\t", 2)
    notes.append({"daemon": d, "item": item, "message": msg})
targets = dict((k, float(v)) for k, _, v in (t.partition(":") for t in str(meta.get("targets", "")).split(",") if t))
DAEMONS = ("berthd", "dockerd")
have = {r["daemon"] for r in runs}


def sel(**kw):
    return [r for r in runs if all(r.get(k) == v for k, v in kw.items())]


def med(xs):
    return statistics.median(xs) if xs else None


def p90(xs):  # nearest rank
    if not xs:
        return None
    s = sorted(xs)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def rnd(x, nd=1):
    return None if x is None else round(x, nd)


rows = []


def row(metric, b, d, unit, target_key=None, nd=1, loads=()):
    """b, d: lists of samples (or None). Ratio of the medians; status against targets[target_key]."""
    bm, dm = med(b or []), med(d or [])
    ratio = round(bm / dm, 2) if bm is not None and dm else None
    tgt = st = ""
    if target_key and target_key in targets:
        tgt = "<= %gx" % targets[target_key]
        st = "n/a" if ratio is None else ("PASS" if ratio <= targets[target_key] else "FAIL")
    ls = [r["load1"] for r in loads if "load1" in r]
    load = "" if not ls else ("%.2f" % min(ls) if min(ls) == max(ls) else "%.2f-%.2f" % (min(ls), max(ls)))
    rows.append({
        "metric": metric, "unit": unit,
        "berthd": rnd(bm, nd), "berthd_p90": rnd(p90(b or []), nd), "berthd_n": len(b or []),
        "dockerd": rnd(dm, nd), "dockerd_p90": rnd(p90(d or []), nd), "dockerd_n": len(d or []),
        "ratio": ratio, "target": tgt, "status": st, "load1": load,
    })


def times(item, key="ms", scale=1.0):
    out = {}
    for d in DAEMONS:
        rs = sel(kind="t", item=item, daemon=d)
        out[d] = [r[key] * scale for r in rs if isinstance(r.get(key), (int, float))] if d in have else None
    return out, sel(kind="t", item=item)


def timed_row(metric, item, unit="ms", target_key=None, key="ms", scale=1.0, nd=1):
    t, rs = times(item, key, scale)
    if rs:
        row(metric, t["berthd"], t["dockerd"], unit, target_key, nd, rs)


n_ps = meta.get("ps_containers", 1000)
timed_row("docker run --rm busybox true", "run", target_key="run")
timed_row("API create+start+wait+remove (curl, sum of the 4 requests)", "api", target_key="api")
for phase in ("create", "start", "wait", "remove"):
    timed_row("  POST create" if phase == "create" else "  " + {"start": "POST start", "wait": "POST wait", "remove": "DELETE"}[phase], "api", key=phase + "_ms")
timed_row("  wall, curl process included", "api", key="wall_ms")
timed_row("%d containers started in parallel (docker run -d)" % meta.get("parallel", 50), "parallel", "s", scale=1e-3, nd=2)
timed_row("  docker rm -f of them", "parallel_rm", "s", scale=1e-3, nd=2)
timed_row("docker ps -a with %d containers" % n_ps, "ps", target_key="ps")
timed_row("  GET /containers/json?all=1 (curl)", "ps_api")
timed_row("  the CLI alone: docker ps -a against floor.c serving that answer", "ps_floor")
timed_row("  response bytes", "ps_api", "B", key="bytes", nd=0)
timed_row("  creating them (curl, POST create)", "ps_create", "s", scale=1e-3, nd=2)
timed_row("  removing them (curl, DELETE ?force=1)", "ps_remove", "s", scale=1e-3, nd=2)
timed_row("docker exec CONTAINER true", "exec")
timed_row("docker logs of %d MB" % meta.get("log_mb", 100), "logs", "s", scale=1e-3, nd=2)
timed_row("  the container writing them (run -d .. wait)", "logwrite", "s", scale=1e-3, nd=2)

# Memory with PARALLEL running containers: (daemon + helpers + shims, running) - (daemon + helpers, idle just before),
# per container; one figure per repetition.
par = meta.get("parallel", 50)
for kind, label in (("rss", "RSS"), ("pss", "PSS")):
    per, total_idle, total_run, shim_each = {}, {}, {}, {}
    for d in DAEMONS:
        if d not in have:
            per[d] = total_idle[d] = total_run[d] = shim_each[d] = None
            continue
        per[d], total_idle[d], total_run[d], shim_each[d] = [], [], [], []
        for r in sel(kind="mem", daemon=d, phase="running"):
            idle = [x for x in sel(kind="mem", daemon=d, phase="idle") if x["round"] == r["round"]]
            if not idle:
                continue
            i0 = idle[0]
            ti = i0["daemon_" + kind] + i0["helpers_" + kind] + i0["shims_" + kind]
            tr = r["daemon_" + kind] + r["helpers_" + kind] + r["shims_" + kind]
            total_idle[d].append(ti / 1024)
            total_run[d].append(tr / 1024)
            per[d].append((tr - ti) / 1024 / par)
            if r["shims"]:
                shim_each[d].append(r["shims_" + kind] / 1024 / r["shims"])
    loads = sel(kind="mem", phase="running")
    if not loads:
        continue
    row("%s MiB per running container (daemon + helpers + shims, minus idle) / %d" % (label, par), per["berthd"], per["dockerd"], "MiB",
        "mem" if kind == "rss" else None, 2, loads)
    row("  %s MiB total with %d running" % (label, par), total_run["berthd"], total_run["dockerd"], "MiB", nd=1, loads=loads)
    row("  %s MiB total idle just before" % label, total_idle["berthd"], total_idle["dockerd"], "MiB", nd=1, loads=loads)
    row("  %s MiB per shim process" % label, shim_each["berthd"], shim_each["dockerd"], "MiB", nd=2, loads=loads)
for phase, label in (("start", "after start"), ("end", "at the end")):
    ms = {d: [r["daemon_rss"] / 1024 for r in sel(kind="mem", daemon=d, phase=phase)] if d in have else None for d in DAEMONS}
    hs = {d: [r["helpers_rss"] / 1024 for r in sel(kind="mem", daemon=d, phase=phase)] if d in have else None for d in DAEMONS}
    if sel(kind="mem", phase=phase):
        row("daemon RSS MiB, " + label, ms["berthd"], ms["dockerd"], "MiB", loads=sel(kind="mem", phase=phase))
        if any(hs[d] and any(hs[d]) for d in DAEMONS):
            row("  helpers (containerd) RSS MiB, " + label, hs["berthd"], hs["dockerd"], "MiB")
            rows[-1]["ratio"] = None  # berthd has no helper process: a ratio of 0 would mean nothing


def cell(v, p=None, n=0):
    if v is None or n == 0:
        return "-"
    return str(v) if p is None or n < 2 else "%s / %s" % (v, p)


print("\n| metric | unit | berthd median / p90 | dockerd median / p90 | ratio | target | status | load1 |")
print("|---|---|---:|---:|---:|---|---|---|")
for r in rows:
    print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
        r["metric"].replace("|", "\\|"), r["unit"], cell(r["berthd"], r["berthd_p90"], r["berthd_n"]),
        cell(r["dockerd"], r["dockerd_p90"], r["dockerd_n"]), "-" if r["ratio"] is None else r["ratio"],
        r["target"], r["status"], r["load1"]))
print("\nratio = berthd median / dockerd median; target: berthd at most that many times dockerd's figure. "
      "Each cell: median / p90 (nearest rank) over %s repetitions (PS_REPS %s, LOG_REPS %s, PAR_REPS %s)."
      % (meta.get("reps"), meta.get("ps_reps"), meta.get("log_reps"), meta.get("par_reps")))
for n in notes:
    print("NOTE %s %s: %s" % (n["daemon"], n["item"], n["message"]))
with open(jsonf, "w") as f:
    json.dump({"meta": meta, "summary": rows, "notes": notes, "runs": runs}, f, indent=2)
    f.write("\n")
