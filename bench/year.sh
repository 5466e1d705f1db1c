#!/usr/bin/env bash
# A year of scenarios/lao_cai.yaml, one replication, vehicle and visit tables written: events/s,
# simulated days per wall second and peak memory; then the same at 1,000 export trucks a day, and
# a year of the fruit surge without and with driver behaviour.
# Usage: bench/year.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build}/bordersim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

one() {  # label, scenario file, extra args...
  local label=$1 file=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" run "$file" --horizon 365d --warmup 0s --replications 1 \
    --threads 1 --quiet --force -o "$work/out.h5" "$@" >/dev/null
  read -r wall kb <"$work/time"
  /usr/bin/python3 - "$work/out.h5" "$label" "$wall" "$kb" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], "r")
g = f["replications/r000"]
events, vehicles = int(g.attrs["events"]), int(g.attrs["arrived"])
wall, kb = float(sys.argv[3]), int(sys.argv[4])
print(f"{sys.argv[2]:<28} {vehicles:>9} vehicles {events:>10} events  {events / wall / 1e6:6.2f} M events/s  "
      f"{365 / wall:8.1f} sim-days/s  peak {kb / 1024:7.1f} MiB  ({wall:.2f} s wall, file {len(open(sys.argv[1],'rb').read()) / 2**20:.1f} MiB)")
PY
}

# Vehicle and visit tables of every replication written (outputs: all).
cat >"$work/year.yaml" <<YAML
extends: $root/scenarios/lao_cai.yaml
outputs: {vehicles: all, visits: all, timeseries_step: 1h}
YAML
one "lao_cai, normal rates" "$work/year.yaml"
cat >"$work/year1000.yaml" <<YAML
extends: $root/scenarios/lao_cai.yaml
name: lao_cai_1000
outputs: {vehicles: all, visits: all, timeseries_step: 1h}
flows:
  exports:
    arrivals: {rate: 1000/day}
gate_sides:
  kim_thanh:
    yard: {outbound: 400, inbound: 200}
    stages:
      - {id: exit_barrier, servers: 6}
      - {id: customs_export, servers: 8}
  bac_son:
    yard: {outbound: 200, inbound: 400}
    stages:
      - {id: entry_inspection, servers: 8}
      - {id: quarantine, servers: 6}
      - {id: exit_inspection, servers: 6}
crossings:
  kim_thanh_bac_son:
    transshipment: {bays: 300}
YAML
one "lao_cai, 1000 exports/day" "$work/year1000.yaml"

# The fruit surge over a year (issue 10): exports past the Chinese intake build an unbounded
# backlog when nobody gives up; with drivers' patience and spoiled loads turned back it levels off.
cat >"$work/surge.yaml" <<YAML
extends: $root/scenarios/fruit_surge.yaml
outputs: {vehicles: all, visits: all, timeseries_step: 1h}
YAML
one "fruit_surge, nobody gives up" "$work/surge.yaml"
cat >"$work/surge_behaviour.yaml" <<YAML
extends: $root/scenarios/fruit_surge.yaml
name: fruit_surge_behaviour
outputs: {vehicles: all, visits: all, timeseries_step: 1h}
flows:
  exports:
    behaviour: {patience: {dist: exponential, mean: 24h}, spoiled: turn_back}
YAML
one "fruit_surge, patience 24 h" "$work/surge_behaviour.yaml"

