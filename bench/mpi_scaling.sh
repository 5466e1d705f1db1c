#!/usr/bin/env bash
# Strong scaling of a 64-point sweep (8 export rates x 8 customs staffings of kim_thanh_bac_son,
# 2 replications of 10 days each: small points) over 1, 2 and 4 MPI ranks of one thread each,
# against one process with one thread (and, for reference, one process with two threads).
# Interleaved repetitions, medians of wall time; every result file is checked bit for bit
# against the single-process one first. Usage: bench/mpi_scaling.sh [BUILD_DIR] [REPEAT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build}/bordersim
repeat=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpi=(mpirun --oversubscribe --allow-run-as-root --mca btl_vader_single_copy_mechanism none)
args=(sweep "$root/scenarios/kim_thanh_bac_son.yaml"
  --set flows.exports.arrivals.rate=140/day,150/day,160/day,170/day,180/day,190/day,200/day,210/day
  --set gate_sides.kim_thanh.stages.customs_export.servers=2,3,4,5,6,7,8,9
  --replications 2 --horizon 10d --warmup 1d --quiet --force)
declare -A cmd=(
  [plain_t1]="$bin ${args[*]} --threads 1"
  [plain_t2]="$bin ${args[*]} --threads 2"
  [np1]="${mpi[*]} -np 1 $bin ${args[*]} --threads 1"
  [np2]="${mpi[*]} -np 2 $bin ${args[*]} --threads 1"
  [np4]="${mpi[*]} -np 4 $bin ${args[*]} --threads 1"
)
order=(plain_t1 plain_t2 np1 np2 np4)
for k in "${order[@]}"; do
  ${cmd[$k]} -o "$work/$k.h5" >/dev/null
  [[ $k == plain_t1 ]] || /usr/bin/python3 "$root/scripts/same_results.py" "$work/plain_t1.h5" "$work/$k.h5" ||
    { echo "$k: the result differs from one process"; exit 1; }
done
echo "every result file identical to the single-process one (scripts/same_results.py)"
for ((i = 1; i <= repeat; i++)); do
  for k in "${order[@]}"; do
    s=$(date +%s.%N)
    ${cmd[$k]} -o "$work/$k.h5" >/dev/null
    e=$(date +%s.%N)
    echo "$k $(echo "$e - $s" | bc)" >>"$work/times"
  done
done
/usr/bin/python3 - "$work/times" "$(nproc)" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    t.setdefault(k, []).append(float(v))
med = {k: statistics.median(v) for k, v in t.items()}
base = med["plain_t1"]
print(f"64-point sweep, medians of {len(t['plain_t1'])} interleaved runs on {sys.argv[2]} cores (wall clock, MPI start-up included)")
print(f"{'run':<34} {'wall s':>7} {'speed-up':>9} {'per rank':>9}")
rows = [("one process, 1 thread", "plain_t1", 1), ("one process, 2 threads", "plain_t2", None),
        ("mpirun -np 1, 1 thread", "np1", 1), ("mpirun -np 2, 1 thread each", "np2", 2),
        ("mpirun -np 4, 1 thread each", "np4", 4)]
for label, k, n in rows:
    s = base / med[k]
    print(f"{label:<34} {med[k]:7.2f} {s:8.2f}x {'' if n is None else f'{s / n:8.2f}x':>9}")
PY
