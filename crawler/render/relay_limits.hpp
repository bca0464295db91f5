#pragma once
// The bounds one rendered view's relay runs under. A page is hostile: it may open hundreds of
// sockets, stall them, or pull a bottomless download; each of these ends as a recorded outcome.
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace geocrawl {

struct relay_limits {
  // Nothing moved either way on a client connection (before its request, or in a tunnel or
  // exchange) for this long: the connection is closed.
  std::chrono::milliseconds idle_timeout{15'000};
  // DNS, TCP and the proxy's handshake for one destination.
  std::chrono::milliseconds connect_timeout{10'000};
  // Client connections open at once; further ones wait in the listen queue, as Chromium expects
  // of a busy proxy, rather than being refused.
  std::size_t max_connections = 32;
  std::size_t max_header_bytes = 64 * 1024;          // a request's or a response's header
  std::size_t max_request_body_bytes = 1024 * 1024;  // a forwarded request's body (a form post)
  // Every byte of the view, both ways, all connections: past it, open exchanges are cut.
  std::uint64_t max_view_bytes = 50 * 1024 * 1024;
};

}  // namespace geocrawl
