#!/usr/bin/env bash
# A short run of compare.sh: both SimPy ratios are reported from one invocation, and the two
# SimPy versions, fed the same random numbers, agree on the mean wait. Usage: check_compare.sh BUILD_DIR
set -euo pipefail
out=$(ARRIVALS=20000 "$(dirname "$0")/compare.sh" "$1")
echo "$out"
grep -q '^ratio engine/SimPy 2.3: [0-9.]*x$' <<<"$out"
grep -q '^ratio engine/SimPy 3:   [0-9.]*x$' <<<"$out"
waits=$(grep -o 'mean_wait=[0-9.]*' <<<"$out" | sort -u | wc -l)
[[ $waits -eq 1 ]] || { echo "SimPy 2 and 3 disagree on the mean wait"; exit 1; }
