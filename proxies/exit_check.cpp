#include "proxies/exit_check.hpp"

namespace geocrawl {

std::string_view to_string(proxy_status status) noexcept {
  switch (status) {
    case proxy_status::ok:
      return "ok";
    case proxy_status::mismatch:
      return "mismatch";
    case proxy_status::dead:
      return "dead";
    case proxy_status::unverified:
      return "unverified";
  }
  return "unknown";
}

std::string geoip_builds(const exit_location& location) {
  if (!location.has_second) return location.build;
  return location.build + " + " + location.second_build;
}

}  // namespace geocrawl
