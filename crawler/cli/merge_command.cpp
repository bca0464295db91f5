#include "crawler/cli/merge_command.hpp"

#include <set>

#include <CLI/CLI.hpp>

#include "crawler/cli/run_networks.hpp"

#include "crawler/store/shard_merge.hpp"
#include "crawler/store/sqlite.hpp"

namespace geocrawl {

namespace {

constexpr int exit_failed = 1;
// Every shard merged, but a merged run's networks could not be numbered.
constexpr int exit_degraded = 3;

void print_merged(std::ostream& out, const std::string& shard, const shard_merge_result& result) {
  if (result.runs.empty()) {
    out << shard << ": merged already (" << result.merged_before
        << (result.merged_before == 1 ? " run" : " runs") << "), nothing to do\n";
    return;
  }
  for (const auto& run : result.runs) {
    out << shard << ": run " << run.shard_run_id << " -> run " << run.run_id << " (" << run.sites
        << (run.sites == 1 ? " site" : " sites")
        << (run.joined ? ", joined label " : ", new, label ")
        << (run.run_label.empty() ? "(none)" : run.run_label) << ")\n";
  }
}

}  // namespace

CLI::App* add_merge_command(CLI::App& app, merge_command_options& options) {
  auto* merge = app.add_subcommand(
      "merge", "Copy shard databases into one, a night's shards into one run per label");
  merge->add_option("--into", options.into, "The database to merge into (created if missing)")
      ->required();
  merge->add_flag("--partial", options.partial,
                  "Merge runs that are not done too (their unfinished sites stay pending)");
  merge->add_option("SHARD", options.shards, "Shard databases, merged in this order")->required();
  return merge;
}

int run_merge_command(const merge_command_options& options, std::ostream& out, std::ostream& err) {
  std::set<std::int64_t> merged_runs;  // in the target
  for (const auto& shard : options.shards) {
    try {
      const auto merged = merge_shard(options.into, shard, {.partial = options.partial});
      print_merged(out, shard, merged);
      for (const auto& run : merged.runs) merged_runs.insert(run.run_id);
    } catch (const merge_refused& error) {
      err << "geocrawl: merge refused: " << error.what() << "\n";
      return exit_failed;
    } catch (const sqlite_error& error) {
      // A site in two shards of one label (overlapping slices) fails sites' UNIQUE (run, url).
      err << "geocrawl: merging " << shard << " into " << options.into << ": " << error.what()
          << " (nothing of this shard was merged)\n";
      return exit_failed;
    }
  }
  // A shard's own numbers cover only its sites, and one network may span shards: the merged
  // run is numbered whole, continuing the target's numbers of earlier nights.
  bool numbered = true;
  for (const auto run_id : merged_runs) {
    out << "run " << run_id << ": ";
    numbered = number_after_run(options.into, run_id, network_settings{}, out) && numbered;
  }
  return numbered ? 0 : exit_degraded;
}

}  // namespace geocrawl
