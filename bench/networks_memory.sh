#!/usr/bin/env bash
# `geocrawl networks` over a generated database of 100,000 sites (issue 20: "streaming enough to
# handle 100,000 sites within the crawl's memory bound"): writes the network corpus scaled to
# that many sites as a finished crawl run (tests/support/write_network_corpus --db: the crawl's
# analysis and store path, no fetching), runs `networks --json` under /usr/bin/time -v, and
# prints its wall time, peak RSS against the bound, and the answer's pairwise precision and
# recall against the truth written beside the database. Exit status 1 when RSS passes the bound.
#
# The bound is the crawl's, as README.md's "Limits and known gaps" states it: about
# crawl.concurrency x limits.max_body_bytes of bodies, 64 x 5 MiB = 320 MiB with the defaults.
#
# Needs GNU time (scripts/setup.sh --bench).
#
# Usage: bench/networks_memory.sh [build dir (default build/dev)] [sites (default 100000)]
#        KEEP=1 keeps the scratch directory (the database, truth and answer) and prints it.
set -euo pipefail

build=$(realpath "${1:-build/dev}")
sites=${2:-100000}
bound_mib=320
geocrawl=$build/geocrawl
writer=$build/tests/write_network_corpus
scorer=$build/tests/score_networks

# An unknown command's --help prints geocrawl's general usage.
if ! "$geocrawl" networks --help 2>&1 | grep -q "Usage: geocrawl networks"; then
  echo "geocrawl has no networks command ($geocrawl networks --help fails): nothing to measure" >&2
  exit 1
fi

work=$(mktemp -d)
if [[ -n ${KEEP:-} ]]; then echo "scratch directory: $work"; else trap 'rm -rf "$work"' EXIT; fi
db=$work/networks.db

started=$(date +%s.%N)
"$writer" --db "$db" --sites "$sites"
printf 'database written in %.1f s, %s\n' "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" \
  "$(du -h "$db" | cut -f1)"

/usr/bin/time -v "$geocrawl" networks --db "$db" --run latest --json >"$work/answer.json" \
  2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")
rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
rss_mib=$(awk -v k="$rss_kib" 'BEGIN { print k / 1024 }')
printf 'networks over %d sites: %.2f s, peak RSS %.1f MiB (bound %d MiB)\n' "$sites" "$seconds" \
  "$rss_mib" "$bound_mib"
"$scorer" "$db.truth.tsv" "$work/answer.json"
if awk -v r="$rss_mib" -v b="$bound_mib" 'BEGIN { exit !(r > b) }'; then
  echo "FAIL: peak RSS above the crawl's memory bound" >&2
  exit 1
fi
