#!/usr/bin/env bash
# Issue 22's rule for the scenario loader: every scalar is read through a Section getter or a
# located reader of models/loader_section.hpp (parsed_at, real_at, integer_at, check_key_id), so a
# bad value is reported at file:line:col and its key path. A loader file that calls a bare text
# parser (units::duration, units::date, parse_zone, ...) is listed here and fails the check; a line
# that locates its error itself (a table file's line) says so with the word "located".
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='units::(duration|rate|mass|distance|time_of_day|date|money)\(|parse_zone\(|parse_(real|integer|bool)\(|check_id\('
bad=$(grep -nE "$pattern" models/loader*.cpp models/overrides.cpp models/params.cpp |
  grep -v '^models/loader_section.cpp:' | grep -v 'located' || true)
if [[ -n $bad ]]; then
  echo "$bad"
  echo "check_located: the loader reads text without a location; use parsed_at (models/loader_section.hpp)" >&2
  exit 1
fi
echo "check_located: every loader scalar goes through a located reader"
