#!/usr/bin/env bash
# End-to-end tests through the command line: run, compare, sweep, verify; HDF5 read back with
# Debian's python3-h5py and pandas. Usage: run_e2e.sh BORDERSIM_BINARY
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
scen=$(cd "$here/../../scenarios" && pwd)
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0 fail=0
check() {  # name, command...
  local name=$1; shift
  if "$@" >"$work/$name.log" 2>&1; then pass=$((pass + 1)); echo "PASS $name"
  else fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/    /' "$work/$name.log" | tail -20; fi
}

check run_default "$bin" run --replications 3 --threads 1 --quiet -o t1.h5
check h5py_pandas_invariants "$py" "$here/check_results.py" t1.h5
check threads_bit_identical bash -c "'$bin' run --replications 3 --threads 2 --quiet -o t2.h5 && '$py' '$here/same_data.py' t1.h5 t2.h5"
check quiet_prints_nothing bash -c "test -z \"\$('$bin' run --replications 2 --horizon 3d --warmup 1d --quiet -o q.h5 2>&1)\""
check headline_by_default bash -c "'$bin' run --replications 2 --horizon 3d --warmup 1d -o h.h5 2>/dev/null | tee h.txt | grep -q 'cargo:fresh_fruit/export' && test \$(wc -l <h.txt) -lt 30"
check summary_prints_everything bash -c "'$bin' summary h.h5 | grep -q 'transit time, mean' && '$bin' run --replications 2 --horizon 3d --warmup 1d --verbose --force -o h.h5 2>/dev/null | grep -q 'utilisation by stop'"
check default_output_path bash -c "'$bin' run --replications 2 --quiet --horizon 3d --warmup 1d >/dev/null && test -f results/lao_cai.h5"

# Refuses to overwrite without --force; the earlier file is unchanged.
sum_before=$(sha256sum t1.h5)
check refuses_overwrite bash -c "'$bin' run --replications 2 --quiet -o t1.h5; test \$? -eq 2 && test \"\$(sha256sum t1.h5)\" = '$sum_before'"

# Interrupted by SIGINT: non-zero exit, earlier result intact, no complete-looking file.
interrupt() {
  cp t1.h5 keep.h5
  local before; before=$(sha256sum keep.h5 | cut -d' ' -f1)
  "$bin" run "$scen/lao_cai.yaml" --horizon 3650d --replications 8 --threads 2 --force --quiet -o keep.h5 &
  local pid=$!
  sleep 1.5
  kill -INT $pid
  local rc=0; wait $pid || rc=$?
  test $rc -ne 0 || { echo "exit code $rc after SIGINT"; return 1; }
  test ! -e keep.h5.partial || { echo "partial file left"; return 1; }
  test "$(sha256sum keep.h5 | cut -d' ' -f1)" = "$before" || { echo "earlier result changed"; return 1; }
  "$bin" run "$scen/lao_cai.yaml" --horizon 3650d --replications 4 --threads 2 --quiet -o fresh.h5 &
  pid=$!
  sleep 1
  kill -TERM $pid
  rc=0; wait $pid || rc=$?
  test $rc -ne 0 && test ! -e fresh.h5 && test ! -e fresh.h5.partial
}
check interrupted_run_leaves_no_result interrupt

