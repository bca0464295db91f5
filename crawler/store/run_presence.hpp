#pragma once
// Whether a run asked for by its id is there to read: every command that takes a run id
// (export --run, runs, show, report) asks this, so a pruned run is reported as pruned, with its
// date, rather than as a run that never existed.
#include <cstdint>
#include <string>

namespace geocrawl {

class sqlite_db;

enum class run_presence {
  present,        // all its sites are there
  partly_pruned,  // pruned, but the sites with a kept verdict (--keep-verdict) are there
  being_pruned,   // a prune began and has not finished: the next prune finishes it
  pruned,         // only its row is left
  absent,         // never existed in this database
};

struct run_lookup {
  run_presence presence = run_presence::absent;
  std::string pruned_at;  // when the prune finished, or began for being_pruned
  std::int64_t kept_sites = 0;
};

run_lookup look_up_run(sqlite_db& db, std::int64_t run_id);
// The presence of a run that exists, from its runs columns ("" for NULL).
run_lookup existing_run(const std::string& pruned_at, const std::string& pruning_started_at,
                        std::int64_t kept_sites);

// "run 12 was pruned on 2026-11-27T01:00:00.000Z" and the like, for every presence but
// present; what a command prints before it exits 1.
std::string describe_presence(std::int64_t run_id, const run_lookup& lookup);

}  // namespace geocrawl
