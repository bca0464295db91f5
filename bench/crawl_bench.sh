#!/usr/bin/env bash
# The end-to-end crawl benchmark, in one command (see bench/README.md):
#   bench/crawl_bench.sh [--pages N] [--rounds R] [--big-sites M | --skip-big]
#                        [--slow-sites S | --skip-slow] [--render-pages P | --skip-render |
#                        --render-only] [--no-setup] [--keep]
#
# Serves a generated site (write_corpus: mixed languages and encodings, 5-300 KB pages) from
# its own nginx on a loopback port, and in the same run, each under /usr/bin/time -v:
#   curl          curl --parallel fetching every URL: the raw fetch rate, no analysis
#   curl_socks    the same through the SOCKS5 proxy: what the proxy itself allows
#   gumbo         gumbo parsing every page on one core: the analysis ceiling
#   crawl_direct  geocrawl crawl, direct
#   crawl_socks   geocrawl crawl through a local SOCKS5 proxy (microsocks)
#   crawl_vantages  geocrawl crawl from both at once, as a nightly crawl runs: direct as the
#                 baseline and US through the proxy, the same bytes, so one analysis serves
#                 both; its pages are the two stored views a site (the baseline's control
#                 re-fetch, a third request, is not stored and not counted)
#   crawl_again   the same sites again into crawl_direct's database, no page changed: every
#                 analysis is reused from the first run, none parsed
#   crawl_again_10pct  again into the same database after 10% of the pages changed
#   crawl_parked  3,000 URLs (distinct paths) serving 30 distinct bodies, into a new database:
#                 a parked page served by many domains is parsed once
#   crawl_slow    geocrawl crawl, direct, concurrency 1024, over S sites (default 10,000) of a
#                 server that answers each request after 2 s (bench/slow_server.py)
#   crawl_big     geocrawl crawl, direct, over M sites (default 100,000): is peak RSS flat?
#   crawl_render  geocrawl crawl of the first P pages (default 300) from one rendered vantage
#                 (Debian's chromium, crawl.render_concurrency 4): pages/s, geocrawl's and
#                 Chromium's CPU per page and the peak PSS of both, whole process tree
#                 (bench/tree_usage.py)
#   crawl_served  the same P pages from a served vantage beside a second vantage that is not
#                 rendered, at crawl.concurrency 8: crawl_mixed's reference
#   crawl_mixed   the same with the second vantage rendered: do the served views wait for the
#                 cores the browser holds (time to first byte, timeouts, the browser's nice)?
# then prints pages/s, CPU-seconds per 1,000 pages and peak RSS for each, and the targets as
# ratios from this one run, so the machine's speed cancels out. Its noise does not: the
# contenders but crawl_big run in R interleaved rounds (default 3) and each row is its fastest
# round, the one least disturbed by other work; the script warns when the machine is busy.
# Exit status: 0 every measured target met, 1 an error, 3 a target missed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build/bench
geocrawl=${GEOCRAWL:-$build_dir/geocrawl}  # another build can be measured against the same site
pages=${BENCH_PAGES:-3000}
rounds=${BENCH_ROUNDS:-3}
big_sites=${BENCH_BIG_SITES:-100000}
run_big=true
slow_sites=${BENCH_SLOW_SITES:-10000}
run_slow=true
render_pages=${BENCH_RENDER_PAGES:-300}
run_render=true
render_only=false
render_concurrency=4         # crawl.render_concurrency of the rendered rows, as the issue asks
# crawl.concurrency of crawl_served and crawl_mixed: few enough sites in flight that the
# served-only reference is not one burst of 300 sites (its time to first byte would then be
# geocrawl queueing its own connections), so both rows fetch at a steady pace with the cores
# busy, by the crawl's own analysis in one and by the browser in the other.
mixed_concurrency=8
slow_delay_s=2
slow_concurrency=1024
run_setup=true
keep_work=false
concurrency=256

# The targets from the issue, each a ratio to a reference measured in this run.
target_direct_cpu_ratio=1.25 # crawl_direct CPU per 1,000 pages <= this x gumbo alone's
target_busy_ratio=0.9        # crawl_direct pages/s >= this x what its and nginx's CPU allow on 2 cores
target_vantages_cpu_ratio=0.75 # crawl_vantages CPU per 1,000 stored views <= this x gumbo alone's
target_socks_ratio=0.8       # crawl through SOCKS5 >= this x crawl direct
target_rss_mb=200            # peak RSS at concurrency 256
target_rss_growth=1.2        # "flat": peak RSS over the big list <= this x over the small one
target_again_ratio=0.25      # crawl_again CPU per 1,000 pages <= this x crawl_direct's
target_again_10pct_ratio=0.4 # crawl_again_10pct CPU per 1,000 pages <= this x crawl_direct's
target_parked_ratio=0.15     # crawl_parked CPU per 1,000 pages <= this x crawl_direct's
target_slow_wall_ratio=1.3   # crawl_slow wall <= this x (requests x delay / concurrency)
target_slow_rss_mb=300       # crawl_slow peak RSS
target_slow_descriptors=64   # crawl_slow open descriptors <= concurrency + this
target_render_pss_mb=1536    # crawl_render peak PSS of geocrawl + Chromium (1.5 GB) at 4 slots
target_mixed_ttfb_ratio=1.5  # crawl_mixed served views' mean time to first byte <= this x crawl_served's
target_mixed_timeouts=0      # crawl_mixed views that timed out
parked_sites=3000            # crawl_parked's URLs ...
parked_bodies=30             # ... serving this many distinct bodies

