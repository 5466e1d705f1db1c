#!/usr/bin/env bash
# What a design costs beside its runs: a 64-point LHS over 4 uncertain inputs of
# kim_thanh_bac_son, 10 replications of 30 days per point (640 replications), against one `run`
# of the same size (640 replications of 30 days), on 2 threads and under `mpirun -np 2` (one
# thread each). Interleaved repetitions, medians of wall time; the MPI result files are checked
# bit for bit against the single-process ones first. Usage: bench/explore.sh [BUILD_DIR] [REPEAT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build}/bordersim
repeat=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpi=(mpirun --oversubscribe --allow-run-as-root --mca btl_vader_single_copy_mechanism none)
# Four of the scenario's uncertain inputs: the others dropped.
cat >"$work/four.yaml" <<YAML
extends: $root/scenarios/kim_thanh_bac_son.yaml
uncertain: {bac_son_exit_servers: ~, plant_quarantine_time: ~, bridge_time: ~}
YAML
n_inputs=$("$bin" validate "$work/four.yaml" | sed -n 's/.*uncertain inputs (\([0-9]*\);.*/\1/p')
[[ $n_inputs == 4 ]] || { echo "expected 4 uncertain inputs, found '$n_inputs'"; exit 1; }
explore=(explore "$work/four.yaml" --design lhs --points 64 --replications 10 --horizon 30d --quiet --force)
run=(run "$work/four.yaml" --replications 640 --horizon 30d --quiet --force)
declare -A cmd=(
  [explore_t2]="$bin ${explore[*]} --threads 2"
  [run_t2]="$bin ${run[*]} --threads 2"
  [explore_np2]="${mpi[*]} -np 2 $bin ${explore[*]} --threads 1"
  [run_np2]="${mpi[*]} -np 2 $bin ${run[*]} --threads 1"
)
order=(explore_t2 run_t2 explore_np2 run_np2)
for k in "${order[@]}"; do ${cmd[$k]} -o "$work/$k.h5" >/dev/null; done
/usr/bin/python3 "$root/scripts/same_results.py" "$work/explore_t2.h5" "$work/explore_np2.h5"
/usr/bin/python3 "$root/scripts/same_results.py" "$work/run_t2.h5" "$work/run_np2.h5"
echo "MPI result files identical to the single-process ones (scripts/same_results.py)"
for ((i = 1; i <= repeat; i++)); do
  for k in "${order[@]}"; do
    s=$(date +%s.%N)
    ${cmd[$k]} -o "$work/$k.h5" >/dev/null
    e=$(date +%s.%N)
    echo "$k $(echo "$e - $s" | bc)" >>"$work/times"
  done
done
/usr/bin/python3 - "$work/times" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    t.setdefault(k, []).append(float(v))
m = {k: statistics.median(v) for k, v in t.items()}
print(f"{'command':<12} {'median s':>9}  runs: {', '.join(f'{x:.2f}' for x in t['explore_t2'])} (explore_t2)")
for k in ("explore_t2", "run_t2", "explore_np2", "run_np2"):
    extra = f"  {64 / m[k] * 60:7.1f} points/min" if k.startswith("explore") else ""
    print(f"{k:<12} {m[k]:9.2f}{extra}")
print(f"explore / run of the same size: {m['explore_t2'] / m['run_t2']:.2f} (2 threads), "
      f"{m['explore_np2'] / m['run_np2']:.2f} (mpirun -np 2)")
PY
