#!/usr/bin/python3
"""The engine's benchmark targets as ratios within one run, repeated.

Runs bordersim_bench REPEAT times (default 5) and prints, for each run and as the median (with
the range), the ratios the issue tracks:
  WL-MMC4   engine (coroutines) / hand-written loop, customers per second (goal 0.9);
  WL-HOLD   default event set / std::priority_queue at 10^2, 10^4, 10^6 pending events (goal 4
            at 10^4 and 10^6), and the ladder queue alone.
Both sides of a ratio run in the same process, seconds apart, so machine load cancels out as far
as it can; the spread over runs says how far that is.

Usage: bench/engine_ratios.py [BUILD_DIR] [--repeat N] [--bench PATH ...]
With several --bench binaries (e.g. a build of the commit before a change), each runs in turn
within every repetition.
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys

FILTER = "BM_MMc4|BM_Hold/|BM_HoldLadder/(100|10000|1000000)/|BM_HoldBaseline"
RATIOS = [
    ("WL-MMC4 engine/loop", "BM_MMc4/coroutine", "BM_MMc4/baseline"),
] + [
    (f"hold 10^{k} default/std", f"BM_Hold/{10**k}", f"BM_HoldBaseline/{10**k}") for k in (2, 4, 6)
] + [
    (f"hold 10^{k} ladder/std", f"BM_HoldLadder/{10**k}", f"BM_HoldBaseline/{10**k}") for k in (2, 4, 6)
]


def run(binary):
    out = subprocess.run([binary, f"--benchmark_filter={FILTER}", "--benchmark_format=json"],
                         check=True, capture_output=True, text=True).stdout
    rates = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("error_occurred"):
            sys.exit(f"{binary}: {b['name']}: {b.get('error_message')}")
        rates[b["name"].split("/iterations")[0]] = b["items_per_second"]
    return rates


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build", nargs="?", default=str(pathlib.Path(__file__).resolve().parent.parent / "build"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--bench", action="append", help="benchmark binaries (default: BUILD/bench/bordersim_bench)")
    args = ap.parse_args()
    benches = args.bench or [str(pathlib.Path(args.build) / "bench" / "bordersim_bench")]
    ratios = {b: {name: [] for name, _, _ in RATIOS} for b in benches}
    for rep in range(args.repeat):
        for b in benches:
            rates = run(b)
            line = []
            for name, num, den in RATIOS:
                if num in rates and den in rates:
                    r = rates[num] / rates[den]
                    ratios[b][name].append(r)
                    line.append(f"{name.split()[0]} {name.split()[1]} {r:.2f}")
            print(f"run {rep + 1} {b}: " + ", ".join(line), flush=True)
    for b in benches:
        print(f"\n{b}: median over {args.repeat} runs (min - max)")
        for name, values in ratios[b].items():
            if values:
                print(f"  {name:<26} {statistics.median(values):5.2f}x  ({min(values):.2f} - {max(values):.2f})")


if __name__ == "__main__":
    main()
