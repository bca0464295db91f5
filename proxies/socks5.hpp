#pragma once
// The SOCKS5 layer (RFC 1928) with username/password authentication (RFC 1929): over a
// connection to the proxy, ask it to connect to the target. Every reply code becomes a
// dial_failure a person can read; nothing the proxy sends can make this read unbounded.
#include <chrono>
#include <optional>

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include "proxies/dial_error.hpp"
#include "proxies/proxy_url.hpp"
#include "proxies/tunnel_target.hpp"

namespace geocrawl {

using tunnel_result = boost::system::result<void, dial_failure>;

// Offers "no authentication" and, with credentials, "username/password". A target host
// that is an IP literal is sent as an address (ATYP 1 or 4), anything else as a domain
// name (ATYP 3, at most 255 bytes). Failures: proxy_auth (no acceptable method, the
// credentials were refused, or they do not fit RFC 1929: a user name of 1-255 bytes, a
// password of at most 255), proxy_refused (reply codes 1-8 and unknown ones, with the
// code in the message), proxy_protocol (wrong version, bad address type, the proxy
// closed the connection; and a host name over 255 bytes, which SOCKS5 cannot carry),
// timeout (the deadline passed). Unsendable names and credentials fail before anything is
// sent. On success the stream's deadline is cleared and its next byte is the tunnel's.
//
// Stream: boost::beast::tcp_stream, instantiated in socks5.cpp; socks5_impl.hpp holds the
// definition for any other (the tests instantiate it for their scripted streams). The
// deadline is applied to the lowest layer when it has one.
template <class Stream>
boost::asio::awaitable<tunnel_result> socks5_handshake(
    Stream& stream, const tunnel_target& target,
    const std::optional<proxy_credentials>& credentials,
    std::chrono::steady_clock::time_point deadline);

}  // namespace geocrawl
