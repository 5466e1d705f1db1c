#!/usr/bin/python3
"""Checks that the SimPy 3 model of kim_thanh_bac_son (kim_thanh_simpy3.py) agrees with bordersim
before either is timed: vehicles released per day by flow and the mean wait at every stop, over
R independent replications of each, must differ by less than 2 standard errors of the difference
(sqrt(se_bordersim^2 + se_simpy^2)). The same statistics are computed from both: bordersim's from
its vehicle and visit tables (every replication written), SimPy's by the model itself.

Usage: check_kim_thanh.py BORDERSIM [--replications 8] [--days 30] [--warmup 2]
Exit 0 when every figure agrees, 1 otherwise (the table says which).
"""
import argparse
import json
import math
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
SCENARIO = HERE.parent.parent / "scenarios" / "kim_thanh_bac_son.yaml"


def bordersim_stats(binary, reps, days, warmup, work):
    scen = pathlib.Path(work) / "all_tables.yaml"
    scen.write_text(f"extends: {SCENARIO}\noutputs: {{vehicles: all, visits: all, timeseries_step: 0s}}\n")
    out = pathlib.Path(work) / "b.h5"
    subprocess.run([binary, "run", str(scen), "--replications", str(reps), "--horizon", f"{days}d",
                    "--warmup", f"{warmup}d", "--quiet", "--force", "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    f = h5py.File(out, "r")
    flows = [n.decode() if isinstance(n, bytes) else n for n in f["lookup/flows"]["name"]]
    stops = [n.decode() if isinstance(n, bytes) else n for n in f["lookup/stops"]["name"]]
    w, horizon = warmup * 86400.0, days * 86400.0
    result = []
    for r in range(reps):
        g = f[f"replications/r{r:03}"]
        v, s = g["vehicles"][...], g["visits"][...]
        out_s = v["border_out_s"]
        inside = (out_s >= w) & (out_s < horizon)
        per_day = {flows[k]: float(np.sum(inside & (v["flow"] == k))) / (days - warmup)
                   for k in range(len(flows))}
        keep = (s["enter_s"] >= w) & (s["end_s"] <= horizon)
        waits = {}
        for k, name in enumerate(stops):
            sel = keep & (s["stop"] == k)
            if np.any(sel):
                waits[name] = float(np.mean(s["start_s"][sel] - s["enter_s"][sel]))
        result.append({"released_per_day": per_day, "wait_mean_s": waits})
    return result


def simpy_stats(reps, days, warmup):
    out = subprocess.run(["/usr/bin/python3", str(HERE / "kim_thanh_simpy3.py"), "--days", str(days),
                          "--warmup", str(warmup), "--replications", str(reps)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["replications"]


def mean_se(values):
    return statistics.fmean(values), statistics.stdev(values) / math.sqrt(len(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bordersim")
    ap.add_argument("--replications", type=int, default=8)
    ap.add_argument("--days", type=float, default=30)
    ap.add_argument("--warmup", type=float, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        b = bordersim_stats(os.path.abspath(args.bordersim), args.replications, args.days, args.warmup, work)
    s = simpy_stats(args.replications, args.days, args.warmup)
    rows = []
    for group, unit in (("released_per_day", "vehicles/day"), ("wait_mean_s", "s")):
        for key in sorted(b[0][group]):
            bv = [rep[group].get(key, 0.0) for rep in b]
            sv = [rep[group].get(key, 0.0) for rep in s]
            (bm, bse), (sm, sse) = mean_se(bv), mean_se(sv)
            se = math.sqrt(bse * bse + sse * sse)
            z = abs(bm - sm) / se if se > 0 else (0.0 if bm == sm else math.inf)
            rows.append((f"{group}.{key}", unit, bm, bse, sm, sse, z))
    print(f"{args.replications} replications of {args.days:g} days (warm-up {args.warmup:g} d) each")
    print(f"{'figure':<44} {'unit':<13} {'bordersim':>12} {'se':>8} {'SimPy 3':>12} {'se':>8} {'|z|':>6}")
    bad = 0
    for name, unit, bm, bse, sm, sse, z in rows:
        ok = z < 2
        bad += not ok
        print(f"{name:<44} {unit:<13} {bm:12.2f} {bse:8.2f} {sm:12.2f} {sse:8.2f} {z:6.2f}{'' if ok else '  DISAGREE'}")
    print("agree within 2 standard errors" if bad == 0 else f"{bad} figure(s) disagree")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
