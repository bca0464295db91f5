#include "proxies/host_port.hpp"

namespace geocrawl {

std::string host_port(std::string_view host, std::uint16_t port) {
  // A DNS name or an IPv4 literal never holds a ':'; an IPv6 literal always does.
  const bool ipv6 = host.find(':') != std::string_view::npos;
  std::string text;
  if (ipv6) text += '[';
  text += host;
  if (ipv6) text += ']';
  text += ':';
  text += std::to_string(port);
  return text;
}

}  // namespace geocrawl
