#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (unit, validation against queueing theory).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" -DBORDERSIM_TESTS=ON
ctest --test-dir "$root/build" --output-on-failure -j"$(nproc)"
