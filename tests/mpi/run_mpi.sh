#!/usr/bin/env bash
# MPI runs give the result file of one process: run, compare and sweep with 1, 2 and 4 ranks
# (explore, optimise and --precision with 2 and 3)
# (oversubscribed on a small machine), every dataset bit for bit (scripts/same_results.py), the
# terminal text the same; rank 0's failures (an existing output, a bad scenario) stop every rank
# with rank 0's exit code and message, leaving no file behind.
# Usage: run_mpi.sh BORDERSIM_BINARY   (exit 77, skipped, without mpirun)
set -uo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
scen=$(cd "$here/../../scenarios" && pwd)
same="/usr/bin/python3 $here/../../scripts/same_results.py"
command -v mpirun >/dev/null || { echo "SKIP: no mpirun (Debian's openmpi-bin)"; exit 77; }
# In a sanitizer build, leak checking is off here: Open MPI keeps allocations until exit in
# components it has already unloaded (LeakSanitizer sees "<unknown module>", so no suppression
# can name them). Every other sanitizer check stays on, and the same code paths run with leak
# checking in the rest of the suite.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
# As root in CI; shared memory without the single-copy mechanism containers often forbid.
mpi=(timeout 300 mpirun --oversubscribe --allow-run-as-root --mca btl_vader_single_copy_mechanism none)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
source "$here/../check.sh"

# Every table of every replication written (vehicles, visits, time series, trains): the records
# that travel between ranks are all compared.
cat >all.yaml <<YAML
extends: $scen/lao_cai.yaml
name: lao_cai_all
outputs: {vehicles: all, visits: all, timeseries_step: 2h}
YAML

same_as_one() {  # name, ranks, bordersim arguments (no -o)...
  local name=$1 n=$2; shift 2
  "$bin" "$@" --quiet --force -o "$name.1p.h5" >"$name.1p.txt" || return 1
  "${mpi[@]}" -np "$n" "$bin" "$@" --quiet --force -o "$name.$n.h5" >"$name.$n.txt" || return 1
  $same "$name.1p.h5" "$name.$n.h5" || return 1
  $same "$name.$n.h5" "$name.1p.h5" || return 1   # nothing more in the MPI file either
  sed "s/$name\.$n\.h5/X/" "$name.$n.txt" | diff <(sed "s/$name\.1p\.h5/X/" "$name.1p.txt") - || return 1
  test ! -e "$name.$n.h5.partial" && test ! -e "$name.$n.h5.lock"
}
for n in 1 2 4; do
  check "run_all_tables_np$n" same_as_one run_all "$n" run all.yaml --replications 5 --horizon 10d --warmup 1d --threads 2
  check "run_network_np$n" same_as_one network "$n" run "$scen/gms_north.yaml" --replications 3 --horizon 10d --warmup 1d
  check "compare_np$n" same_as_one compare "$n" compare "$scen/priority_lane_off.yaml" "$scen/priority_lane_on.yaml" \
    --replications 4 --horizon 10d --warmup 1d
  check "sweep_np$n" same_as_one sweep "$n" sweep "$scen/fruit_surge.yaml" \
    --set crossings.kim_thanh_bac_son.intake.export.rate=15/h,22/h --set flows.exports.arrivals.rate=250/day,300/day \
    --replications 2 --horizon 10d --warmup 1d --threads 1
done

# Explore (a design of scenarios, the variant paired) and --precision (batches decided on rank 0
# and agreed with the workers): the same file for any rank count.
cat >unc.yaml <<YAML
extends: $scen/kim_thanh_bac_son.yaml
uncertain:
  transshipped: {key: crossings.kim_thanh_bac_son.transshipment.share, low: 0.05, high: 0.2, why: test}
  officers: {key: gate_sides.kim_thanh.stages.plant_quarantine.servers, low: 1, high: 3, why: test}
