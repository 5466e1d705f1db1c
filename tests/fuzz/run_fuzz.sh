#!/usr/bin/env bash
# Fuzzes the scenario reader: tests/fuzz/run_fuzz.sh [RUNS]   (default 200000 executions)
# Builds tests/fuzz/fuzz_scenario with clang-14 in build-fuzz/ (installing clang if missing),
# seeds it with the shipped scenarios, the bad-scenario corpus and tests/fuzz/seeds (small valid
# scenarios of the sections the shipped ones lack: intake priorities and schedules, joint officers,
# exchange rates, a network with `routes: all`), and runs RUNS executions.
# Exits non-zero on a finding: a crash, a sanitizer report, an exception other than SourceError,
# an input slower than 10 s, or more than 1 GB of memory (a blowup such as yaml-cpp's empty-event
# flood). The input that found it is kept in build-fuzz/artifacts/.
set -euo pipefail

runs="${1:-200000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$root/build-fuzz"

if ! command -v clang++-14 >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null
fi

CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBORDERSIM_FUZZ=ON -DBORDERSIM_TESTS=OFF -DBORDERSIM_BENCH=OFF >/dev/null
cmake --build "$build" -j2 --target fuzz_scenario

# New inputs go to build-fuzz/corpus; the seed folders in the source tree are only read.
mkdir -p "$build/corpus" "$build/artifacts"
# The scenario keys as a dictionary (from the generated docs), so mutations reach the schema.
sed -n 's/^| `\([a-z_]*\)` |.*/"\1:"/p' "$root/docs/scenario-format.md" | sort -u > "$build/keys.dict"

cd "$build"
exec ./tests/fuzz/fuzz_scenario -runs="$runs" -max_len=16384 -rss_limit_mb=1024 -malloc_limit_mb=1024 \
  -timeout=10 -dict="$build/keys.dict" -artifact_prefix="$build/artifacts/" -print_final_stats=1 \
  "$build/corpus" "$root/scenarios" "$root/tests/bad_scenarios" "$root/tests/fuzz/seeds"
