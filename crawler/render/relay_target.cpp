#include "crawler/render/relay_target.hpp"
#include "parsers/ascii.hpp"

#include <boost/url/parse.hpp>

namespace geocrawl {

namespace urls = boost::urls;

namespace {

boost::system::result<relay_target, std::string> refused(std::string reason) {
  return {boost::system::in_place_error, std::move(reason)};
}

// The host as a dialer wants it: IPv6 without brackets, names lower case.
std::string dial_host(const urls::authority_view& authority) {
  if (authority.host_type() == urls::host_type::ipv6)
    return authority.host_ipv6_address().to_string();
  return ascii_lowercase(authority.host_type() == urls::host_type::name ? authority.host_name()
                                                                        : authority.host_address());
}

std::string with_port(const urls::authority_view& authority, std::uint16_t port) {
  std::string text = authority.host_type() == urls::host_type::ipv6
                         ? "[" + authority.host_ipv6_address().to_string() + "]"
                         : dial_host(authority);
  return text + ":" + std::to_string(port);
}

// Shared by both forms: a host, no user name, a port that fits 1-65535.
boost::system::result<relay_target, std::string> checked(const urls::authority_view& authority,
                                                         std::uint16_t default_port) {
  if (authority.has_userinfo()) return refused("a user name in the destination is refused");
  if (authority.host_type() == urls::host_type::ipvfuture || authority.encoded_host().empty())
    return refused("no host");
  std::uint16_t port = default_port;
  if (authority.has_port()) {
    if (authority.port().empty()) return refused("an empty port");
    // port_number() is 0 both for "0" and for a number that does not fit 16 bits.
    port = authority.port_number();
  }
  if (port == 0) return refused("port must be 1-65535");
  return relay_target{dial_host(authority), port, with_port(authority, port), {}};
}

}  // namespace

boost::system::result<relay_target, std::string> parse_connect_target(std::string_view target) {
  auto authority = urls::parse_authority(target);
  if (!authority) return refused("not host:port");
  if (!authority->has_port()) return refused("no port");
  return checked(*authority, 0);
}

boost::system::result<relay_target, std::string> parse_forward_target(std::string_view target) {
  auto url = urls::parse_absolute_uri(target);
  if (!url) return refused("not an absolute URL");
  if (url->scheme_id() != urls::scheme::http)
    return refused("only http:// is forwarded; other schemes go through CONNECT");
  auto parsed = checked(url->authority(), 80);
  if (!parsed) return parsed;
  parsed->origin_form = url->encoded_path().empty() ? "/" : std::string(url->encoded_path());
  if (url->has_query()) parsed->origin_form += "?" + std::string(url->encoded_query());
  return parsed;
}

}  // namespace geocrawl