YAML
cat >late.yaml <<YAML
extends: unc.yaml
name: late
gate_sides: {bac_son: {hours: {open: "08:00", close: "22:00"}}}
YAML
for n in 2 3; do
  check "explore_np$n" same_as_one explore "$n" explore unc.yaml late.yaml --points 5 \
    --replications 2 --horizon 6d --warmup 1d --threads 1
  check "precision_np$n" same_as_one precision "$n" compare "$scen/priority_lane_off.yaml" \
    "$scen/priority_lane_on.yaml" --replications 2 --precision 4% --max-replications 12 \
    --horizon 6d --warmup 1d --threads 1
done

# Optimise: every step's plans told to the workers (agree), the search and the selection the
# same for any rank count.
for n in 2 3; do
  check "optimise_np$n" same_as_one optimise "$n" optimise "$scen/lychee_staffing.yaml" \
    --replications 3 --horizon 6d --warmup 1d --threads 1 --max-evaluations 40
done

# An optimisation no plan can satisfy is an answer: exit 1 from mpirun (no abort), the best plan
# written, the same file as one process writes.
infeasible_optimise() {
  local rc=0
  "${mpi[@]}" -np 2 "$bin" optimise "$scen/lychee_staffing.yaml" --replications 2 --horizon 4d \
    --warmup 1d --threads 1 --max-evaluations 10 --target "border_time_p50{cargo=fresh_fruit} <= 1min" \
    --quiet --force -o infeasible.h5 >out.txt 2>&1 || rc=$?
  test "$rc" -eq 1 || { cat out.txt; echo "exit $rc, expected 1"; return 1; }
  ! grep -q "MPI_ABORT" out.txt || { cat out.txt; return 1; }
  test -s infeasible.h5
}
check optimise_infeasible_exits_1 infeasible_optimise

# The replications really are spread: with one thread each, every rank runs some.
spread() {
  BORDERSIM_MPI_TRACE=1 "${mpi[@]}" -np 4 "$bin" run "$scen/kim_thanh_bac_son.yaml" --replications 12 --horizon 20d \
    --threads 1 --quiet --force -o spread.h5 2>trace.txt >/dev/null || { cat trace.txt; return 1; }
  cat trace.txt
  test "$(grep -c 'from rank' trace.txt)" -eq 12 || return 1
  for r in 0 1 2 3; do grep -q "from rank $r\$" trace.txt || { echo "rank $r ran nothing"; return 1; }; done
}
check replications_spread_over_every_rank spread

# Rank 0 refuses the output (it exists, no --force): exit 2 from every rank, the file untouched.
refused() {
  "$bin" run "$scen/kim_thanh_bac_son.yaml" --replications 1 --horizon 2d --warmup 1d --quiet -o keep.h5 || return 1
  local before; before=$(sha256sum keep.h5)
  local rc=0
  "${mpi[@]}" -np 3 "$bin" run "$scen/kim_thanh_bac_son.yaml" --replications 4 --horizon 5d --warmup 1d --quiet \
    -o keep.h5 >out.txt 2>&1 || rc=$?
  test $rc -eq 2 || { echo "exit $rc (expected 2)"; cat out.txt; return 1; }
  test "$(grep -c 'exists; use --force' out.txt)" -eq 1 || { echo "message not once:"; cat out.txt; return 1; }
  test "$(sha256sum keep.h5)" = "$before" && test ! -e keep.h5.partial
}
check refused_output_stops_every_rank refused
bad_scenario() {
  local rc=0
  "${mpi[@]}" -np 2 "$bin" run "$here/../bad_scenarios/zero_servers.yaml" --quiet -o bad.h5 >out.txt 2>&1 || rc=$?
  test $rc -eq 2 || { echo "exit $rc (expected 2)"; cat out.txt; return 1; }
  test "$(grep -c 'error: gate_sides' out.txt)" -eq 1 || { cat out.txt; return 1; }
  test ! -e bad.h5 && test ! -e bad.h5.partial
}
check bad_scenario_reported_once bad_scenario

checks_done
