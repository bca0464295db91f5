#pragma once
// Where a client of the relay wants to go, read from its request line: "CONNECT host:port" or an
// absolute-form "GET http://host/path". A pure function, so the hostile inputs a page can make
// Chromium send are tested as a table.
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

namespace geocrawl {

struct relay_target {
  std::string host;  // a DNS name or an IP literal; IPv6 without brackets
  std::uint16_t port = 0;
  std::string authority;  // host:port as a URL writes it (IPv6 in brackets)
  // For a forwarded request, the origin-form target the destination is sent ("/path?query");
  // empty for a tunnel.
  std::string origin_form;
};

// "example.com:443", "[2001:db8::1]:8443". The error says what is wrong: no port, port 0, a
// user name, a path.
boost::system::result<relay_target, std::string> parse_connect_target(std::string_view target);

// "http://example.com/a?b" (port 80 unless given). https:// and every other scheme are refused:
// Chromium tunnels those through CONNECT, and a relay that fetched them would see inside TLS.
// A fragment (not part of an absolute URI) and user:password in the URL are refused.
boost::system::result<relay_target, std::string> parse_forward_target(std::string_view target);

}  // namespace geocrawl
