#pragma once
// A tunnel handshake (SOCKS5, HTTP CONNECT) run against a scripted proxy with each of its I/O
// operations failing in turn: every failure point must end the handshake with the error that
// matches the failure (after the fail_count loop of Beast's own tests).
#include <cstddef>
#include <functional>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include "proxies/socks5.hpp"

namespace geocrawl::testing {

using handshake_function =
    std::function<boost::asio::awaitable<tunnel_result>(boost::beast::test::stream&)>;

// Runs the handshake against the reply with its first, second, ... I/O operation failing
// (beast::test::fail_count) until a run gets past every operation, once for each kind of
// failure: a timeout must become dial_errc::timeout, a reset "the proxy closed the
// connection during the <handshake>", anything else "the <handshake> failed: ...".
// `handshake` names it as the messages do: "SOCKS5 handshake for 127.0.0.2:443".
// Returns the number of failure points, the same for every kind; at most 64.
std::size_t check_every_failure_point(const handshake_function& handshake, std::string_view reply,
                                      std::string_view handshake_name);

}  // namespace geocrawl::testing