work=""
children=()  # pids of the servers this script started

usage() {
  sed -n '2,3p' "${BASH_SOURCE[0]}" | sed 's/^# //'
  cat <<'EOF'
  --pages N        pages in the generated site and the crawl (default 3000, or $BENCH_PAGES)
  --rounds R       measure each contender but crawl_big R times, keep the fastest (default 3)
  --big-sites M    sites in the RSS-flatness crawl (default 100000, or $BENCH_BIG_SITES)
  --skip-big       skip the RSS-flatness crawl (it takes the longest)
  --slow-sites S   sites in the slow-server crawl (default 10000, or $BENCH_SLOW_SITES)
  --skip-slow      skip the slow-server crawl
  --render-pages P pages in the rendered rows (default 300, or $BENCH_RENDER_PAGES; at most N)
  --skip-render    skip the rendered rows (crawl_render, crawl_served, crawl_mixed)
  --render-only    only the rendered rows (the site has P pages; no curl, gumbo or other crawl)
  --no-setup       do not run scripts/setup.sh --bench (packages already installed)
  --keep           keep the work directory (pages, configs, logs) and print its path
  GEOCRAWL=FILE    measure this geocrawl binary instead of build/bench/geocrawl
EOF
}

die() {
  echo "crawl_bench: $*" >&2
  exit 1
}

parse_arguments() {
  while (($# > 0)); do
    case "$1" in
      --pages) pages=${2:?--pages needs a number}; shift ;;
      --rounds) rounds=${2:?--rounds needs a number}; shift ;;
      --big-sites) big_sites=${2:?--big-sites needs a number}; shift ;;
      --skip-big) run_big=false ;;
      --slow-sites) slow_sites=${2:?--slow-sites needs a number}; shift ;;
      --skip-slow) run_slow=false ;;
      --render-pages) render_pages=${2:?--render-pages needs a number}; shift ;;
      --skip-render) run_render=false ;;
      --render-only) render_only=true ;;
      --no-setup) run_setup=false ;;
      --keep) keep_work=true ;;
      -h|--help) usage; exit 0 ;;
      *) usage >&2; die "unknown option $1" ;;
    esac
    shift
  done
  [[ $pages =~ ^[1-9][0-9]*$ ]] || die "--pages wants a positive number, not '$pages'"
  [[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds wants a positive number, not '$rounds'"
  [[ $big_sites =~ ^[1-9][0-9]*$ ]] || die "--big-sites wants a positive number, not '$big_sites'"
  [[ $slow_sites =~ ^[1-9][0-9]*$ ]] || die "--slow-sites wants a positive number, not '$slow_sites'"
  [[ $render_pages =~ ^[1-9][0-9]*$ ]] || die "--render-pages wants a positive number, not '$render_pages'"
  if $render_only; then
    $run_render || die "--render-only and --skip-render exclude each other"
    pages=$render_pages
    run_slow=false
    run_big=false
  fi
  ((render_pages <= pages)) || die "--render-pages ($render_pages) must not exceed --pages ($pages)"
}

# Stops the servers (nginx's master takes its worker with it), each given a bounded time
# before it is killed, then removes the work directory.
cleanup() {
  local pid
  for pid in "${children[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in {1..50}; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n $work ]]; then
    if $keep_work; then echo "crawl_bench: kept $work" >&2; else rm -rf "$work"; fi
  fi
}

# A port nothing listens on now. Another program could take it before our server binds it;
# the server would then fail to start, and wait_for_port says so.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (at most 10 s) until something accepts on the port, failing early if the server died.
wait_for_port() {
  local port=$1 pid=$2 name=$3 log=$4
  for _ in {1..100}; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$log" >&2 || true
      die "$name exited before listening on port $port"
    fi
    sleep 0.1
  done
  die "$name did not listen on port $port within 10 s (log: $log)"
}

# Every contender shares the machine's cores with whatever else runs: say so when it is busy.
warn_if_busy() {
  local load cores
  load=$(cut -d ' ' -f 1 /proc/loadavg)
  cores=$(nproc)
  if awk -v l="$load" -v c="$cores" 'BEGIN { exit !(l > c / 4) }'; then
    echo "crawl_bench: warning: load average $load on $cores cores; the measurements will be noisy" >&2
  fi
}

build() {
  echo "crawl_bench: building geocrawl, write_corpus and gumbo_ceiling (preset bench, Release)" >&2
  (cd "$repo" && cmake --preset bench >/dev/null &&
    cmake --build --preset bench --target geocrawl write_corpus gumbo_ceiling) >"$work/build.log" 2>&1 ||
    { tail -n 30 "$work/build.log" >&2; die "build failed (log above)"; }
}

# nginx as a foreground child with every path in its own prefix: no system config, no
# port 80, nothing under /var. One worker: the machine's cores are for the measured programs.
start_nginx() {
  local port=$1 prefix=$work/nginx
  mkdir -p "$prefix/tmp"
  cat >"$prefix/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  server {
    listen 127.0.0.1:$port backlog=4096;
    root $work/corpus/site;
    include $work/corpus/nginx_types.conf;
  }
}
EOF
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" >"$prefix/output.log" 2>&1 &
  children+=("$!")
  wait_for_port "$port" "$!" nginx "$prefix/error.log"
}

