#include "crawler/store/run_presence.hpp"

#include "crawler/store/sqlite.hpp"

namespace geocrawl {

run_lookup look_up_run(sqlite_db& db, std::int64_t run_id) {
  auto query = db.prepare(
      "SELECT coalesce(pruned_at, ''), coalesce(pruning_started_at, ''), kept_sites FROM runs "
      "WHERE id = ?");
  query.bind(1, run_id);
  if (!query.step()) return {};
  return existing_run(query.column_text(0), query.column_text(1), query.column_int(2));
}

run_lookup existing_run(const std::string& pruned_at, const std::string& started_at,
                        std::int64_t kept) {
  if (!pruned_at.empty()) {
    return {kept > 0 ? run_presence::partly_pruned : run_presence::pruned, pruned_at, kept};
  }
  if (!started_at.empty()) return {run_presence::being_pruned, started_at, 0};
  return {run_presence::present, "", 0};
}

std::string describe_presence(std::int64_t run_id, const run_lookup& lookup) {
  const auto run = "run " + std::to_string(run_id);
  switch (lookup.presence) {
    case run_presence::present:
      return run + " is present";
    case run_presence::partly_pruned:
      return run + " was pruned on " + lookup.pruned_at + "; only its " +
             std::to_string(lookup.kept_sites) + " sites with a kept verdict remain";
    case run_presence::being_pruned:
      return run + " is being pruned (begun " + lookup.pruned_at +
             "); the next 'geocrawl prune' finishes it";
    case run_presence::pruned:
      return run + " was pruned on " + lookup.pruned_at;
    case run_presence::absent:
      return "no run " + std::to_string(run_id);
  }
  return run;
}

}  // namespace geocrawl
