#!/usr/bin/env bash
# One shard of a night's crawl, as a scheduler task runs it (Slurm array task, Kubernetes
# Indexed Job pod): crawls into a database on node-local disk, resumes it when the scheduler
# restarts the task on the same node, and copies the finished database to the shared results
# folder under a temporary name, renamed when whole, so the merge never reads half a file.
#
# Why local disk: SQLite's WAL needs shared memory and POSIX locks that network file systems
# (NFS, Lustre, GPFS, CephFS) do not provide reliably; a database written there can be
# corrupted. The results folder only ever receives finished, checkpointed copies.
#
# Environment (set by slurm/submit.sh or the Kubernetes Job):
#   GEOCRAWL_SITES        the sites file (every shard reads the whole list; --shard picks its part)
#   GEOCRAWL_CONFIG       the geocrawl config (proxy secrets as ${VAR}, from the environment)
#   GEOCRAWL_RESULTS_DIR  shared folder of this run: receives shard-<I>.db
#   GEOCRAWL_RUN_LABEL    the night's run label, the same for every shard (--run-label)
#   GEOCRAWL_LOCAL_DIR    node-local folder for the working database
#   GEOCRAWL_BIN          the geocrawl binary (default: geocrawl on PATH)
#   GEOCRAWL_SHARD_ID     the shard's index; default SLURM_ARRAY_TASK_ID, else JOB_COMPLETION_INDEX
# Arguments: passed to `geocrawl crawl` after `--shard auto` (Kubernetes: --shards N).
# Exit status: geocrawl's, except 3 (a degraded run: done, but some vantage lacked proxies),
# which is recorded as shard-<I>.degraded beside the copy and exits 0 so the merge still runs;
# the merge job then exits 3 for the whole night.
set -euo pipefail
# shellcheck source=config/deploy/copy-whole.sh
source "$(dirname "${BASH_SOURCE[0]}")/copy-whole.sh"

: "${GEOCRAWL_SITES:?the sites file}" "${GEOCRAWL_CONFIG:?the geocrawl config}"
: "${GEOCRAWL_RESULTS_DIR:?the shared results folder}" "${GEOCRAWL_RUN_LABEL:?the run label}"
: "${GEOCRAWL_LOCAL_DIR:?a node-local folder}"
geocrawl=${GEOCRAWL_BIN:-geocrawl}
shard=${GEOCRAWL_SHARD_ID:-${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-}}}
if [[ ! $shard =~ ^[0-9]+$ ]]; then
  echo "geocrawl-shard: no shard index (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or GEOCRAWL_SHARD_ID)" >&2
  exit 2
fi

work=$GEOCRAWL_LOCAL_DIR/geocrawl-$GEOCRAWL_RUN_LABEL-shard-$shard
db=$work/shard-$shard.db
mkdir -p "$work" "$GEOCRAWL_RESULTS_DIR"

# A task restarted on the node that ran it finds its database and continues the run (finished
# sites are not fetched again); restarted elsewhere, the first node's disk is out of reach and
# the shard starts over. `done` marks a crawl that finished but whose copy did not.
status=0
if [[ -f $work/done ]]; then
  status=$(<"$work/done")
elif [[ -f $db ]]; then
  "$geocrawl" crawl --resume --config "$GEOCRAWL_CONFIG" --db "$db" || status=$?
else
  "$geocrawl" crawl --sites "$GEOCRAWL_SITES" --config "$GEOCRAWL_CONFIG" --db "$db" \
    --shard auto --run-label "$GEOCRAWL_RUN_LABEL" "$@" || status=$?
fi
if ((status != 0 && status != 3)); then
  echo "geocrawl-shard: shard $shard: geocrawl crawl exited $status; its database stays in $work" >&2
  exit "$status"
fi
echo "$status" >"$work/done"

# The marker first: a merge that finds the database finds the marker with it.
if ((status == 3)); then
  echo "geocrawl crawl exited 3: degraded (see the task's log)" >"$GEOCRAWL_RESULTS_DIR/shard-$shard.degraded"
fi
target=$GEOCRAWL_RESULTS_DIR/shard-$shard.db
copy_whole "$db" "$target"
rm -rf "$work"
echo "geocrawl-shard: shard $shard copied to $target"