start_microsocks() {
  local port=$1
  microsocks -i 127.0.0.1 -p "$port" >"$work/microsocks.log" 2>&1 &
  children+=("$!")
  wait_for_port "$port" "$!" microsocks "$work/microsocks.log"
}

# One page through nginx, directly and through microsocks, before anything is timed: the
# site is served, with its types, and the proxy forwards.
check_site() {
  local socks_port=$1 url answer
  url=$(head -n 1 "$work/corpus/sites.txt")
  answer=$(curl -s -o /dev/null --max-time 10 -w '%{http_code} %{content_type}' "$url") || true
  [[ $answer == 200* ]] || die "nginx does not serve $url (got '$answer'; log: $work/nginx/error.log)"
  echo "crawl_bench: nginx serves $url ($answer)" >&2
  answer=$(curl -s -o /dev/null --max-time 10 --socks5-hostname "127.0.0.1:$socks_port" -w '%{http_code}' "$url") || true
  [[ $answer == 200 ]] || die "microsocks on port $socks_port does not forward to $url (got '$answer')"
}

# A curl config with one url and one output per site: thousands of URLs do not fit a
# command line.
write_curl_config() {
  awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$1" >"$2"
}

# The start of every config the bench writes, ending inside [crawl]: $1 views at once.
write_config_head() {
  cat <<EOF
# Written by bench/crawl_bench.sh.
[limits]
allow_networks = ["127.0.0.0/8"]   # the site is on loopback, refused without this

[crawl]
concurrency = $1
per_host = $1                      # every page is on one host
retries = 0
EOF
}

# geocrawl's config for a crawl of the local site. $1 is the SOCKS5 port; $2 says which
# vantages: "direct", "socks", or "both" (direct as the baseline and US through the proxy,
# the shape of a nightly crawl).
write_crawl_config() {
  local socks_port=$1 vantages=$2
  write_config_head "$concurrency"
  if [[ $vantages != socks ]]; then
    printf '\n[[vantage]]\nname = "direct"\n'
  fi
  if [[ $vantages != direct ]]; then
    cat <<EOF

[verify]
mode = "off"                       # no echo URL on loopback: use the proxy as declared

[[proxy]]
name = "socks"
url = "socks5h://127.0.0.1:$socks_port"
country = "US"
max_connections = $concurrency

[[vantage]]
name = "us"
country = "US"
EOF
  fi
}

# timed RUN LIMIT_S COMMAND...: runs the command under GNU time -v and timeout (the
# foreground kind, so Ctrl-C still reaches it); its stdout, stderr and time report are
# kept as $work/RUN.{out,err,time}. RUN is a contender's name and its round: gumbo.2.
# CPU-seconds nginx (its master and workers) has used so far: what serving a crawl cost it,
# which shares the two cores with the crawl, measured as the difference around one.
nginx_cpu_seconds() {
  local master ticks pids
  master=$(cat "$work/nginx/nginx.pid")
  ticks=$(getconf CLK_TCK)
  pids="$master $(cat /proc/"$master"/task/*/children 2>/dev/null)"
  # shellcheck disable=SC2086 # one argument per pid
  for pid in $pids; do cat "/proc/$pid/stat"; done |
    awk -v hz="$ticks" '{ sub(/^.*\) /, ""); total += $12 + $13 } END { print total / hz }'
}

timed() {
  local name=$1 limit=$2
  shift 2
  echo "crawl_bench: measuring $name" >&2
  if ! /usr/bin/time -v -o "$work/$name.time" \
      timeout --foreground --kill-after=10 "$limit" "$@" >"$work/$name.out" 2>"$work/$name.err"; then
    tail -n 20 "$work/$name.err" >&2 || true
    die "$name failed (command: $*)"
  fi
}

