#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace geocrawl {

// Browsers accept hosts such as "2130706433", "0x7f.1", "0177.0.0.1" or "127.1" as IPv4 addresses
// (WHATWG URL Standard, "ends in a number checker" and "IPv4 parser"). The crawler must read them
// the same way, or a policy check on the name would pass a host the browser sends to 127.0.0.1.
enum class ipv4_host_kind {
  not_ipv4,  // a domain name, to be looked up
  address,   // an IPv4 address in one of the forms browsers accept
  invalid,   // ends in a number but is no valid IPv4 address: the whole URL is invalid
};

struct ipv4_host {
  ipv4_host_kind kind;
  std::uint32_t address = 0;  // host byte order; meaningful only for ipv4_host_kind::address
};

// `host` is a special-scheme host after percent-decoding and ASCII lowercasing, without brackets.
// Opaque hosts (non-special schemes) never go through this parser, as in the standard.
ipv4_host parse_whatwg_ipv4(std::string_view host);

// Dotted quad, "127.0.0.1".
std::string format_ipv4(std::uint32_t address);

}  // namespace geocrawl
