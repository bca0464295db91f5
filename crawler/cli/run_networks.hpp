#pragma once
// A run's networks linked (crawler/networks/ over crawler/store/'s rows) and numbered so the
// numbers last across runs: the one computation `networks` prints, `crawl` and `merge` keep
// when a run completes, and `report` shows a page per network from.
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "crawler/config/network_settings.hpp"
#include "crawler/networks/network_linker.hpp"

namespace geocrawl {

class network_reader;

// What the outputs say of a site of the run.
struct network_member {
  std::string url;
  std::string domain;     // its registrable domain
  std::string verdict;    // "" for a site not compared
  std::string registrar;  // the newest found lookup's name; "" when none (members only)
};

struct numbered_networks {
  std::int64_t run_id = 0;
  network_result linked;
  std::vector<std::int64_t> ids;                           // per linked.networks
  std::unordered_map<std::int64_t, network_member> sites;  // every site of the run, by id

  // Indexes into linked.networks in the order of their numbers.
  std::vector<std::size_t> by_number() const;
  // Sites that are in a network.
  std::size_t member_count() const;
};

// Links the run's finished sites and numbers their networks: as the run was numbered before
// (so doing it again gives the same numbers), else by overlap with the newest earlier run's.
// Reads only. Throws sqlite_error.
numbered_networks link_and_number(network_reader& reader, std::int64_t run_id,
                                  const network_settings& settings);

// The [networks] rules of a --config file, or the defaults without one. Throws usage_error for
// a config that does not load.
network_settings configured_network_settings(const std::optional<std::string>& config_file);

// Keeps the numbers in network_members, in place of any the run had. Throws sqlite_error.
void keep_numbers(const std::string& database, const numbered_networks& result);

struct numbering_summary {
  std::size_t networks = 0;
  std::size_t sites = 0;
  std::chrono::milliseconds elapsed{0};
};

// link_and_number, then keep_numbers: what a finished crawl or merge does for its run. Throws
// sqlite_error.
numbering_summary number_run_networks(const std::string& database, std::int64_t run_id,
                                      const network_settings& settings);

// number_run_networks as the last phase of a command, one line of its summary either way:
// "networks: 3 numbered (12 sites) in 0.4 s", or "networks failed: WHY (...)". The run's own
// results were committed before and stay whatever happens here. Returns false on failure.
bool number_after_run(const std::string& database, std::int64_t run_id,
                      const network_settings& settings, std::ostream& out);

}  // namespace geocrawl