# record RUN PAGES: one row of the rounds table from RUN's time report: contender, pages,
# wall s, user s, system s, peak RSS KB.
record() {
  local run=$1 done_pages=$2 server_cpu=${3:-0}
  awk -v name="${run%.*}" -v pages="$done_pages" -v server="$server_cpu" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($NF, part, ":"); wall = 0
                               for (i = 1; i <= n; ++i) wall = wall * 60 + part[i] }
    /User time \(seconds\)/ { user = $NF }
    /System time \(seconds\)/ { sys = $NF }
    /Maximum resident set size/ { rss = $NF }
    END { print name, pages, wall, user, sys, rss, server }' "$work/$run.time" >>"$work/rounds"
}

# The results table: each contender's fastest round (most pages per wall second).
keep_fastest_rounds() {
  awk '{ rate = $3 > 0 ? $2 / $3 : 0
         if (!($1 in best)) order[++n] = $1
         if (!($1 in best) || rate > best[$1]) { best[$1] = rate; row[$1] = $0 } }
       END { for (i = 1; i <= n; ++i) print row[order[i]] }' "$work/rounds" >"$work/results"
}

# field NAME COLUMN: a value from the results table (2 pages, 3 wall, 4 user, 5 sys, 6 RSS KB).
field() {
  awk -v name="$1" -v column="$2" '$1 == name { print $column }' "$work/results"
}

# measure_curl RUN [CURL OPTION...]: curl fetching every page, 256 at a time.
measure_curl() {
  local name=$1
  shift
  timed "$name" 1800 curl --silent --parallel --parallel-max "$concurrency" --config "$work/curl.config" \
    --write-out '%{http_code} %{size_download}\n' "$@"
  record "$name" "$(grep -c '^200 ' "$work/$name.out" || true)"
}

# gumbo_value RUN KEY: one key=value from gumbo_ceiling's line.
gumbo_value() {
  tr ' ' '\n' <"$work/$1.out" | sed -n "s/^$2=//p"
}

# measure_gumbo RUN: gumbo_ceiling times its own parse loop as well; the ceiling uses the
# fastest round's rate, which leaves out reading the files (the table's row, from GNU time,
# includes it).
measure_gumbo() {
  local run=$1
  timed "$run" 1800 "$build_dir/bench/gumbo_ceiling" "$work/corpus/utf8"
  cat "$work/$run.out" >&2
  record "$run" "$(gumbo_value "$run" pages)"
  gumbo_parse_rate=$(awk -v a="${gumbo_parse_rate:-0}" -v b="$(gumbo_value "$run" pages_per_s)" 'BEGIN { print (b > a ? b : a) }')
  # A parse loop that took much longer than its CPU time shared its core with other work.
  awk -v wall="$(gumbo_value "$run" seconds)" -v cpu="$(gumbo_value "$run" cpu_seconds)" 'BEGIN {
    if (wall > 1.1 * cpu)
      printf "crawl_bench: warning: gumbo got %.0f%% of a core: the machine is busy, rates are low\n", 100 * cpu / wall }' >&2
}

