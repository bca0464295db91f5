#include "crawler/networks/link_strength.hpp"

namespace geocrawl {

link_strength strength_of(identifier_kind kind) noexcept {
  switch (kind) {
    case identifier_kind::ip:
    case identifier_kind::asn:
    case identifier_kind::name_server:
    case identifier_kind::favicon:
      return link_strength::weak;
    default:
      return link_strength::strong;
  }
}

link_mode mode_of(identifier_kind kind) noexcept {
  return kind == identifier_kind::sister_link || kind == identifier_kind::cert_name
             ? link_mode::points_at_site
             : link_mode::shared_value;
}

std::string_view to_string(link_strength strength) noexcept {
  return strength == link_strength::strong ? "strong" : "weak";
}

}  // namespace geocrawl
