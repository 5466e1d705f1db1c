# Sourced by the shell test suites: `check NAME COMMAND...` runs a command with its output in
# $work/NAME.log, prints PASS or FAIL (with the log's tail) and counts; `checks_done` reports and
# fails the suite if any check failed. Needs $work (a scratch directory).
pass=0 fail=0
check() {  # name, command...
  local name=$1; shift
  if "$@" >"$work/$name.log" 2>&1; then pass=$((pass + 1)); echo "PASS $name"
  else fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/    /' "$work/$name.log" | tail -20; fi
}
checks_done() {
  echo "$pass passed, $fail failed"
  test "$fail" -eq 0
}