# measure_crawl RUN SITES_FILE CONFIG [VIEWS_PER_SITE [DATABASE]]: pages are the views the
# run stored with a 2xx status. Each run crawls into a database of its own unless DATABASE
# names an earlier run's (a re-crawl: a new run in the same database).
measure_crawl() {
  local name=$1 sites_file=$2 config=$3 views_per_site=${4:-1} database=${5:-$work/$1.db} sites
  local server_before server_after
  sites=$(wc -l <"$sites_file")
  server_before=$(nginx_cpu_seconds)
  # At least 10 pages/s, or something is wrong.
  timed "$name" $((600 + sites * views_per_site / 10)) "$geocrawl" crawl --sites "$sites_file" \
    --config "$config" --db "$database"
  local fetched
  fetched=$(sqlite3 "$database" 'SELECT count(*) FROM views v JOIN sites s ON s.id = v.site_id
    WHERE s.run_id = (SELECT max(id) FROM runs) AND v.status BETWEEN 200 AND 299;') ||
    die "cannot count the views $name stored in $database"
  ((fetched == sites * views_per_site)) ||
    echo "crawl_bench: warning: $name stored $fetched good views of $((sites * views_per_site))" >&2
  server_after=$(nginx_cpu_seconds)
  record "$name" "$fetched" "$(awk -v a="$server_before" -v b="$server_after" 'BEGIN { print b - a }')"
}

# change_pages ROUND: one page in ten gets a comment naming the round appended, so its bytes
# (and hash) differ from what every earlier crawl stored; the rest are untouched.
change_pages() {
  local round=$1
  find "$work/corpus/site/p" -type f -name '*.html' | sort | awk 'NR % 10 == 1' |
    while read -r page; do printf '<!-- changed in round %s -->\n' "$round" >>"$page"; done
}

# The parked sites: $parked_sites distinct URLs over the first $parked_bodies pages.
write_parked_sites() {
  head -n "$parked_bodies" "$work/corpus/sites.txt" |
    awk -v n="$parked_sites" '{ url[NR - 1] = $0 } END { for (i = 0; i < n; ++i) print url[i % NR] "?parked=" i }' \
      >"$work/parked_sites.txt"
}

# measure_slow PORT: crawl_slow, with the crawl's open descriptors sampled every 0.2 s from
# /proc while it runs (the most seen goes to $work/crawl_slow.fds).
measure_slow() {
  local port=$1 config=$work/slow.toml
  awk -v n="$slow_sites" -v port="$port" 'BEGIN { for (i = 0; i < n; ++i) printf "http://127.0.0.1:%d/s/%d\n", port, i }' \
    >"$work/slow_sites.txt"
  sed -e "s/^concurrency = .*/concurrency = $slow_concurrency/" -e "s/^per_host = .*/per_host = $slow_concurrency/" \
    "$work/direct.toml" >"$config"
  (
    most=0
    while [[ ! -e $work/crawl_slow.done ]]; do
      for pid in $(pgrep -f -- "--db $work/crawl_slow.1.db" || true); do
        n=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
        ((n > most)) && most=$n
      done
      echo "$most" >"$work/crawl_slow.fds"
      sleep 0.2
    done
  ) &
  local sampler=$!
  measure_crawl crawl_slow.1 "$work/slow_sites.txt" "$config"
  touch "$work/crawl_slow.done"
  wait "$sampler"
  slow_timeouts=$(sqlite3 "$work/crawl_slow.1.db" "SELECT count(*) FROM views WHERE error_code = 'timeout';")
  # Every request the crawl made of the slow server, each answered after the delay: a view per
  # site, and its favicon (issue 20), fetched once the page is in, for it names the icon.
  slow_requests=$(sqlite3 "$work/crawl_slow.1.db" \
    "SELECT (SELECT count(*) FROM views) + (SELECT count(*) FROM view_favicons WHERE status > 0);")
}

# geocrawl's config for a rendered row. $1: "render" (one rendered vantage, at the bench's
# concurrency), "served" (vantage `served` beside vantage `rendered` with render = false:
# crawl_mixed's reference) or "mixed" (the same with `rendered` rendered). [render] keeps its
# defaults (settle_ms 1000, timeout_ms 20000, nice 10) but in crawl_render, whose browser runs
# at nice 0: on a crawl's own machine the browser yields only to geocrawl, but on a machine
# shared with other work (builds at nice 0) a browser at nice 10 gets a sliver of the cores and
# every view runs into its time limit (all of the first 58 did, at load average 9), which
# would measure the other work, not a rendered view. crawl_mixed keeps nice 10: it is its point.
write_render_config() {
  local shape=$1 fetches=$mixed_concurrency rendered=true
  [[ $shape == render ]] && fetches=$concurrency
  [[ $shape == served ]] && rendered=false
  write_config_head "$fetches"
  echo "render_concurrency = $render_concurrency"
  if [[ $shape == render ]]; then printf '\n[render]\nnice = 0\n'; fi
  if [[ $shape != render ]]; then printf '\n[[vantage]]\nname = "served"\n'; fi
  printf '\n[[vantage]]\nname = "rendered"\nrender = %s\n' "$rendered"
}

# usage_value ROW KEY: one key=value of ROW's bench/tree_usage.py report.
usage_value() {
  sed -n "s/^$2=//p" "$work/$1.usage"
}

# row_sql ROW QUERY: QUERY over ROW's database.
row_sql() {
  sqlite3 "$work/$1.db" "$2" || die "cannot read $1's database ($work/$1.db)"
}

# measure_rendered_row ROW SHAPE: geocrawl crawl of the first $render_pages pages under
# bench/tree_usage.py (CPU and PSS of geocrawl and every process of its browser), under GNU
# time and a time limit like every row. Its report is $work/ROW.usage.
measure_rendered_row() {
  local row=$1 shape=$2
  write_render_config "$shape" >"$work/$row.toml"
  # Rendering is slow on a busy machine at nice 10: at least a page every 2 s, or something
  # is wrong.
  timed "$row" $((600 + render_pages * 2)) python3 "$repo/bench/tree_usage.py" "$work/$row.usage" -- \
    "$geocrawl" crawl --sites "$work/render_sites.txt" --config "$work/$row.toml" --db "$work/$row.db"
  local rendered
  rendered=$(row_sql "$row" 'SELECT count(*) FROM rendered_views WHERE error_code IS NULL;')
  if [[ $shape != served ]] && ((rendered < render_pages)); then
    echo "crawl_bench: warning: $row rendered $rendered of $render_pages pages; render errors:" \
      "$(row_sql "$row" "SELECT group_concat(error_code || ' ' || n, ', ') FROM (SELECT error_code,
          count(*) AS n FROM rendered_views WHERE error_code IS NOT NULL GROUP BY error_code);")" >&2
  fi
}

# served_ttfb ROW: mean, median and 90th percentile time to first byte (ms, as stored: whole
# milliseconds) of the served vantage's views that got an answer.
served_ttfb() {
  row_sql "$1" "SELECT first_byte_ms FROM views WHERE vantage = 'served' AND error_code IS NULL
    ORDER BY first_byte_ms;" |
    awk '{ v[NR] = $1; total += $1 }
         END { if (NR == 0) { print "0 0 0"; exit }
               printf "%.2f %d %d\n", total / NR, v[int((NR + 1) / 2)], v[int(0.9 * (NR - 1)) + 1] }'
}

measure_rendered_rows() {
  head -n "$render_pages" "$work/corpus/sites.txt" >"$work/render_sites.txt"
  measure_rendered_row crawl_render render
  measure_rendered_row crawl_served served
  measure_rendered_row crawl_mixed mixed
}

# per_page ROW KEY: ROW's KEY (CPU seconds) over the pages it crawled, rendered or not (a
# starved browser's views that ran out of time cost CPU too).
per_page() {
  ratio "$(usage_value "$1" "$2")" "$render_pages"
}

pss_mb() { awk -v k="$(usage_value "$1" peak_pss_kb)" 'BEGIN { print k / 1024 }'; }

print_rendered_rows() {
  echo
  echo "rendered rows: $render_pages pages, crawl.render_concurrency $render_concurrency, [render] defaults"
  echo "(settle 1 s, nice 10; crawl_render's browser at nice 0); crawl_served and crawl_mixed at"
  echo "crawl.concurrency $mixed_concurrency."
  echo "CPU: the whole process tree (bench/tree_usage.py reaps every descendant as a child subreaper:"
  echo "RUSAGE_CHILDREN); geocrawl's own from its /proc stat, Chromium's the rest. Peak PSS: the tree's"
  echo "sum, sampled every $(usage_value crawl_render sample_period_s) s."
  printf '%-14s %9s %8s %8s %15s %15s %12s %17s\n' name rendered 'wall s' 'pages/s' 'geocrawl CPU/pg' \
    'Chromium CPU/pg' 'peak PSS MB' 'served TTFB ms'
  local row rendered wall ttfb
  for row in crawl_render crawl_served crawl_mixed; do
    rendered=$(row_sql "$row" 'SELECT count(*) FROM rendered_views WHERE error_code IS NULL;')
    wall=$(usage_value "$row" wall_s)
    ttfb=-
    [[ $row == crawl_render ]] || ttfb=$(served_ttfb "$row" | awk '{ printf "%s/%s/%s", $1, $2, $3 }')
    printf '%-14s %9s %8.1f %8.2f %15.3f %15.3f %12.1f %17s\n' "$row" "$rendered/$render_pages" "$wall" \
      "$(ratio "$rendered" "$wall")" "$(per_page "$row" command_cpu_s)" \
      "$(per_page "$row" descendants_cpu_s)" "$(pss_mb "$row")" "$ttfb"
  done
  echo "(rendered: views rendered without error; pages/s counts those; CPU per page crawled;"
  echo "served TTFB: mean/median/90th percentile of vantage 'served')"
}

print_rendered_targets() {
  echo
  echo "rendered targets:"
  check "crawl_render peak PSS MB, geocrawl + Chromium" "$(pss_mb crawl_render)" '<=' "$target_render_pss_mb"
  check "crawl_mixed views that timed out" \
    "$(row_sql crawl_mixed "SELECT count(*) FROM views WHERE error_code = 'timeout';")" '<=' "$target_mixed_timeouts"
  # Whole milliseconds: a reference under 1 ms is taken as 1 ms, the store's resolution.
  check "crawl_mixed served mean TTFB / crawl_served's" \
    "$(awk -v m="$(served_ttfb crawl_mixed | cut -d ' ' -f 1)" -v r="$(served_ttfb crawl_served | cut -d ' ' -f 1)" \
      'BEGIN { print m / (r > 1 ? r : 1) }')" '<=' "$target_mixed_ttfb_ratio"
  # [render] nice 10 on top of geocrawl's own, at most 19; every thread of the browser's
  # processes, sampled while it ran.
  local own lowest
  own=$(usage_value crawl_mixed command_nice)
  lowest=$(usage_value crawl_mixed descendants_nice_min)
  [[ -n $lowest ]] || die "crawl_mixed: no browser process was seen while it ran"
  check "crawl_mixed Chromium's lowest thread nice - geocrawl's" "$((lowest - own))" '>=' \
    "$((own + 10 > 19 ? 19 - own : 10))"
}

print_table() {
  echo
  printf '%-18s %8s %8s %9s %8s %12s %13s %12s\n' name pages 'wall s' 'pages/s' 'CPU s' 'CPU-s/1k pg' 'peak RSS MB' 'nginx CPU s'
  awk '{ cpu = $4 + $5
         printf "%-18s %8d %8.2f %9.1f %8.2f %12.3f %13.1f %12.2f\n", $1, $2, $3, ($3 > 0 ? $2 / $3 : 0), cpu,
                ($2 > 0 ? cpu * 1000 / $2 : 0), $6 / 1024, $7 }' "$work/results"
  printf 'gumbo parse loop alone: %.1f pages/s on one core\n' "$gumbo_parse_rate"
  echo "each row but crawl_big is the fastest of $rounds rounds; all rounds: $work/rounds"
}