check compare_self_is_zero bash -c "'$bin' compare '$scen/kim_thanh_bac_son.yaml' '$scen/kim_thanh_bac_son.yaml' --replications 4 --quiet -o self.h5 && '$py' '$here/comparison.py' self.h5 self"
check priority_lane_helps_fruit bash -c "'$bin' compare '$scen/priority_lane_off.yaml' '$scen/priority_lane_on.yaml' --replications 10 --quiet -o lanes.h5 && '$py' '$here/comparison.py' lanes.h5 lanes"
check sweep_points bash -c "'$bin' sweep '$scen/fruit_surge.yaml' --set crossings.kim_thanh_bac_son.intake.export.rate=15/h,22/h --set flows.exports.arrivals.rate=250/day,300/day --replications 2 --quiet -o sweep.h5 && '$py' -c \"import h5py,sys; p=h5py.File('sweep.h5')['points'][:]; sys.exit(0 if len(set(p['point']))==4 else 'points')\""
check sweep_bad_path bash -c "'$bin' sweep '$scen/fruit_surge.yaml' --set crossings.nowhere.intake.export.rate=1/h,2/h --quiet -o bad.h5; test \$? -eq 2 && test ! -e bad.h5"
check validate_bad_scenario bash -c "'$bin' validate '$here/../bad_scenarios/zero_servers.yaml'; test \$? -eq 2"
# Overrides are YAML fragments: a section swept as two mappings (by id and by index), and the
# errors of a bad fragment, an index out of range and an unknown key exit 2 and write nothing.
check sweep_sections bash -c "'$bin' sweep '$scen/fruit_surge.yaml' --set 'gate_sides.kim_thanh.stages[customs_export].lane={servers: 1},{servers: 2}' --set 'flows.exports.arrivals.hourly=[0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0],[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]' --replications 2 --horizon 3d --warmup 1d --quiet -o sweep_lists.h5 && '$py' -c \"import h5py,sys; p=h5py.File('sweep_lists.h5')['points'][:]; sys.exit(0 if len(set(p['point']))==4 else 'points')\""
check sweep_bad_fragment bash -c "'$bin' sweep '$scen/fruit_surge.yaml' --set 'gate_sides.kim_thanh.stages[0].lane={servrs: 1}' --quiet -o bad.h5 2>err.txt; test \$? -eq 2 && test ! -e bad.h5 && grep -q '^--set gate_sides.kim_thanh.stages\[0\].lane:1:2: error: gate_sides.kim_thanh.stages\[0\].lane.servrs: unknown key' err.txt"
check sweep_index_out_of_range bash -c "'$bin' sweep '$scen/fruit_surge.yaml' --set 'gate_sides.kim_thanh.stages[9].servers=1,2' --quiet -o bad.h5 2>err.txt; test \$? -eq 2 && test ! -e bad.h5 && grep -q 'out of range' err.txt"
check usage_error_exit_2 bash -c "'$bin' run --replications abc; test \$? -eq 2"
# --precision 0 %: a usage error before any work, nothing written (an earlier file untouched).
check precision_zero_refused bash -c "'$bin' run '$scen/kim_thanh_bac_son.yaml' --precision 0% --quiet -o p0.h5 2>err.txt; test \$? -eq 2 && test ! -e p0.h5 && grep -q 'precision: must be above 0 %' err.txt"
check explore_nothing_uncertain bash -c "printf 'extends: $scen/kim_thanh_bac_son.yaml\nuncertain: ~\n' >certain_kim.yaml && '$bin' explore certain_kim.yaml --quiet -o ex0.h5 2>err.txt; test \$? -eq 2 && test ! -e ex0.h5 && grep -q 'declares no uncertain inputs' err.txt"
check output_format_is_the_docs bash -c "'$bin' output-format | diff -q - '$here/../../docs/output-format.md'"
check verify bash -c "'$bin' verify --threads 2 | tail -1 | grep -q 'all validation cases pass'"

# The HTML report, rendered in headless Chromium (Debian's package): screenshot and DOM.
render() {  # html, name
  local profile; profile=$(mktemp -d)
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
               --disable-component-update --disable-sync "--user-data-dir=$profile" --window-size=1000,4000)
  timeout 120 chromium "${flags[@]}" --screenshot="$work/$2.png" "file://$work/$1" >/dev/null 2>&1
  timeout 120 chromium "${flags[@]}" --dump-dom "file://$work/$1" >"$work/$2.dom" 2>/dev/null
  rm -rf "$profile"
}
# Each report: self-contained, not blank, its charts present and drawn (no empty plot area), the
# findings naming every cargo class with vehicles, time axes with calendar dates, one colour per
# cargo class; and a cargo class in the same colour in a run's report and a comparison's.
report_run() {
  "$bin" run --replications 3 --quiet -o rep.h5 --report rep.html >/dev/null
  render rep.html rep
  "$py" "$here/check_report.py" rep.html rep.png rep.dom --h5 rep.h5 --dated queue --dated road-queue \
    --dated backlog queue road-queue transit waiting-by-stage reliability border wagon-dwell train-load
}
check report_run_in_chromium report_run
report_compare() {
  "$bin" report lanes.h5 -o lanes.html >/dev/null
  render lanes.html lanes
  "$py" "$here/check_report.py" lanes.html lanes.png lanes.dom --h5 lanes.h5 --dated backlog diff \
    decomposition reliability border
}
check report_compare_in_chromium report_compare
check report_colours_agree "$py" "$here/same_colours.py" rep.dom lanes.dom
report_sweep() {
  "$bin" report sweep.h5 >/dev/null && test -f sweep.html
  render sweep.html sweep
  "$py" "$here/check_report.py" sweep.html sweep.png sweep.dom --h5 sweep.h5 sweep
}
check report_sweep_in_chromium report_sweep
# A surge: the backlog grows (the findings say so) and fruit spoils (a chart, not "nothing spoiled").
report_surge() {
  "$bin" run "$scen/fruit_surge.yaml" --replications 2 --quiet -o surge.h5 --report surge.html >/dev/null
  render surge.html surge
  "$py" "$here/check_report.py" surge.html surge.png surge.dom --h5 surge.h5 --dated queue queue spoiled-share &&
    grep -q 'The backlog grows' surge.dom
}
check report_surge_in_chromium report_surge

