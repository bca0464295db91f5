#!/usr/bin/env bash
# geocrawl export streams: its peak memory does not grow with the run. Builds databases with
# 100k and 1M comparison rows (5 vantages per site: 4 comparisons each) with the sqlite3 CLI,
# exports each with /usr/bin/time -v, and prints rows/s and peak RSS. The databases are
# written to a scratch directory and removed afterwards.
#
# Usage: bench/export_memory.sh [geocrawl binary (default build/release/geocrawl)]
set -euo pipefail

geocrawl=$(realpath "${1:-build/release/geocrawl}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Sites with one baseline view and four vantage views, drugs and no-prescription phrases on
# some of them, labels, and reasons with a comma and a newline, so every per-row lookup runs.
make_database() {
  local db=$1 sites=$2
  # An empty file is an empty SQLite database; export migrates it to the current schema
  # before finding that it holds no run (exit status 1).
  : >"$db"
  "$geocrawl" export --db "$db" >/dev/null 2>&1 || true
  sqlite3 "$db" <<SQL
BEGIN;
INSERT INTO runs (id, command, started_at, finished_at, status, config_source, input)
VALUES (1, 'crawl', '2026-11-27T00:00:00.000Z', '2026-11-27T06:00:00.000Z', 'done', 'bench.toml', 'sites.txt');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $sites)
INSERT INTO sites (id, run_id, url, finished_at, verdict, line, labels)
SELECT i, 1, 'https://shop' || i || '.example/', '2026-11-27T01:00:00.000Z',
       CASE i % 4 WHEN 0 THEN 'cloaked' WHEN 1 THEN 'consistent' WHEN 2 THEN 'inconclusive' ELSE 'unreachable' END,
       i, '{"batch":"' || (i % 10) || '","source":"abuse desk"}'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $sites * 5 - 1)
INSERT INTO views (id, site_id, vantage, requested_url, final_url, status, content_type, bytes,
  wire_bytes, truncated, dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms, fetched_at,
  analysed, title, lang, charset)
SELECT i + 1, i / 5 + 1, CASE i % 5 WHEN 0 THEN 'default' WHEN 1 THEN 'jp' WHEN 2 THEN 'kr' WHEN 3 THEN 'us' ELSE 'googlebot' END,
       'https://shop' || (i / 5 + 1) || '.example/', 'https://shop' || (i / 5 + 1) || '.example/home', 200,
       'text/html; charset=utf-8', 5000, 1800, 0, 3, 20, 40, 80, 150, '2026-11-27T01:00:00.000Z',
       1, CASE i % 3 WHEN 0 THEN 'バイアグラ通販 "最安", 送料無料' WHEN 1 THEN '=HYPERLINK("x")' ELSE 'Under construction' END,
       'ja', 'utf-8'
FROM n;
INSERT INTO view_drugs (view_id, drug, term, category, count)
SELECT id, 'sildenafil', 'バイアグラ', 'erectile_dysfunction', 3 FROM views WHERE id % 2 = 0;
INSERT INTO view_drugs (view_id, drug, term, category, count)
SELECT id, 'tadalafil', 'cialis', 'erectile_dysfunction', 1 FROM views WHERE id % 3 = 0;
INSERT INTO view_phrases (view_id, kind, value)
SELECT id, 'no_rx', '処方箋不要' FROM views WHERE id % 2 = 0;
INSERT INTO comparisons (site_id, vantage_view_id, baseline_view_id, vantage, baseline, verdict, score, reasons)
SELECT site_id, id, (site_id - 1) * 5 + 1, vantage, 'default',
       CASE id % 4 WHEN 0 THEN 'cloaked' WHEN 1 THEN 'consistent' WHEN 2 THEN 'inconclusive' ELSE 'unreachable' END,
       (id % 100) / 100.0, 'vantage sees sildenafil, baseline does not' || char(10) || 'the text differs'
FROM views WHERE vantage <> 'default';
COMMIT;
SQL
}

# Prints: what, rows, seconds, rows/s, peak RSS.
measure() {
  local db=$1 what=$2
  local out=$work/out.csv report=$work/time.txt
  /usr/bin/time -v "$geocrawl" export --db "$db" --what "$what" --out "$out" 2>"$report"
  local rows seconds rss
  rows=$(($(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' "$out") - 1))
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$report")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$report")
  printf '%-12s %9d rows %7.2f s %10.0f rows/s   peak RSS %6.1f MiB\n' \
    "$what" "$rows" "$seconds" "$(echo "$rows / $seconds" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

for comparisons in 100000 1000000; do
  db=$work/bench-$comparisons.db
  started=$(date +%s.%N)
  make_database "$db" $((comparisons / 4))
  printf 'database with %d comparisons: built in %.1f s, %s\n' "$comparisons" \
    "$(echo "$(date +%s.%N) - $started" | bc -l)" "$(du -h "$db" | cut -f1)"
  measure "$db" comparisons
  measure "$db" views
  rm -f "$db" "$db"-wal "$db"-shm
done