# check LABEL VALUE OP TARGET: prints one target line; remembers a miss.
check() {
  local label=$1 value=$2 op=$3 target=$4 verdict
  if awk -v v="$value" -v t="$target" -v op="$op" 'BEGIN { exit !(op == ">=" ? v >= t : v <= t) }'; then
    verdict=PASS
  else
    verdict=FAIL
    missed=true
  fi
  printf '  %-62s %10.3f  %s %-6s %s\n' "$label" "$value" "$op" "$target" "$verdict"
}

rate() { awk -v p="$(field "$1" 2)" -v w="$(field "$1" 3)" 'BEGIN { print (w > 0 ? p / w : 0) }'; }
cpu_per_1k() { awk -v p="$(field "$1" 2)" -v u="$(field "$1" 4)" -v s="$(field "$1" 5)" 'BEGIN { print (p > 0 ? (u + s) * 1000 / p : 0) }'; }
rss_mb() { awk -v k="$(field "$1" 6)" 'BEGIN { print k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 ? a / b : 0) }'; }

print_targets() {
  echo
  echo "targets (ratios from this run):"
  local server_per_1k busy_rate
  check "crawl_direct CPU per 1k pages / gumbo's" \
    "$(ratio "$(cpu_per_1k crawl_direct)" "$(cpu_per_1k gumbo)")" '<=' "$target_direct_cpu_ratio"
  # Both cores busy: the rate the crawl's and nginx's CPU per page allow together on two cores.
  server_per_1k=$(awk -v p="$(field crawl_direct 2)" -v s="$(field crawl_direct 7)" 'BEGIN { print (p > 0 ? s * 1000 / p : 0) }')
  busy_rate=$(awk -v c="$(cpu_per_1k crawl_direct)" -v s="$server_per_1k" 'BEGIN { print (c + s > 0 ? 2000 / (c + s) : 0) }')
  check "crawl_direct pages/s / (2,000 / (its + nginx's CPU-s per 1k))" "$(ratio "$(rate crawl_direct)" "$busy_rate")" '>=' "$target_busy_ratio"
  check "crawl_vantages CPU per 1k views / gumbo's per 1k pages" \
    "$(ratio "$(cpu_per_1k crawl_vantages)" "$(cpu_per_1k gumbo)")" '<=' "$target_vantages_cpu_ratio"
  check "crawl_socks pages/s / crawl_direct pages/s" "$(ratio "$(rate crawl_socks)" "$(rate crawl_direct)")" '>=' "$target_socks_ratio"
  check "crawl_direct peak RSS MB ($pages sites)" "$(rss_mb crawl_direct)" '<=' "$target_rss_mb"
  check "crawl_again CPU per 1k pages / crawl_direct's" \
    "$(ratio "$(cpu_per_1k crawl_again)" "$(cpu_per_1k crawl_direct)")" '<=' "$target_again_ratio"
  check "crawl_again_10pct CPU per 1k pages / crawl_direct's" \
    "$(ratio "$(cpu_per_1k crawl_again_10pct)" "$(cpu_per_1k crawl_direct)")" '<=' "$target_again_10pct_ratio"
  check "crawl_parked CPU per 1k pages / crawl_direct's" \
    "$(ratio "$(cpu_per_1k crawl_parked)" "$(cpu_per_1k crawl_direct)")" '<=' "$target_parked_ratio"
  if $run_slow; then
    # The least wall time: every request the crawl made waits the delay, $slow_concurrency at once.
    local slow_ideal
    slow_ideal=$(awk -v n="$slow_requests" -v d="$slow_delay_s" -v c="$slow_concurrency" 'BEGIN { print n * d / c }')
    check "crawl_slow wall s / ($slow_requests requests x ${slow_delay_s} s / $slow_concurrency)" \
      "$(ratio "$(field crawl_slow 3)" "$slow_ideal")" '<=' "$target_slow_wall_ratio"
    check "crawl_slow views that timed out" "$slow_timeouts" '<=' 0
    check "crawl_slow peak RSS MB" "$(rss_mb crawl_slow)" '<=' "$target_slow_rss_mb"
    check "crawl_slow most open descriptors" "$(cat "$work/crawl_slow.fds")" '<=' \
      "$((slow_concurrency + target_slow_descriptors))"
  fi
  if $run_big; then
    check "crawl_big peak RSS MB ($big_sites sites)" "$(rss_mb crawl_big)" '<=' "$target_rss_mb"
    check "crawl_big / crawl_direct peak RSS (flat)" "$(ratio "$(rss_mb crawl_big)" "$(rss_mb crawl_direct)")" '<=' "$target_rss_growth"
  fi
}

