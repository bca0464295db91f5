#pragma once
// The definition of http_connect_handshake() (http_connect.hpp), for the translation units
// that instantiate it: http_connect.cpp for the real connections, tests/support for the
// scripted streams of the tests, which stay out of the library. The helpers that do not
// depend on the stream are compiled once, in http_connect.cpp.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "proxies/host_port.hpp"
#include "proxies/http_connect.hpp"
#include "proxies/tunnel_io.hpp"

namespace geocrawl {

namespace http_connect_detail {

inline constexpr std::string_view handshake = "CONNECT handshake";

// "407 Proxy Authentication Required": the status and as much of the proxy's reason phrase
// as explains it, as printable ASCII.
std::string status_text(const boost::beast::http::response_header<>& reply);

}  // namespace http_connect_detail

template <class Stream>
boost::asio::awaitable<tunnel_result> http_connect_handshake(
    Stream& stream, const tunnel_target& target,
    const std::optional<proxy_credentials>& credentials,
    std::chrono::steady_clock::time_point deadline, std::size_t max_header_bytes) {
  namespace asio = boost::asio;
  namespace http = boost::beast::http;
  using namespace http_connect_detail;
  const std::string authority = host_port(target.host, target.port);
  http::request<http::empty_body> request{http::verb::connect, authority, 11};
  request.set(http::field::host, authority);
  if (credentials) {
    request.set(http::field::proxy_authorization, basic_proxy_authorization(*credentials));
  }

  set_deadline(stream, deadline);
  if (auto [ec, n] =
          co_await http::async_write(stream, request, asio::as_tuple(asio::use_awaitable));
      ec) {
    co_return handshake_io_failure(ec, handshake, target);
  }

  http::response_parser<http::empty_body> parser;
  // The header limit is also what bounds the buffer: Beast reads at most one more chunk
  // past it before the parser gives up.
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  // A reply to CONNECT has no body whatever its headers say (RFC 9110 section 9.3.6).
  parser.skip(true);
  boost::beast::flat_buffer buffer;
  if (auto [ec, n] = co_await http::async_read_header(stream, buffer, parser,
                                                      asio::as_tuple(asio::use_awaitable));
      ec) {
    co_return handshake_io_failure(ec, handshake, target);
  }

  const auto& reply = parser.get().base();
  if (reply.result_int() / 100 == 2) {
    // The tunnel's first bytes belong to the client (a TLS ClientHello); a proxy that
    // speaks first is not one to trust with the exchange.
    if (buffer.size() != 0) {
      co_return dial_failure{dial_errc::proxy_protocol,
                             "the proxy sent " + std::to_string(buffer.size()) +
                                 " bytes after its CONNECT reply for " + authority +
                                 ", before the tunnel was used"};
    }
    clear_deadline(stream);
    co_return tunnel_result{};
  }
  // 401 is what a server, not a proxy, should answer, but some proxies (tinyproxy 1.11)
  // answer a CONNECT with wrong credentials that way: to a CONNECT it can only be the
  // proxy's own refusal.
  if (reply.result() == http::status::proxy_authentication_required ||
      reply.result() == http::status::unauthorized) {
    co_return dial_failure{dial_errc::proxy_auth,
                           (credentials ? "the proxy rejected the credentials for CONNECT to "
                                        : "the proxy wants credentials, and the proxy URL has "
                                          "none, for CONNECT to ") +
                               authority + ": " + status_text(reply)};
  }
  co_return dial_failure{dial_errc::proxy_refused,
                         "the proxy refused CONNECT to " + authority + ": " + status_text(reply)};
}

}  // namespace geocrawl
