#pragma once
// Retention: whole runs removed from the database by policy, with everything only they
// referenced, in bounded steps so that a crawl writing the same database (WAL) waits at most
// about a second at a time and readers go on reading.
//
// A run is marked (runs.pruning_started_at) before its first delete and finished
// (runs.pruned_at) after its last; the deletes between go a batch of sites per transaction.
// A prune killed at any point leaves a consistent database, and the next prune finishes every
// run marked and not finished, with the verdicts that run was to keep.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crawler/verdict/cloaking_verdict.hpp"

namespace geocrawl {

class sqlite_db;

// Which runs go. With both rules given, a run goes only when both select it (it is outside the
// newest keep_last and older than older_than_days), as restic's --keep-last with --keep-within.
// The newest done run and every unfinished run (running, interrupted, failed and not
// abandoned) never go.
struct retention_policy {
  std::optional<std::int64_t> keep_last;        // finished runs kept, newest first
  std::optional<std::int64_t> older_than_days;  // by the time the run finished
  std::vector<cloaking_verdict> keep_verdicts;  // sites with these verdicts stay, with evidence
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

// What a prune removes, or would.
struct prune_counts {
  std::vector<std::int64_t> runs;  // run ids, ascending
  std::int64_t sites = 0;
  std::int64_t views = 0;
  std::int64_t bodies = 0;
  std::int64_t body_bytes = 0;  // the stored (compressed) bytes of those bodies
  std::int64_t kept_sites = 0;  // sites of those runs kept for their verdict
};

struct prune_plan {
  prune_counts counts;
  // Body bytes plus the removed views' share of the rest of the file: an estimate, since
  // rows share pages and indexes shrink unevenly.
  std::int64_t estimated_bytes = 0;
};

struct prune_result {
  prune_counts counts;
  std::int64_t freed_bytes = 0;  // pages given back to the file system by incremental vacuum
  std::chrono::milliseconds elapsed{0};
};

// How big each step is: sites deleted per transaction, pages freed per incremental_vacuum.
struct prune_steps {
  std::int64_t sites_per_batch = 200;
  std::int64_t pages_per_vacuum = 2048;
};

class run_pruner {
 public:
  // Brings the database to the current schema first. Throws sqlite_error.
  explicit run_pruner(const std::filesystem::path& file, prune_steps steps = {});
  ~run_pruner();

  // Whether the file still needs its one-time conversion to incremental auto-vacuum (a
  // database created before geocrawl 0.1 retention); its size in bytes, to say how long.
  bool needs_vacuum_conversion();
  std::int64_t file_bytes();
  // Rewrites the whole file once (VACUUM): needs free disk space about the file's size and
  // holds every writer off until it is done.
  void convert_to_incremental_vacuum();

  prune_plan plan(const retention_policy& policy);
  prune_result prune(const retention_policy& policy);

 private:
  std::vector<std::int64_t> chosen_runs(const retention_policy& policy);
  void mark(const std::vector<std::int64_t>& runs, const retention_policy& policy);
  void prune_run(std::int64_t run_id, prune_counts& counts);
  std::int64_t free_pages();

  std::unique_ptr<sqlite_db> db_;
  prune_steps steps_;
  std::vector<std::string> site_children_;  // DELETE statements for rows keyed by a site
  std::vector<std::string> view_children_;  // ... by a view
  std::vector<std::string> run_children_;   // ... by a run, sites aside
};

}  // namespace geocrawl
