#!/usr/bin/env bash
# Where the time goes: the engine on WL-MMC4 (callgrind, instruction counts: repeatable on a loaded
# machine) and the model on a year of lao_cai.yaml and kim_thanh_bac_son.yaml (perf with the
# software cpu-clock event, by library and by function; callgrind of the same year with the tables
# off, for the simulation's own shares). Build with symbols first, e.g.
#   cmake -S . -B build-prof -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-g -DBORDERSIM_TESTS=OFF
#   cmake --build build-prof --target bordersim bordersim_bench
# Usage: bench/profile.sh [BUILD_DIR] [OUT_DIR]     (needs valgrind and linux-perf)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-prof}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
bin=$build/bordersim
first() { awk -v n="$1" 'NR <= n'; }  # reads all its input: no SIGPIPE upstream under pipefail
top() { sed -n '/^Ir/,$p' | grep -E '^ *[0-9,]+ +\(' | grep -v 'PROGRAM TOTALS' | first "$1" | cut -c1-150; }

echo "== WL-MMC4, engine (callgrind; 3 runs of 10^6 customers)"
valgrind --tool=callgrind --callgrind-out-file="$out/mmc4.cg" "$build/bench/bordersim_bench" \
  --benchmark_filter='BM_MMc4/coroutine' >/dev/null 2>&1
callgrind_annotate "$out/mmc4.cg" 2>/dev/null | grep 'PROGRAM TOTALS'
callgrind_annotate "$out/mmc4.cg" 2>/dev/null | top 15

for s in lao_cai kim_thanh_bac_son; do
  echo "== a year of $s, default outputs (perf, cpu-clock)"
  perf record -q -e cpu-clock -F 2000 -o "$out/$s.perf" "$bin" run "$root/scenarios/$s.yaml" \
    --horizon 365d --replications 1 --threads 1 --quiet --force -o "$out/$s.h5" >/dev/null 2>&1
  perf report -i "$out/$s.perf" --no-children --sort dso -g none 2>/dev/null | grep '%' | first 6
  perf report -i "$out/$s.perf" --no-children --sort symbol -g none 2>/dev/null | grep '%' |
    first 20 | cut -c1-120
  echo "== a year of $s, tables off (callgrind, exclusive)"
  cat >"$out/${s}_off.yaml" <<YAML
extends: $root/scenarios/$s.yaml
outputs: {vehicles: none, visits: none, timeseries_step: 0s}
YAML
  valgrind --tool=callgrind --callgrind-out-file="$out/${s}_off.cg" "$bin" run "$out/${s}_off.yaml" \
    --horizon 365d --replications 1 --threads 1 --quiet --force -o "$out/${s}_off.h5" >/dev/null 2>&1
  callgrind_annotate "$out/${s}_off.cg" 2>/dev/null | grep 'PROGRAM TOTALS'
  callgrind_annotate "$out/${s}_off.cg" 2>/dev/null | top 25
done
echo "profiles in $out"
