#include "crawler/changes/site_host.hpp"

#include "crawler/domain/registrable_domain.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {

std::string host_of(std::string_view url) {
  const auto parsed = parse_web_url(url);
  return parsed ? connect_host(*parsed) : std::string();
}

std::string registrar_domain(std::string_view url) { return site_identity(host_of(url)); }

}  // namespace geocrawl
