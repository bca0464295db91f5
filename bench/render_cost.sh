#!/usr/bin/env bash
# What a rendered view costs: the same N-page crawl of one simple loopback page, once served only
# and once with the vantage rendered, timed by GNU time. geocrawl waits for its Chromium and
# Chromium for its renderers, so the CPU time of the whole process tree is in the report; the
# difference between the two runs, over N, is the browser CPU per rendered view (its launch
# included, spread over the N views). Peak memory of geocrawl plus Chromium is the largest sum of
# the tree's proportional set sizes (PSS), sampled every 0.2 s.
#
# usage: bench/render_cost.sh [BUILD_DIR [PAGES [CONCURRENCY [NICE]]]]
#   defaults: build/release, 50 pages, render_concurrency 2, [render] nice 10 (on a machine busy
#   with other work a niced browser waits for the CPU: its wall time says so, its CPU does not)
set -euo pipefail

build=${1:-build/release}
pages=${2:-50}
concurrency=${3:-2}
nice=${4:-10}
geocrawl=$build/geocrawl
[ -x "$geocrawl" ] || { echo "no $geocrawl: build it first (cmake --preset release && cmake --build build/release --target geocrawl)" >&2; exit 2; }
command -v chromium >/dev/null || { echo "no chromium: apt-get install chromium" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "no /usr/bin/time: apt-get install time" >&2; exit 2; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/site"
cat >"$work/site/index.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>A simple page</title></head>
<body><h1>Welcome</h1><p>Nothing to see here but a paragraph and a script.</p>
<script>document.title += ' (' + navigator.language + ')';</script></body></html>
HTML
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.1)" 2>/dev/null && break
  sleep 0.1
done
for i in $(seq "$pages"); do echo "http://127.0.0.1:$port/?page=$i"; done >"$work/sites.txt"

write_config() {  # write_config FILE RENDER
  cat >"$1" <<TOML
[limits]
allow_networks = ["127.0.0.0/8"]
[rdap]
enabled = false
[crawl]
render_concurrency = $concurrency
[render]
settle_ms = 200
nice = $nice
[[vantage]]
name = "here"
render = $2
TOML
}

# peak_tree_pss PID: the largest sum of proportional set sizes (kB) over PID's process tree
# while it runs. PSS, not RSS: Chromium's processes share most of their pages, and a sum of RSS
# would count those once per process.
peak_tree_pss() {
  local root=$1 peak=0
  while kill -0 "$root" 2>/dev/null; do
    local total=0 pid
    for pid in $(ps -e -o pid=,ppid= | awk -v root="$root" '
        { parent[$1] = $2 }
        END { for (p in parent) { q = p; while (q != "" && q != 0 && q != root) q = parent[q];
                                  if (q == root) print p } }'); do
      total=$((total + $(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
    done
    [ "$total" -gt "$peak" ] && peak=$total
    sleep 0.2
  done
  echo "$peak"
}

run() {  # run NAME RENDER: prints "NAME user sys wall peak_kb"
  write_config "$work/$1.toml" "$2"
  /usr/bin/time -f "%U %S %e" -o "$work/$1.time" \
    "$geocrawl" crawl --sites "$work/sites.txt" --config "$work/$1.toml" --db "$work/$1.db" \
    >"$work/$1.out" 2>&1 &
  local pid=$!
  local peak
  peak=$(peak_tree_pss "$pid")
  wait "$pid" || { echo "$1: geocrawl failed, see below" >&2; cat "$work/$1.out" >&2; exit 1; }
  echo "$1 $(cat "$work/$1.time") $peak"
}

served=$(run served false)
rendered=$(run rendered true)
echo "command: bench/render_cost.sh $build $pages $concurrency $nice"
echo "$served" "$rendered" | awk -v n="$pages" '{
  served_cpu = $2 + $3; rendered_cpu = $7 + $8
  printf "%d pages, one direct vantage, render_concurrency %s, nice %s\n", n, "'"$concurrency"'", "'"$nice"'"
  printf "served only : cpu %.2f s, wall %.2f s, peak PSS %.0f MB\n", served_cpu, $4, $5 / 1024
  printf "rendered    : cpu %.2f s, wall %.2f s, peak PSS %.0f MB (geocrawl + Chromium)\n", rendered_cpu, $9, $10 / 1024
  printf "per rendered view: browser cpu %.3f s, wall %.3f s (launch included)\n", (rendered_cpu - served_cpu) / n, ($9 - $4) / n
}'
