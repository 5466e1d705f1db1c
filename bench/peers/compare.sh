#!/usr/bin/env bash
# Runs WL-MMC4 (M/M/4: lambda = 3.6, mu = 1, c = 4) on bordersim's engine, on SimPy 2.3
# (Debian's python3-simpy, module SimPy) and on SimPy 3 (python3-simpy3, module simpy: the SimPy 4
# API) in one invocation, and prints customers/s of each and both ratios. The two SimPy runs
# draw the same random numbers, so their mean waits agree exactly.
# Usage: bench/peers/compare.sh [BUILD_DIR]   (ARRIVALS=N sets the SimPy runs' arrivals)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
bench=$build/bench/bordersim_bench
arrivals=${ARRIVALS:-1000000}
[[ -x $bench ]] || { echo "compare.sh: build the benchmarks first (scripts/build.sh)" >&2; exit 2; }

ours=$("$bench" --benchmark_filter='BM_MMc4/coroutine' --benchmark_format=json 2>/dev/null |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["benchmarks"][0]["items_per_second"])')
simpy2_line=$(/usr/bin/python3 "$root/bench/peers/mmc4_simpy.py" --arrivals "$arrivals")
simpy3_line=$(/usr/bin/python3 "$root/bench/peers/mmc4_simpy3.py" --arrivals "$arrivals")
rate() { sed -E 's/.*customers_per_second=([0-9.]+).*/\1/' <<<"$1"; }
simpy2=$(rate "$simpy2_line")
simpy3=$(rate "$simpy3_line")

printf 'bordersim engine (coroutines):      %12.0f customers/s\n' "$ours"
printf 'SimPy 2.3 (Debian python3-simpy):   %12.0f customers/s   (%s)\n' "$simpy2" "$simpy2_line"
printf 'SimPy 3 (Debian python3-simpy3):    %12.0f customers/s   (%s)\n' "$simpy3" "$simpy3_line"
/usr/bin/python3 -c "print(f'ratio engine/SimPy 2.3: {$ours / $simpy2:.1f}x')"
/usr/bin/python3 -c "print(f'ratio engine/SimPy 3:   {$ours / $simpy3:.1f}x')"
