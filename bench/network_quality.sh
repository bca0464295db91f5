#!/usr/bin/env bash
# Issue 20's quality numbers for the closing note: runs the integration test that serves the
# generated network corpus on loopback, crawls it with geocrawl and scores `geocrawl networks
# --json` against the ground truth, then prints the sites, networks, pairwise precision and
# recall and the confusion counts it left in the build's tests/ directory (beside them: the
# truth, network_truth.tsv, and the answer, network_answer.json).
#
# Usage: bench/network_quality.sh [build dir (default build/dev)]
set -euo pipefail

build=$(realpath "${1:-build/dev}")
rm -f "$build/tests/network_quality.txt"  # never quote an earlier run's numbers
status=0
"$build/tests/integration_tests" --test-case='networks: the generated corpus*' || status=$?
if [[ -f $build/tests/network_quality.txt ]]; then
  cat "$build/tests/network_quality.txt"
fi
exit $status
