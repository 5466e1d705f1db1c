#!/usr/bin/env bash
# Runs WL-MMC4 on bordersim's engine and on SimPy (Debian's python3-simpy) in one invocation and
# prints customers/s of each and their ratio. Usage: bench/peers/compare.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
bench=$build/bench/bordersim_bench
[[ -x $bench ]] || { echo "compare.sh: build the benchmarks first (scripts/build.sh)" >&2; exit 2; }

ours=$("$bench" --benchmark_filter='BM_MMc4/coroutine' --benchmark_format=json 2>/dev/null |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["benchmarks"][0]["items_per_second"])')
simpy_line=$(/usr/bin/python3 "$root/bench/peers/mmc4_simpy.py")
theirs=$(sed -E 's/.*customers_per_second=([0-9.]+).*/\1/' <<<"$simpy_line")

printf 'bordersim engine (coroutines): %12.0f customers/s\n' "$ours"
printf 'SimPy (Debian python3-simpy):  %12.0f customers/s   (%s)\n' "$theirs" "$simpy_line"
/usr/bin/python3 -c "print(f'ratio engine/SimPy: {$ours / $theirs:.1f}x')"
