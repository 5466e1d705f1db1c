#!/usr/bin/python3
"""A year of lao_cai.yaml and of kim_thanh_bac_son.yaml, before and after, beside SimPy 3.

First checks that the SimPy 3 model of kim_thanh_bac_son agrees with bordersim
(bench/peers/check_kim_thanh.py: throughput and stage waits within 2 standard errors); times
nothing if it does not. Then, in one invocation and interleaved (so that the load of a shared
machine falls on every binary alike), runs each binary REPEAT times on a year (365 d, one
replication, --threads 1) of each scenario, with the default outputs and with the tables off
(`outputs: {vehicles: none, visits: none, timeseries_step: 0s}` through an `extends:` scenario),
and the SimPy model on a year of kim_thanh_bac_son. Reports medians: simulated days per second
(wall clock, start-up included, as a user waits for `bordersim run`), CPU seconds (the output
threads' work included), what the default outputs cost (1 - off/default, wall), and the ratios.

Usage: bench/year_compare.py --new BUILD [--base BUILD] [--repeat 5] [--no-simpy]
"""
import argparse
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = ["lao_cai", "kim_thanh_bac_son"]
DAYS = 365


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--new", required=True, help="build directory of the version under test")
    ap.add_argument("--base", help="build directory of the version before the change")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-simpy", action="store_true")
    args = ap.parse_args()
    builds = {"new": pathlib.Path(args.new) / "bordersim"}
    if args.base:
        builds["base"] = pathlib.Path(args.base) / "bordersim"
    if not args.no_simpy:
        print("== agreement of the SimPy 3 model with bordersim (before timing)", flush=True)
        rc = subprocess.run(["/usr/bin/python3", str(ROOT / "bench/peers/check_kim_thanh.py"),
                             str(builds["new"])]).returncode
        if rc != 0:
            sys.exit("the SimPy model does not agree with bordersim: not timed")
    work = pathlib.Path(tempfile.mkdtemp())
    files = {}
    for s in SCENARIOS:
        files[(s, "default")] = ROOT / "scenarios" / f"{s}.yaml"
        off = work / f"{s}_off.yaml"
        off.write_text(f"extends: {ROOT / 'scenarios' / (s + '.yaml')}\n"
                       "outputs: {vehicles: none, visits: none, timeseries_step: 0s}\n")
        files[(s, "off")] = off
    wall, cpu = {}, {}
    for rep in range(args.repeat):
        for (s, mode), f in files.items():
            for name, binary in builds.items():
                w, c = timed([str(binary), "run", str(f), "--horizon", f"{DAYS}d", "--replications", "1",
                              "--threads", "1", "--quiet", "--force", "-o", str(work / "out.h5")])
                wall.setdefault((name, s, mode), []).append(w)
                cpu.setdefault((name, s, mode), []).append(c)
        if not args.no_simpy:
            w, c = timed(["/usr/bin/python3", str(ROOT / "bench/peers/kim_thanh_simpy3.py"), "--days", str(DAYS)])
            wall.setdefault(("simpy", "kim_thanh_bac_son", "default"), []).append(w)
        print(f"repetition {rep + 1}/{args.repeat} done", flush=True)
    med = {k: statistics.median(v) for k, v in wall.items()}
    medc = {k: statistics.median(v) for k, v in cpu.items()}
    print(f"\nmedians of {args.repeat} interleaved runs; a year = {DAYS} simulated days, one replication, --threads 1")
    print(f"{'build':<6} {'scenario':<18} {'outputs':<8} {'wall s':>7} {'cpu s':>7} {'sim-days/s':>11}")
    for (name, s, mode) in sorted(med):
        c = f"{medc[(name, s, mode)]:7.2f}" if (name, s, mode) in medc else f"{'':>7}"
        print(f"{name:<6} {s:<18} {mode:<8} {med[(name, s, mode)]:7.2f} {c} {DAYS / med[(name, s, mode)]:11.1f}")
    print()
    for name in builds:
        for s in SCENARIOS:
            d, o = med[(name, s, "default")], med[(name, s, "off")]
            print(f"{name}: {s}: default outputs cost {(d - o) / d * 100:5.1f} % of the run "
                  f"({d:.2f} s with them, {o:.2f} s without)")
    if "base" in builds:
        for s in SCENARIOS:
            for mode in ("default", "off"):
                print(f"speed-up new/base: {s} {mode}: {med[('base', s, mode)] / med[('new', s, mode)]:.2f}x")
    if not args.no_simpy:
        sp = med[("simpy", "kim_thanh_bac_son", "default")]
        for name in builds:
            for mode in ("default", "off"):
                print(f"{name} vs SimPy 3 on a year of kim_thanh_bac_son ({mode} outputs): "
                      f"{sp / med[(name, 'kim_thanh_bac_son', mode)]:.1f}x  (SimPy {sp:.2f} s)")


if __name__ == "__main__":
    main()
