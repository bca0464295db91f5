#include "crawler/changes/network_change_kind.hpp"

namespace geocrawl {

std::string_view to_string(network_change_kind kind) noexcept {
  switch (kind) {
    case network_change_kind::network_formed:
      return "network_formed";
    case network_change_kind::network_gained:
      return "network_gained";
    case network_change_kind::network_lost:
      return "network_lost";
    case network_change_kind::network_dissolved:
      return "network_dissolved";
  }
  return "unknown";
}

}  // namespace geocrawl
