#!/usr/bin/env bash
# A paired comparison of two geocrawl binaries on the crawl benchmark's generated site
# (see bench/README.md), for deciding whether a change made the crawl cheaper:
#   bench/crawl_ab.sh OLD NEW [--pages N] [--rounds R] [--vantages] [--parked] [--perf FILE]
#                     [--keep]
#
# The site, nginx and microsocks are crawl_bench.sh's own (this script sources its functions).
# Each round measures gumbo alone, then OLD and NEW's crawl_direct (and with --vantages their
# crawl_vantages, with --parked their crawl_parked), interleaved, and the order within a round
# alternates, so a machine that gets busier or quieter over the run penalises neither binary.
# Prints every round and, per contender, the fewest CPU-seconds per 1,000 pages: CPU time, not
# wall, because the machine is shared. --perf FILE records `perf record --call-graph dwarf` of NEW's crawl_direct once
# more after the rounds (its CPU is then not counted in any row).
set -euo pipefail

ab_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/crawl_bench.sh
source "$ab_repo/bench/crawl_bench.sh"

ab_usage() {
  sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# //'
}

main_ab() {
  local old=${1:-} new=${2:-} with_vantages=false with_parked=false perf_file=""
  [[ -x $old && -x $new ]] || { ab_usage >&2; die "OLD and NEW must be geocrawl binaries"; }
  old=$(realpath "$old")
  new=$(realpath "$new")
  shift 2
  pages=1000
  rounds=3
  while (($# > 0)); do
    case "$1" in
      --pages) pages=${2:?--pages needs a number}; shift ;;
      --rounds) rounds=${2:?--rounds needs a number}; shift ;;
      --vantages) with_vantages=true ;;
      --parked) with_parked=true ;;
      --perf) perf_file=$(realpath -m "${2:?--perf needs a file}"); shift ;;
      --keep) keep_work=true ;;
      *) ab_usage >&2; die "unknown option $1" ;;
    esac
    shift
  done
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  work=$(mktemp -d "${TMPDIR:-/tmp}/crawl_ab.XXXXXX")
  chmod 755 "$work"  # nginx's worker reads the pages
  warn_if_busy
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

  local http_port socks_port
  http_port=$(free_port)
  socks_port=$(free_port)
  "$build_dir/bench/write_corpus" --out "$work/corpus" --base-url "http://127.0.0.1:$http_port" \
    --pages "$pages" >&2
  start_nginx "$http_port"
  start_microsocks "$socks_port"
  check_site "$socks_port"
  write_crawl_config "$socks_port" direct >"$work/direct.toml"
  write_crawl_config "$socks_port" both >"$work/both.toml"
  if $with_parked; then write_parked_sites; fi

  local round label binary
  for ((round = 1; round <= rounds; ++round)); do
    measure_gumbo "gumbo.$round"
    # OLD first in odd rounds, NEW first in even ones.
    local order=(old new)
    if ((round % 2 == 0)); then order=(new old); fi
    for label in "${order[@]}"; do
      if [[ $label == old ]]; then binary=$old; else binary=$new; fi
      geocrawl=$binary
      measure_crawl "${label}_direct.$round" "$work/corpus/sites.txt" "$work/direct.toml"
      if $with_vantages; then
        measure_crawl "${label}_vantages.$round" "$work/corpus/sites.txt" "$work/both.toml" 2
      fi
      if $with_parked; then
        measure_crawl "${label}_parked.$round" "$work/parked_sites.txt" "$work/direct.toml"
      fi
    done
  done

  echo
  echo "every round (CPU-s per 1,000 pages):"
  awk '{ printf "  %-18s %8.3f\n", $1, ($2 > 0 ? ($4 + $5) * 1000 / $2 : 0) }' "$work/rounds"
  echo "fewest CPU-s per 1,000 pages of $rounds rounds (gumbo: the gumbo_ceiling process):"
  awk '{ cpu = ($2 > 0 ? ($4 + $5) * 1000 / $2 : 0)
         if (!($1 in best)) order[++n] = $1
         if (!($1 in best) || cpu < best[$1]) best[$1] = cpu }
       END { for (i = 1; i <= n; ++i) printf "  %-10s %8.3f  %.3f x gumbo\n", order[i], best[order[i]],
                                             best[order[i]] / best["gumbo"] }' "$work/rounds"

  if [[ -n $perf_file ]]; then
    echo "crawl_ab: perf record of NEW's crawl_direct into $perf_file" >&2
    perf record --call-graph dwarf,16384 -F 400 -o "$perf_file" -- \
      "$new" crawl --sites "$work/corpus/sites.txt" --config "$work/direct.toml" \
      --db "$work/perf.db" >"$work/perf.out" 2>"$work/perf.err" ||
      { tail -n 20 "$work/perf.err" >&2; die "perf record failed"; }
  fi
}

main_ab "$@"
