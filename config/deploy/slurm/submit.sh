#!/usr/bin/env bash
# Submits one night's sharded crawl to Slurm: the array of shard tasks (shard.sbatch) and the
# merge job that waits for all of them (merge.sbatch, --dependency=afterok), and prints the
# run label and both job ids.
#   submit.sh --sites F --config F --results DIR --shards N [--throttle K] [--run-label L]
#             [--local-dir DIR] [--geocrawl PATH] [-- SBATCH_OPTION...]
#   submit.sh --merge-only --results DIR --shards N --run-label L [--local-dir DIR]
#             [--geocrawl PATH] [-- SBATCH_OPTION...]
# --merge-only submits the merge alone, at once: for a night whose merge never ran because
#            a shard failed, once that shard has been run again (scontrol requeue) and every
#            shard's database is in DIR/L/.
# --results  a folder every node can read and write (the shared file system); the run's
#            databases, CSV and logs go to DIR/<run label>/
# --shards   how many shards (array tasks 0..N-1); --throttle: at most K running at once
#            (default N)
# --run-label the label every shard's run carries; default a new UUID
# --local-dir node-local folder for the working databases (default: SLURM_TMPDIR, TMPDIR or /tmp
#            on each node)
# --geocrawl the geocrawl binary as the nodes see it (default: geocrawl on their PATH)
# Options after -- go to both sbatch calls (--partition, --account, --cpus-per-task, ...).
set -euo pipefail

usage() {
  echo "usage: ${0##*/} --sites F --config F --results DIR --shards N [--throttle K]" \
    "[--run-label L] [--local-dir DIR] [--geocrawl PATH] [-- SBATCH_OPTION...]" >&2
  echo "       ${0##*/} --merge-only --results DIR --shards N --run-label L [--local-dir DIR]" \
    "[--geocrawl PATH] [-- SBATCH_OPTION...]" >&2
  exit 2
}

sites='' config='' results='' shards='' throttle='' label='' local_dir='' geocrawl=geocrawl
merge_only=false
while (($# > 0)); do
  case $1 in
    --merge-only)
      merge_only=true
      shift
      ;;
    --sites | --config | --results | --shards | --throttle | --run-label | --local-dir | --geocrawl)
      (($# >= 2)) || usage
      case $1 in
        --sites) sites=$2 ;;
        --config) config=$2 ;;
        --results) results=$2 ;;
        --shards) shards=$2 ;;
        --throttle) throttle=$2 ;;
        --run-label) label=$2 ;;
        --local-dir) local_dir=$2 ;;
        --geocrawl) geocrawl=$2 ;;
      esac
      shift 2
      ;;
    --)
      shift
      break
      ;;
    *) usage ;;
  esac
done
if $merge_only; then
  [[ -n $results && -n $shards && -n $label && -z $sites$config$throttle ]] || usage
else
  [[ -n $sites && -n $config && -n $results && -n $shards ]] || usage
fi
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "${0##*/}: --shards must be a positive number" >&2; exit 2; }
throttle=${throttle:-$shards}
[[ $throttle =~ ^[1-9][0-9]*$ ]] || { echo "${0##*/}: --throttle must be a positive number" >&2; exit 2; }
if ! $merge_only; then
  for file in "$sites" "$config"; do
    [[ -r $file ]] || { echo "${0##*/}: cannot read $file" >&2; exit 2; }
  done
fi
# The label names folders and is passed on command lines: keep it to a safe alphabet.
label=${label:-$(cat /proc/sys/kernel/random/uuid)}
[[ $label =~ ^[A-Za-z0-9._-]{1,64}$ ]] || { echo "${0##*/}: --run-label: 1-64 of A-Z a-z 0-9 . _ -" >&2; exit 2; }

# The tasks run on other nodes, from Slurm's spool: every path they read must be absolute.
deploy_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run_dir=$(mkdir -p "$results/$label/logs" && cd "$results/$label" && pwd)
export GEOCRAWL_DEPLOY_DIR=$deploy_dir
export GEOCRAWL_RESULTS_DIR=$run_dir GEOCRAWL_RUN_LABEL=$label GEOCRAWL_SHARDS=$shards
export GEOCRAWL_BIN=$geocrawl
if [[ -n $local_dir ]]; then export GEOCRAWL_LOCAL_DIR=$local_dir; fi
echo "run label: $label"

if $merge_only; then
  merge_job=$(sbatch --parsable --export=ALL --open-mode=append --output="$run_dir/logs/merge.log" "$@" \
    "$deploy_dir/slurm/merge.sbatch")
  echo "merge job: ${merge_job%%;*} (now)"
  echo "results: $run_dir"
  exit 0
fi
export GEOCRAWL_SITES
GEOCRAWL_SITES=$(realpath "$sites")
export GEOCRAWL_CONFIG
GEOCRAWL_CONFIG=$(realpath "$config")

# sbatch passes the environment above to the jobs (--export=ALL, its default).
array_job=$(sbatch --parsable --export=ALL --array="0-$((shards - 1))%$throttle" \
  --output="$run_dir/logs/shard-%a.log" "$@" "$deploy_dir/slurm/shard.sbatch")
array_job=${array_job%%;*}  # "id;cluster" on a multi-cluster setup
merge_job=$(sbatch --parsable --export=ALL --dependency="afterok:$array_job" \
  --output="$run_dir/logs/merge.log" "$@" "$deploy_dir/slurm/merge.sbatch")
merge_job=${merge_job%%;*}

echo "array job: $array_job (shards 0-$((shards - 1)), at most $throttle at once)"
echo "merge job: $merge_job (after every shard succeeded)"
echo "results: $run_dir"
