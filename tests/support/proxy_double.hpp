// Vocabulary the proxy doubles (test_socks5_proxy, test_connect_proxy) share with the tests that
// script them.
#pragma once

#include "proxies/proxy_url.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl::testing {

// Name -> IP address text: the only resolver a proxy double has, so a test decides where every
// name leads and nothing is ever looked up off the machine. Names match case-insensitively.
using host_table = std::map<std::string, std::string>;

// How the credentials a client offered fared. Records keep this, never the secret.
enum class proxy_auth {
  none,      // none offered: SOCKS5 method 0, or no Proxy-Authorization header
  accepted,  // offered and let through: right, or not required
  refused,   // offered and wrong
};

// "scheme://[user:password@]address:port", user and password percent-encoded, an IPv6 address
// in brackets.
std::string proxy_url(std::string_view scheme, const std::string& address, std::uint16_t port,
                      const std::optional<proxy_credentials>& credentials);

}  // namespace geocrawl::testing
