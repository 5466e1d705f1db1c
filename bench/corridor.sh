#!/usr/bin/env bash
# A year of the northern corridor (scenarios/gms_north.yaml), one replication, and how the cost
# scales from one gate to the whole corridor: events/s, simulated days per wall second and peak
# memory for (1) the Lao Cai road gate alone (kim_thanh_bac_son.yaml), (2) the corridor with only
# the flows through Lao Cai (the others at rate 0), (3) the whole corridor. All in one invocation,
# so the ratios between them are what to quote (the machines are noisy).
# Usage: bench/corridor.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build}/bordersim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

one() {  # label, scenario file
  local label=$1 file=$2
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" run "$file" --horizon 365d --warmup 4d \
    --replications 1 --threads 1 --quiet --force -o "$work/out.h5"
  read -r wall kb <"$work/time"
  /usr/bin/python3 - "$work/out.h5" "$label" "$wall" "$kb" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], "r")
g = f["replications/r000"]
events, vehicles = int(g.attrs["events"]), int(g.attrs["arrived"])
wall, kb = float(sys.argv[3]), int(sys.argv[4])
print(f"{sys.argv[2]:<34} {vehicles:>9} trucks ({vehicles / 365:6.0f}/day) {events:>10} events  "
      f"{events / wall / 1e6:5.2f} M events/s  {365 / wall:7.1f} sim-days/s  peak {kb / 1024:6.1f} MiB"
      f"  ({wall:.2f} s)")
PY
}

one "one gate: kim_thanh_bac_son" "$root/scenarios/kim_thanh_bac_son.yaml"
cat >"$work/lao_cai_only.yaml" <<YAML
extends: $root/scenarios/gms_north.yaml
name: gms_north_lao_cai_only
flows:
  fruit_to_nanning: {arrivals: {rate: 0/day}}
  cargo_from_haiphong: {arrivals: {rate: 0/day}}
  imports_from_nanning: {arrivals: {rate: 0/day}}
YAML
one "corridor, Lao Cai flows only" "$work/lao_cai_only.yaml"
one "corridor: gms_north" "$root/scenarios/gms_north.yaml"
