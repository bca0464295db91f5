#pragma once
// The kinds of change `geocrawl changes` reports in a run's networks against an earlier run's,
// by network number (crawler/networks/network_numbering.hpp). The words are stable: the
// `change` column of `export --what changes` and the JSON's "change".
#include <array>
#include <string_view>

namespace geocrawl {

enum class network_change_kind {
  network_formed,     // a number the earlier run did not have
  network_gained,     // sites the network has now, not before
  network_lost,       // sites the network had before, not now
  network_dissolved,  // a number the earlier run had, this one does not
};

// Every kind, in the order above: the order of one network's changes and of the summary.
inline constexpr std::array all_network_change_kinds{
    network_change_kind::network_formed, network_change_kind::network_gained,
    network_change_kind::network_lost, network_change_kind::network_dissolved};

std::string_view to_string(network_change_kind kind) noexcept;

}  // namespace geocrawl
