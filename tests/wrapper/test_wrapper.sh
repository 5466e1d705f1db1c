#!/usr/bin/env bash
# scripts/bordersim is quiet and cheap when nothing changed: it prints only what bordersim
# prints, and a call costs well under half a second (it used to re-run setup and configure,
# ~2.5 s). Usage: test_wrapper.sh SOURCE_DIR
set -euo pipefail
wrapper="$1/scripts/bordersim"
out=$("$wrapper" --version 2>&1)   # may configure or build first: silently
[[ $out =~ ^[0-9]+\.[0-9]+\.[0-9]+\ \(.*\)$ ]] || { echo "unexpected output: $out"; exit 1; }
best=999
for _ in 1 2 3 4 5; do
  t0=$(date +%s%N)
  out=$("$wrapper" --version 2>&1)
  t1=$(date +%s%N)
  ms=$(((t1 - t0) / 1000000))
  ((ms < best)) && best=$ms
  [[ $out =~ ^[0-9]+\.[0-9]+\.[0-9]+\ \(.*\)$ ]] || { echo "unexpected output: $out"; exit 1; }
done
echo "scripts/bordersim --version: best of 5 calls ${best} ms"
((best < 500)) || { echo "too slow: ${best} ms (expected well under 500 ms)"; exit 1; }
