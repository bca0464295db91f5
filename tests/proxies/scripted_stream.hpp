#pragma once
// Runs a tunnel handshake (SOCKS5, HTTP CONNECT) against a scripted proxy on a
// beast::test::stream: everything the proxy answers is given up front and followed by its
// close, so no read can wait forever, and what geocrawl wrote comes back byte for byte
// (STYLE.md practice 11, after Beast's test/beast/http/read.cpp).
#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/_experimental/test/error.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include "proxies/socks5.hpp"

namespace geocrawl::testing {

using handshake_function =
    std::function<boost::asio::awaitable<tunnel_result>(boost::beast::test::stream&)>;

struct proxy_script {
  std::string reply;  // every byte the proxy sends; then it closes the connection
  // Bytes the client gets per read: 1 drips the reply byte by byte.
  std::size_t read_size = std::numeric_limits<std::size_t>::max();
  // The client's I/O operation (0-based, reads and writes alike) that fails with fail_error.
  std::optional<std::size_t> fail_at;
  boost::system::error_code fail_error = boost::beast::test::error::test_failure;
};

struct handshake_run {
  tunnel_result result;
  std::string written;  // every byte the handshake sent to the proxy
  std::string unread;   // what the handshake left of the reply: the tunnel's first bytes
};

// Throws when the handshake has not finished within a few seconds.
handshake_run run_handshake(const handshake_function& handshake, const proxy_script& script);

// Runs the handshake against the reply with its first, second, ... I/O operation failing
// (beast::test::fail_count) until a run gets past every operation, once for each kind of
// failure: a timeout must become dial_errc::timeout, a reset "the proxy closed the
// connection during the <handshake>", anything else "the <handshake> failed: ...".
// `handshake` names it as the messages do: "SOCKS5 handshake for 127.0.0.2:443".
// Returns the number of failure points, the same for every kind; at most 64.
std::size_t check_every_failure_point(const handshake_function& handshake, std::string_view reply,
                                      std::string_view handshake_name);

}  // namespace geocrawl::testing
