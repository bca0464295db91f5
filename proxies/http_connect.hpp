#pragma once
// The HTTP CONNECT layer: over a connection to an HTTP(S) proxy, ask for a tunnel to the
// target. The reply header is read under a size cap and its body is never read (a 2xx
// CONNECT reply has none; the tunnel starts right after the header).
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "proxies/socks5.hpp"

namespace geocrawl {

// "Basic dXNlcjpwYXNz": the Proxy-Authorization value for these credentials.
std::string basic_proxy_authorization(const proxy_credentials& credentials);

// Sends "CONNECT host:port HTTP/1.1" (IPv6 in brackets), Host, and Proxy-Authorization
// when there are credentials. Failures: proxy_auth (407, or 401 as tinyproxy sends), proxy_refused
// (any other non-2xx, with the status code and reason in the message), proxy_protocol (not HTTP,
// header over max_header_bytes, bytes after a 2xx header, the proxy closed the
// connection), timeout.
//
// Stream: boost::beast::tcp_stream or tls_stream (an https:// proxy), instantiated in
// http_connect.cpp; http_connect_impl.hpp holds the definition for any other (the tests
// instantiate it for their scripted streams).
template <class Stream>
boost::asio::awaitable<tunnel_result> http_connect_handshake(
    Stream& stream, const tunnel_target& target,
    const std::optional<proxy_credentials>& credentials,
    std::chrono::steady_clock::time_point deadline, std::size_t max_header_bytes);

}  // namespace geocrawl
