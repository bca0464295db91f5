#pragma once
// What the tunnel layers (SOCKS5, HTTP CONNECT) share: the deadline on the connection
// under them, and the I/O errors of a handshake as dial failures.
#include <chrono>
#include <string_view>

#include <boost/beast/core/stream_traits.hpp>
#include <boost/system/error_code.hpp>

#include "proxies/dial_error.hpp"
#include "proxies/tunnel_target.hpp"

namespace geocrawl {

// The lowest layer of a real connection (beast::tcp_stream) has a deadline; the scripted
// streams of the unit tests have none and are left alone.
template <class Stream>
void set_deadline(Stream& stream, std::chrono::steady_clock::time_point deadline) {
  auto& lowest = boost::beast::get_lowest_layer(stream);
  if constexpr (requires { lowest.expires_at(deadline); }) lowest.expires_at(deadline);
}

template <class Stream>
void clear_deadline(Stream& stream) {
  auto& lowest = boost::beast::get_lowest_layer(stream);
  if constexpr (requires { lowest.expires_never(); }) lowest.expires_never();
}

// timeout when the deadline passed; proxy_protocol otherwise, since the proxy was reached
// and then broke off the handshake. `handshake` names it: "SOCKS5 handshake".
dial_failure handshake_io_failure(const boost::system::error_code& ec, std::string_view handshake,
                                  const tunnel_target& target);

}  // namespace geocrawl
