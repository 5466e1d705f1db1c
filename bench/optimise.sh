#!/usr/bin/env bash
# What `bordersim optimise` costs beside its simulations: the scenario's `optimise:` section
# (default: the lychee-season staffing case, 3 stages x 4 blocks) on 2 threads, and under
# `mpirun -np 2` (one thread each) when mpirun exists. Per setting: the median wall time, the
# plan evaluations and replications the file states (/optimisation attributes), and the share
# of the wall time spent outside simulation.
#
# Method: simulation time = the replications simulated (the file's `replications`: the search,
# the selection and the scenario's own staffing) x the time of one replication, measured in
# the same invocation by `bordersim run` of the same scenario with the same parallelism and
# without per-vehicle tables or time series (as optimise evaluates plans in memory): the
# difference between runs of N (the optimisation's replications, from an untimed first run) and
# 2 replications, divided by N - 2, so loading the scenario and
# writing the file are not counted as simulation. Outside simulation = 1 - simulation / wall:
# the search and the selection, building each plan's scenario, collecting the targets' values,
# waiting for the slowest replication of a batch, and (MPI) the ranks agreeing on each step.
# Replications of different plans differ in length a little (more officers, shorter queues), so
# the share is an estimate, not an account: a small negative share is within its noise.
#
# A whole corridor: with K crossings like this one, each with its own levers, a greedy step
# evaluates K times the neighbours and the search takes about K times the steps, and each
# replication simulates K crossings: about K^3 times the simulation time (the last line).
#
# Usage: bench/optimise.sh [SCENARIO] [BUILD_DIR] [REPEAT]
# (defaults: scenarios/lychee_staffing.yaml, build, 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scenario=$(realpath "${1:-$root/scenarios/lychee_staffing.yaml}")
bin=${2:-$root/build}/bordersim
repeat=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -f $scenario ]] || { echo "no scenario $scenario" >&2; exit 2; }
mpi=(mpirun --oversubscribe --allow-run-as-root --mca btl_vader_single_copy_mechanism none)
# The reference runs: the same scenario, its tables as lean as optimise's in-memory plans.
cat >"$work/lean.yaml" <<YAML
extends: $scenario
outputs: {vehicles: none, visits: none, timeseries_step: 0s}
YAML
optimise=(optimise "$scenario" --quiet --force)
run=(run "$work/lean.yaml" --quiet --force)
# N: the replications one optimisation simulates (its own staffing's included), from a first run.
"$bin" "${optimise[@]}" --threads 2 -o "$work/first.h5" >/dev/null || [[ $? == 1 ]]
ref=$(/usr/bin/python3 -c 'import h5py, sys; a = h5py.File(sys.argv[1], "r")["optimisation"].attrs
print(int(a["replications"]))' "$work/first.h5")
ref=$((ref > 65535 ? 65535 : ref))
declare -A cmd=(
  [opt_t2]="$bin ${optimise[*]} --threads 2"
  [run1_t2]="$bin ${run[*]} --threads 2 --replications 2"
  [run2_t2]="$bin ${run[*]} --threads 2 --replications $ref"
)
order=(opt_t2 run1_t2 run2_t2)
if command -v mpirun >/dev/null; then
  cmd[opt_np2]="${mpi[*]} -np 2 $bin ${optimise[*]} --threads 1"
  cmd[run1_np2]="${mpi[*]} -np 2 $bin ${run[*]} --threads 1 --replications 2"
  cmd[run2_np2]="${mpi[*]} -np 2 $bin ${run[*]} --threads 1 --replications $ref"
  order+=(opt_np2 run1_np2 run2_np2)
else
  echo "mpirun not found: 2 threads only"
fi
# Interleaved repetitions; optimise exits 1 when no plan meets the targets (still a result).
for ((i = 1; i <= repeat; i++)); do
  for k in "${order[@]}"; do
    s=$(date +%s.%N)
    ${cmd[$k]} -o "$work/$k.h5" >/dev/null || [[ $? == 1 && $k == opt_* ]]
    e=$(date +%s.%N)
    echo "$k $(echo "$e - $s" | bc)" >>"$work/times"
  done
done
/usr/bin/python3 - "$work" "$ref" "$scenario" <<'PY'
import statistics, sys
import h5py
work, ref, scenario = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t = {}
for line in open(f"{work}/times"):
    k, v = line.split()
    t.setdefault(k, []).append(float(v))
m = {k: statistics.median(v) for k, v in t.items()}
print(f"optimise {scenario}: medians of {len(t['opt_t2'])} interleaved repetitions; "
      f"one replication timed from runs of {ref} and 2 replications")
print(f"{'setting':<14}{'wall s':>8}{'evaluations':>13}{'replications':>14}{'s/replication':>15}"
      f"{'simulation s':>14}{'outside':>9}  plan")
rows = {}
for tag, name in (("t2", "2 threads"), ("np2", "mpirun -np 2")):
    if f"opt_{tag}" not in m:
        continue
    with h5py.File(f"{work}/opt_{tag}.h5", "r") as f:
        a = f["optimisation"].attrs
        plan = ",".join(str(x) for x in f["optimisation/decisions"]["chosen"])
        ev, feasible = int(a["evaluations"]), int(a["feasible"])
        reps = int(a["replications"])  # search, selection and the own staffing
    per_rep = max(0.0, m[f"run2_{tag}"] - m[f"run1_{tag}"]) / (ref - 2)
    sim = reps * per_rep
    wall = m[f"opt_{tag}"]
    rows[tag] = (wall, sim)
    print(f"{name:<14}{wall:8.2f}{ev:13d}{reps:14d}{per_rep:15.4f}{sim:14.2f}"
          f"{1 - sim / wall:9.1%}  {plan}{'' if feasible else ' (infeasible)'}")
wall, sim = rows["t2"]
def span(s):
    return f"{s / 60:.0f} min" if s < 3600 else f"{s / 3600:.1f} h"
for k in (3, 10):
    print(f"a corridor of {k} such crossings (each with its own levers; about {k}^3 times the "
          f"simulation): ~{span(sim * k ** 3)} of simulation on 2 cores")
PY
