#!/usr/bin/env bash
# Bounded fuzzing, for CI and by hand: configures and builds the asan preset's fuzz targets
# (clang, already built when the asan workflow ran before), then runs each libFuzzer target in
# tests/fuzz/ for SECONDS_PER_TARGET (default 60), one per core at a time, on a copy of its
# seed corpus and regression inputs, so nothing is written into the repository. Prints
# execs and exec/s per target. Exits non-zero when any target crashes, leaks, hangs or breaks
# a property; its log and the input that did it stay in the work directory it names.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
targets=(page_analysis_fuzz http_response_fuzz proxy_reply_fuzz config_fuzz csv_fuzz sites_input_fuzz)

cmake --preset asan > /dev/null
cmake --build --preset asan --target "${targets[@]}"

work=$(mktemp -d "${TMPDIR:-/tmp}/geocrawl-fuzz.XXXXXX")

# One target per core at a time: each is a single process.
fuzz_target() {
  local target=$1 dir=$work/$1
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp tests/fuzz/corpus/"$target"/* "$dir/corpus/"
  if [[ -d tests/fuzz/regressions/$target ]]; then cp tests/fuzz/regressions/"$target"/* "$dir/corpus/"; fi
  local options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
                 -artifact_prefix="$dir/artifacts/")
  if [[ -f tests/fuzz/$target.dict ]]; then options+=(-dict="tests/fuzz/$target.dict"); fi
  if build/asan/tests/fuzz/"$target" "${options[@]}" "$dir/corpus" > "$dir/log" 2>&1; then
    echo ok > "$dir/result"
  else
    echo FAILED > "$dir/result"
  fi
}
parallel=$(nproc)
running=0
for target in "${targets[@]}"; do
  fuzz_target "$target" &
  running=$((running + 1))
  if ((running == parallel)); then wait -n; running=$((running - 1)); fi
done
wait

failed=0
printf '%-20s %-7s %12s %10s\n' target result execs exec/s
for target in "${targets[@]}"; do
  dir=$work/$target
  result=$(cat "$dir/result" 2>/dev/null || echo FAILED)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log")
  printf '%-20s %-7s %12s %10s\n' "$target" "$result" "${execs:-?}" "${rate:-?}"
  if [[ $result == FAILED ]]; then
    failed=1
    tail -n 40 "$dir/log" | sed 's/^/    /'
    echo "    log and input: $dir"
  fi
done

if ((failed)); then
  echo "fuzzing found a problem; the work directory stays: $work"
  exit 1
fi
rm -rf "$work"
