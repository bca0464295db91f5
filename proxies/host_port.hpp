#pragma once
// A host and port as they are written in a URL authority, an HTTP CONNECT request target
// and our messages: IPv6 literals need brackets there, or the port would read as part of
// the address.
#include <cstdint>
#include <string>
#include <string_view>

namespace geocrawl {

// "example.com:443", "192.0.2.1:1080", "[2001:db8::1]:443". The host is a DNS name or an
// IP literal without brackets.
std::string host_port(std::string_view host, std::uint16_t port);

}  // namespace geocrawl
