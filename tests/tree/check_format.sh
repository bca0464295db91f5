#!/usr/bin/env bash
# Fails when a C++ source in the repository is not formatted as .clang-format says, naming
# each such file; `clang-format -i FILE` formats it. Run by ctest from any folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
if ((${#sources[@]} == 0)); then
  echo "no sources found: run from a git checkout" >&2
  exit 1
fi
# One clang-format for the whole tree; it reports each misformatted line as FILE:LINE:COL.
report=$(clang-format --dry-run --Werror "${sources[@]}" 2>&1) && status=0 || status=$?
if ((status != 0)); then
  printf 'not formatted (clang-format -i FILE formats it):\n' >&2
  grep -oE '^[^:]+\.(cpp|hpp):[0-9]+' <<<"$report" | cut -d: -f1 | sort -u | sed 's/^/  /' >&2
  exit 1
fi
echo "${#sources[@]} sources formatted"
