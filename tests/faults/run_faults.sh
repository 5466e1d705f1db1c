#!/usr/bin/env bash
# The fault suite: a full disk, two runs on one output, a killed run, Ctrl-C on a stalling run.
# Needs root (it mounts small tmpfs file systems); exits 77 (skipped) otherwise.
# Usage: run_faults.sh BORDERSIM_BINARY
set -uo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
scen=$(cd "$here/../../scenarios" && pwd)
py=/usr/bin/python3
if [ "$(id -u)" -ne 0 ]; then echo "SKIP: the fault suite mounts tmpfs and needs root"; exit 77; fi
work=$(mktemp -d)
full="$work/full"
mkdir -p "$full"
cleanup() { umount "$full" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if ! mount -t tmpfs -o size=500k tmpfs "$full" 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here"; exit 77
fi
cd "$work"
pass=0 fail=0
check() {  # name, command...
  local name=$1; shift
  if "$@" >"$work/$name.log" 2>&1; then pass=$((pass + 1)); echo "PASS $name"
  else fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/    /' "$work/$name.log" | tail -20; fi
}
valid() { "$py" -c "import h5py,sys; f=h5py.File(sys.argv[1],'r'); assert len(f['summary']) > 0" "$1"; }

# A full disk during a run: exit 1 with the system's reason, no crash, nothing left behind; an
# earlier result replaced with --force stays byte for byte as it was.
disk_full() {
  rm -f "$full"/*
  local rc=0
  "$bin" run "$scen/lao_cai.yaml" -o "$full/r.h5" --quiet >out.txt 2>&1 || rc=$?
  test $rc -eq 1 || { echo "exit $rc (expected 1)"; cat out.txt; return 1; }
  grep -q "No space left on device" out.txt || { echo "no reason given:"; cat out.txt; return 1; }
  test -z "$(ls -A "$full")" || { echo "left behind:"; ls -la "$full"; return 1; }
}
disk_full_keeps_earlier() {
  rm -f "$full"/*
  "$bin" run "$scen/kim_thanh_bac_son.yaml" -o "$full/r.h5" --replications 1 --horizon 3d --warmup 1d --quiet \
    >/dev/null || return 1
  local before; before=$(sha256sum "$full/r.h5" | cut -d' ' -f1)
  local rc=0
  "$bin" run "$scen/lao_cai.yaml" -o "$full/r.h5" --force --quiet --report "$full/r.html" >out.txt 2>&1 || rc=$?
  test $rc -eq 1 || { echo "exit $rc (expected 1)"; cat out.txt; return 1; }
  test "$(sha256sum "$full/r.h5" | cut -d' ' -f1)" = "$before" || { echo "earlier result changed"; return 1; }
  test "$(ls -A "$full")" = "r.h5" || { echo "left behind:"; ls -la "$full"; return 1; }
  valid "$full/r.h5"
}
check disk_full disk_full
check disk_full_keeps_earlier disk_full_keeps_earlier

# Two runs on one output: the second is refused at once (exit 2) and the first completes a valid
# result; also with HDF5's own file locking off (usual on NFS).
two_writers() {
  rm -f two.h5
  "$bin" run "$scen/lao_cai.yaml" --horizon 1000d --replications 2 --threads 1 --quiet -o two.h5 >first.txt 2>&1 &
  local first=$!
  sleep 0.5
  local rc=0
  "$bin" run "$scen/lao_cai.yaml" --horizon 3d --warmup 1d --replications 1 --quiet --force -o two.h5 >second.txt 2>&1 ||
    rc=$?
  wait $first || { echo "the first run failed"; cat first.txt; return 1; }
  test $rc -eq 2 || { echo "second run: exit $rc (expected 2)"; cat second.txt; return 1; }
  grep -q "another bordersim run is writing" second.txt || { cat second.txt; return 1; }
  test ! -e two.h5.partial && test ! -e two.h5.lock || { echo "left behind"; ls -la; return 1; }
  valid two.h5
}
check two_writers two_writers
check two_writers_without_hdf5_locking env HDF5_USE_FILE_LOCKING=FALSE bash -c "$(declare -f two_writers valid); bin='$bin' scen='$scen' py='$py' two_writers"

# kill -9 in the middle of a run, then a new run on the same output: it succeeds; the stale
# .partial neither blocks nor corrupts it.
killed_then_rerun() {
  rm -f k.h5*
  "$bin" run "$scen/lao_cai.yaml" --horizon 3650d --replications 2 --threads 2 --quiet -o k.h5 &
  local pid=$!
  sleep 1
  kill -9 $pid
  wait $pid 2>/dev/null
  test -e k.h5.partial || { echo "expected a stale partial file from the killed run"; return 1; }
  test ! -e k.h5 || { echo "a killed run left a complete-looking result"; return 1; }
  "$bin" run "$scen/kim_thanh_bac_son.yaml" --horizon 3d --warmup 1d --replications 1 --quiet -o k.h5 >/dev/null ||
    return 1
  test ! -e k.h5.partial || { echo "partial left after the new run"; return 1; }
  valid k.h5
}
check killed_then_rerun killed_then_rerun

# Ctrl-C stops a run within a second. The stalls of the fuzz campaign (a sampler that never
# returns, zero-time loops, absurd horizons, steps and rates) are refused by the loader now; what
# remains valid is a very long run, which the engine's cancel check (every few thousand events,
# whatever simulated time does) stops at once.
sigint_within_a_second() {
  cat >slow.yaml <<YAML
extends: $scen/lao_cai.yaml
name: slow
horizon: 36000d
outputs: {timeseries_step: 1d, vehicles: none, visits: none}
YAML
  "$bin" run slow.yaml --replications 2 --threads 2 --quiet -o slow.h5 --allow-large >slow.txt 2>&1 &
  local pid=$!
  sleep 1.5
  local t0; t0=$(date +%s.%N)
  kill -INT $pid
  local rc=0; wait $pid || rc=$?
  local t1; t1=$(date +%s.%N)
  test $rc -eq 1 || { echo "exit $rc after SIGINT (expected 1)"; cat slow.txt; return 1; }
  "$py" -c "import sys; d=float(sys.argv[2])-float(sys.argv[1]); print(f'stopped {d:.2f} s after SIGINT'); sys.exit(d > 1.0)" "$t0" "$t1"
  test ! -e slow.h5 && test ! -e slow.h5.partial || { echo "left a file behind"; return 1; }
}
check sigint_within_a_second sigint_within_a_second

# Out of memory (an address-space limit the run was told to ignore with --allow-large): exit 1
# with "out of memory while running run" and the estimate, no file left, never the symptom of
# whatever failed to allocate (a process failure, an HDF5 property error). Without --allow-large
# the same limit refuses the run before it starts (exit 2). A sanitizer build reserves terabytes
# of shadow memory and cannot run under such a limit: skipped there.
out_of_memory() {
  # grep reads all of ldd's output: with -q it may exit first, and pipefail then takes ldd's
  # SIGPIPE for "not found".
  if ldd "$bin" | grep libasan >/dev/null; then echo "skipped: sanitizer build"; return 0; fi
  local rc=0
  (ulimit -v 300000; exec "$bin" run "$scen/lao_cai.yaml" --horizon 3000d --replications 2 --threads 2 \
     --quiet -o oom.h5 --allow-large) >oom.txt 2>&1 || rc=$?
  cat oom.txt
  test $rc -eq 1 || { echo "exit $rc (expected 1)"; return 1; }
  grep -q "out of memory while running run: 2 replication(s) on 2 thread(s) need about" oom.txt || return 1
  test ! -e oom.h5 && test ! -e oom.h5.partial || { echo "left behind"; return 1; }
  rc=0
  (ulimit -v 300000; exec "$bin" run "$scen/lao_cai.yaml" --horizon 3000d --replications 2 --threads 2 \
     --quiet -o oom.h5) >oom.txt 2>&1 || rc=$?
  test $rc -eq 2 && grep -q "this run may plan for" oom.txt || { echo "exit $rc:"; cat oom.txt; return 1; }
}
check out_of_memory out_of_memory

echo "$pass passed, $fail failed"
test "$fail" -eq 0
