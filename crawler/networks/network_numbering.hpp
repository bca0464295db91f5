#pragma once
// Network numbers that last across runs: a run's network takes the number of the earlier
// network whose member sites (by URL, a site's identity across runs) it shares most (ties: the
// lowest number), each earlier number going to one network at most; a network that overlaps none,
// or whose best match went to a larger overlap, gets a new number. So "network 12" tonight is
// yesterday's network 12 with a site more.
#include <cstdint>
#include <string>
#include <vector>

namespace geocrawl {

struct numbered_network {
  std::int64_t id = 0;
  std::vector<std::string> members;  // site URLs
};

// The numbers for `components` (each a list of site URLs), in their order. New
// numbers start at `next_id` and count up.
std::vector<std::int64_t> number_networks(const std::vector<std::vector<std::string>>& components,
                                          const std::vector<numbered_network>& earlier,
                                          std::int64_t next_id);

}  // namespace geocrawl
