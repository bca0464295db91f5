#include "tests/support/proxy_double.hpp"

#include <boost/url/url.hpp>

namespace geocrawl::testing {

std::string proxy_url(std::string_view scheme, const std::string& address, std::uint16_t port,
                      const std::optional<proxy_credentials>& credentials) {
  boost::urls::url url;
  url.set_scheme(scheme);
  url.set_host_address(address);
  url.set_port_number(port);
  if (credentials) {
    url.set_user(credentials->username);
    url.set_password(credentials->password);
  }
  return std::string(url.buffer());
}

}  // namespace geocrawl::testing