main() {
  parse_arguments "$@"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  work=$(mktemp -d "${TMPDIR:-/tmp}/crawl_bench.XXXXXX")
  # Started by root, nginx's worker runs as nobody and must be able to read the pages.
  chmod 755 "$work"

  warn_if_busy
  if $run_setup; then "$repo/scripts/setup.sh" --bench >&2; fi
  if $run_render && ! command -v chromium >/dev/null; then
    die "the rendered rows need Debian's chromium (scripts/setup.sh installs it; --skip-render skips them)"
  fi
  build
  local crawl_ready=true
  # `geocrawl crawl --help` would print the top-level help and succeed: read the list instead.
  if ! "$geocrawl" --help | grep -q '^ *crawl '; then
    crawl_ready=false
    echo "crawl_bench: this geocrawl has no 'crawl' subcommand yet: measuring curl and gumbo only" >&2
  fi
  # 256 connections each for curl, nginx and the crawler, plus their files.
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

  local http_port socks_port site_counts=()
  http_port=$(free_port)
  socks_port=$(free_port)
  if $run_big; then site_counts=(--sites "$big_sites"); fi
  "$build_dir/bench/write_corpus" --out "$work/corpus" --base-url "http://127.0.0.1:$http_port" \
    --pages "$pages" "${site_counts[@]}" >&2
  start_nginx "$http_port"
  start_microsocks "$socks_port"
  check_site "$socks_port"

  write_curl_config "$work/corpus/sites.txt" "$work/curl.config"
  write_crawl_config "$socks_port" direct >"$work/direct.toml"
  write_crawl_config "$socks_port" socks >"$work/socks.toml"
  write_crawl_config "$socks_port" both >"$work/both.toml"
  write_parked_sites
  local round
  : >"$work/rounds"
  $render_only && rounds=0
  for ((round = 1; round <= rounds; ++round)); do
    measure_curl "curl.$round"
    # Not a target: how fast the proxy itself forwards, the most a crawl through it can get.
    measure_curl "curl_socks.$round" --socks5-hostname "127.0.0.1:$socks_port"
    measure_gumbo "gumbo.$round"
    if $crawl_ready; then
      measure_crawl "crawl_direct.$round" "$work/corpus/sites.txt" "$work/direct.toml"
      measure_crawl "crawl_socks.$round" "$work/corpus/sites.txt" "$work/socks.toml"
      measure_crawl "crawl_vantages.$round" "$work/corpus/sites.txt" "$work/both.toml" 2
      # Re-crawls into crawl_direct's database: unchanged, then with 10% of the pages changed.
      measure_crawl "crawl_again.$round" "$work/corpus/sites.txt" "$work/direct.toml" 1 \
        "$work/crawl_direct.$round.db"
      change_pages "$round"
      measure_crawl "crawl_again_10pct.$round" "$work/corpus/sites.txt" "$work/direct.toml" 1 \
        "$work/crawl_direct.$round.db"
      measure_crawl "crawl_parked.$round" "$work/parked_sites.txt" "$work/direct.toml"
    fi
  done
  if $crawl_ready && $run_slow; then
    local slow_port
    slow_port=$(free_port)
    python3 "$repo/bench/slow_server.py" "$slow_port" "$slow_delay_s" >"$work/slow_server.log" 2>&1 &
    children+=("$!")
    wait_for_port "$slow_port" "$!" slow_server "$work/slow_server.log"
    measure_slow "$slow_port"
  fi
  if $crawl_ready && $run_big; then
    measure_crawl crawl_big.1 "$work/corpus/sites_$big_sites.txt" "$work/direct.toml"
  fi
  if $crawl_ready && $run_render; then measure_rendered_rows; fi
  keep_fastest_rounds

  missed=false
  if ! $render_only; then
    print_table
    if $crawl_ready; then print_targets; fi
  fi
  if $crawl_ready && $run_render; then
    print_rendered_rows
    print_rendered_targets
  fi
  if $missed; then exit 3; fi
}

# Sourced by bench/crawl_ab.sh for its functions; run, it measures.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
