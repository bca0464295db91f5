#!/usr/bin/env bash
# The night's merge, run once every shard task has finished (Slurm: --dependency=afterok on
# the array; Kubernetes: after the Indexed Job completes): copies the shard databases from
# the shared results folder to node-local disk, merges them into one database there
# (`geocrawl merge`), exports it as CSV, and copies merged.db and merged.csv back, each under
# a temporary name renamed when whole. Local disk for the same reason as geocrawl-shard.sh:
# SQLite's WAL must not live on a network file system.
#
# Environment:
#   GEOCRAWL_RESULTS_DIR  the run's shared folder holding shard-<I>.db
#   GEOCRAWL_SHARDS       how many shards the run has; fewer databases is an error
#   GEOCRAWL_LOCAL_DIR    node-local folder for the merge
#   GEOCRAWL_RUN_LABEL    the run label (names the local folder)
#   GEOCRAWL_BIN          the geocrawl binary (default: geocrawl on PATH)
# Exit status: 0 merged; 3 merged, but some shard's crawl was degraded (its shard-<I>.degraded
# says so) or the merged night's networks could not be numbered, so a monitor does not take the
# night for a quiet one; else the failing step's.
set -euo pipefail
# shellcheck source=config/deploy/copy-whole.sh
source "$(dirname "${BASH_SOURCE[0]}")/copy-whole.sh"

: "${GEOCRAWL_RESULTS_DIR:?the shared results folder}" "${GEOCRAWL_SHARDS:?the shard count}"
: "${GEOCRAWL_LOCAL_DIR:?a node-local folder}" "${GEOCRAWL_RUN_LABEL:?the run label}"
geocrawl=${GEOCRAWL_BIN:-geocrawl}
results=$GEOCRAWL_RESULTS_DIR

shards=()
missing=()
for ((i = 0; i < GEOCRAWL_SHARDS; ++i)); do
  if [[ -f $results/shard-$i.db ]]; then shards+=("$results/shard-$i.db"); else missing+=("$i"); fi
done
if ((${#missing[@]} > 0)); then
  echo "geocrawl-merge: no database from shard(s) ${missing[*]} in $results" >&2
  exit 1
fi

work=$GEOCRAWL_LOCAL_DIR/geocrawl-$GEOCRAWL_RUN_LABEL-merge
rm -rf "$work"
mkdir -p "$work"
local_shards=()
for shard in "${shards[@]}"; do
  cp "$shard" "$work/"
  local_shards+=("$work/${shard##*/}")
done

# 3: every shard merged, but the merged night's networks could not be numbered: the merge is
# kept and exported, and the night ends degraded.
merged=0
"$geocrawl" merge --into "$work/merged.db" "${local_shards[@]}" || merged=$?
if ((merged != 0 && merged != 3)); then exit "$merged"; fi
"$geocrawl" export --db "$work/merged.db" --out "$work/merged.csv"

copy_whole "$work/merged.db" "$results/merged.db"
copy_whole "$work/merged.csv" "$results/merged.csv"
rm -rf "$work"
echo "geocrawl-merge: ${#shards[@]} shards merged into $results/merged.db, exported to $results/merged.csv"

degraded=("$results"/shard-*.degraded)
if [[ -e ${degraded[0]} ]]; then
  echo "geocrawl-merge: degraded shards: ${degraded[*]##*/}" >&2
  exit 3
fi
if ((merged == 3)); then
  echo "geocrawl-merge: the merged night's networks are not numbered (geocrawl networks numbers them)" >&2
  exit 3
fi
