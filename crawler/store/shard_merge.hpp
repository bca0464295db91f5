#pragma once
// `geocrawl merge`: a shard's database copied into a target database (issue 21). Every table
// travels by the list in merge_tables.hpp: ids renumbered past the target's, bodies and other
// naturally keyed rows kept once, and a shard run joined to the target's run of the same label,
// so one night's shards become one run.
//
// One transaction per shard: a merge killed at any point leaves the target as it was before
// that shard, and merging again completes it. The target records each shard run it merged by
// the shard database's identity and the run's id there (merged_shards), so merging the same
// shard again changes nothing.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace geocrawl {

// The shard cannot be merged as it is; nothing of it was merged. The message says why and
// what to do.
class merge_refused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct merge_options {
  // Merge runs that are not done too (running, interrupted, failed): their finished sites,
  // their pending ones still pending. A run merged so is not merged again when it is done.
  bool partial = false;
};

struct merged_run {
  std::int64_t shard_run_id = 0;
  std::int64_t run_id = 0;  // in the target
  std::string run_label;
  std::int64_t sites = 0;
  bool joined = false;  // it joined a run of its label already in the target
};

struct shard_merge_result {
  std::vector<merged_run> runs;
  std::int64_t merged_before = 0;  // runs of the shard the target holds already
};

// Refuses (merge_refused) a shard that is the target itself, a file that is not there, a newer
// schema than this build's, a run not done without options.partial, and a run whose label the
// target holds with another config fingerprint or command. Throws sqlite_error when either
// database cannot be read or written (the target is then as before).
shard_merge_result merge_shard(const std::filesystem::path& target,
                               const std::filesystem::path& shard, const merge_options& options);

}  // namespace geocrawl
