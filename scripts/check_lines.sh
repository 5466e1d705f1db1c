#!/usr/bin/env bash
# The rule of docs/architecture.md: no source file over about 600 lines. Lists every C++ file of
# the repository (tracked, or new and not ignored) longer than the limit and fails if there is
# one. Usage: scripts/check_lines.sh [LIMIT] (default 600).
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-600}
over=0
while IFS= read -r -d '' f; do
  [[ -f $f ]] || continue
  n=$(wc -l <"$f")
  if ((n > limit)); then
    printf '%6d %s\n' "$n" "$f"
    over=$((over + 1))
  fi
done < <(git ls-files -z --cached --others --exclude-standard -- '*.cpp' '*.hpp')
if ((over > 0)); then
  echo "check_lines: $over file(s) over $limit lines (docs/architecture.md: split them by seam)" >&2
  exit 1
fi
echo "check_lines: no C++ file over $limit lines"
