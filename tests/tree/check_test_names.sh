#!/usr/bin/env bash
# Fails when a doctest test case's name holds a semicolon. doctest_discover_tests reads the
# names into a CMake list, which splits at ';': such a case became two ctest tests whose
# filters matched nothing, so it passed without running (20 cases did, unnoticed, until this
# check). Arguments: the test executables.
set -euo pipefail
status=0
for executable in "$@"; do
  names=$("$executable" --list-test-cases --no-version 2>/dev/null |
    grep -v -e '^\[doctest\]' -e '^=*$' || true)
  if [[ -z $names ]]; then
    echo "$executable lists no test cases" >&2
    status=1
  fi
  if grep -F ';' <<<"$names" >/dev/null; then
    echo "$executable: test case names with ';' never run under ctest (use ','):" >&2
    grep -F ';' <<<"$names" | sed 's/^/  /' >&2
    status=1
  fi
done
exit $status
