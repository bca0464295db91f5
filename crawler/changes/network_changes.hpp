#pragma once
// What differs between a run's networks and an earlier run's, network by network number: a pure
// function of the two runs' numbered members (crawler/store/export_reader.hpp's
// network_history). Sites are compared by URL, the identity the numbering keeps across runs;
// the analyst reads them as registrable domains.
#include <cstdint>
#include <string>
#include <vector>

#include "crawler/changes/network_change_kind.hpp"
#include "crawler/store/network_reader.hpp"

namespace geocrawl {

struct network_change {
  network_change_kind kind = network_change_kind::network_formed;
  std::int64_t network_id = 0;
  // The sites the change is about: all of a network formed or dissolved, those gained or lost.
  std::vector<std::string> urls;     // sorted
  std::vector<std::string> domains;  // their registrable domains, distinct, sorted
};

// By network number; one network's changes in the order of all_network_change_kinds (a network
// can gain some sites and lose others in one run).
std::vector<network_change> network_changes(const std::vector<network_member_row>& before,
                                            const std::vector<network_member_row>& now);

}  // namespace geocrawl