# Explore: the surge with uncertain inputs (whether Bac Son admits by the hour or by a daily
# quota, the surge's size, shelf life) and the extended hours as the variant. Longer hours help
# where the intake is a rate and not where it is a quota: the report must say so, with the
# effect's range as /robustness holds it, its charts and the inputs table.
cat >surge_certain.yaml <<EOF
extends: $scen/fruit_surge.yaml
uncertain: ~
EOF
cat >ex_base.yaml <<EOF
extends: surge_certain.yaml
uncertain:
  pickup: {key: crossings.kim_thanh_bac_son.intake.export, values: {rate: {rate: 18/h}, quota: {rate: ~, daily_quota: 220/day}}, why: "admission by the hour or by a daily quota is not published"}
  arrivals: {key: flows.exports.arrivals.rate, low: 260/day, high: 340/day, why: "the surge's size varies by year"}
  shelf: {key: cargo.fresh_fruit.shelf_life, low: 2d, high: 4d, source: baobinhthuan-89581}
EOF
cat >ex_late.yaml <<EOF
extends: ex_base.yaml
name: surge_extended_hours
gate_sides:
  kim_thanh: {extended_hours: [{from: 2025-07-31, to: 2025-08-11, open: "07:00", close: "22:00"}]}
  bac_son: {extended_hours: [{from: 2025-07-31, to: 2025-08-11, open: "08:00", close: "23:00"}]}
EOF
report_explore() {
  "$bin" explore ex_base.yaml ex_late.yaml --points 12 --replications 3 --threads 2 --quiet -o ex.h5 >/dev/null &&
    "$bin" report ex.h5 -o ex.html >/dev/null
  render ex.html ex
  "$py" "$here/check_report.py" ex.html ex.png ex.dom index effect &&
    "$py" "$here/check_explore_report.py" ex.dom ex.h5 --flip "worse only when pickup is quota"
}
check report_explore_in_chromium report_explore
report_explore_morris() {  # Morris, no variant: other indices, the figures' own spread
  "$bin" explore ex_base.yaml --design morris --points 4 --replications 2 --horizon 4d --warmup 1d \
    --threads 2 --quiet -o exm.h5 >/dev/null && "$bin" report exm.h5 -o exm.html >/dev/null
  render exm.html exm
  "$py" "$here/check_report.py" exm.html exm.png exm.dom index spread &&
    "$py" "$here/check_explore_report.py" exm.dom exm.h5 && grep -q 'Morris' exm.dom
}
check report_explore_morris_in_chromium report_explore_morris
# A run and a comparison of a scenario with uncertain inputs say what they assumed and how to
# explore it; a scenario without any has no such section.
report_assumed() {
  "$bin" run ex_base.yaml --replications 2 --horizon 3d --warmup 1d --quiet -o asm.h5 --report asm.html >/dev/null &&
    "$bin" compare ex_base.yaml ex_late.yaml --replications 2 --horizon 3d --warmup 1d --quiet -o asmc.h5 >/dev/null &&
    "$bin" report asmc.h5 -o asmc.html >/dev/null
  render asm.html asm
  render asmc.html asmc
  "$bin" run surge_certain.yaml --replications 2 --horizon 3d --warmup 1d --quiet -o certain.h5 \
    --report certain.html >/dev/null
  render certain.html certain
  ! grep -q 'id="assumed"' certain.dom || { echo "an assumed section without uncertain inputs"; return 1; }
  "$py" "$here/check_assumed.py" asm.dom "bordersim explore ex_base.yaml" &&
    "$py" "$here/check_assumed.py" asmc.dom "bordersim explore ex_base.yaml ex_late.yaml"
}
check report_assumed_inputs report_assumed

echo "$pass passed, $fail failed"
test "$fail" -eq 0
