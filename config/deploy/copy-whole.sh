# shellcheck shell=bash
# Sourced by geocrawl-shard.sh and geocrawl-merge.sh.
# copy_whole SOURCE TARGET: copies SOURCE to TARGET under a temporary name and renames it, so
# a reader of the shared folder (the merge, an analyst) never sees half a file. A database is
# refused when a non-empty WAL lies beside it: geocrawl checkpoints and removes the WAL when it
# closes, so one left behind means the copy would miss committed rows.
copy_whole() {
  local source=$1 target=$2
  if [[ -s $source-wal ]]; then
    echo "${0##*/}: $source-wal is not empty; not copying a database without its WAL" >&2
    return 1
  fi
  cp "$source" "$target.partial"
  mv -f "$target.partial" "$target"
}
