#include "crawler/changes/site_host.hpp"

#include <algorithm>
#include <cctype>

#include <boost/url/parse.hpp>

#include "crawler/domain/registrable_domain.hpp"

namespace geocrawl {

std::string host_of(std::string_view url) {
  const auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return "";
  std::string host(parsed->encoded_host());
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::string registrar_domain(std::string_view url) { return site_identity(host_of(url)); }

}  // namespace geocrawl
