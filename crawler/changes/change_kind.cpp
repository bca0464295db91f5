#include "crawler/changes/change_kind.hpp"

namespace geocrawl {

std::string_view to_string(change_kind kind) noexcept {
  switch (kind) {
    case change_kind::new_site:
      return "new_site";
    case change_kind::site_gone:
      return "site_gone";
    case change_kind::newly_cloaked:
      return "newly_cloaked";
    case change_kind::no_longer_cloaked:
      return "no_longer_cloaked";
    case change_kind::verdict_changed:
      return "verdict_changed";
    case change_kind::now_unreachable:
      return "now_unreachable";
    case change_kind::reachable_again:
      return "reachable_again";
    case change_kind::registrar_changed:
      return "registrar_changed";
    case change_kind::page_state_changed:
      return "page_state_changed";
    case change_kind::host_moved:
      return "host_moved";
    case change_kind::domain_moved:
      return "domain_moved";
    case change_kind::drugs_added:
      return "drugs_added";
    case change_kind::drugs_gone:
      return "drugs_gone";
    case change_kind::title_changed:
      return "title_changed";
  }
  return "unknown";
}

}  // namespace geocrawl
