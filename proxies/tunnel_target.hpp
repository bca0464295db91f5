#pragma once
// Where a proxy is asked to connect: a host name the proxy resolves (socks5h, CONNECT by
// name) or an address geocrawl resolved and checked itself (socks5).
#include <cstdint>
#include <string>

namespace geocrawl {

struct tunnel_target {
  std::string host;  // a DNS name or an IP literal (IPv6 without brackets)
  std::uint16_t port = 0;
};

}  // namespace geocrawl
