#include "proxies/http_connect.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "proxies/host_port.hpp"
#include "proxies/tls_stream.hpp"
#include "proxies/tunnel_io.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view handshake = "CONNECT handshake";

// The reason phrase is the proxy's free text: enough of it to explain, as printable ASCII,
// so it cannot garble a terminal, a log line or a JSON field.
constexpr std::size_t max_reason_bytes = 80;

// Beast supplies the standard reason when the proxy sent none.
std::string status_text(const http::response_header<>& reply) {
  std::string text = std::to_string(reply.result_int()) + ' ';
  for (const char c : reply.reason().substr(0, max_reason_bytes)) {
    text += (c >= 0x20 && c < 0x7F) ? c : '?';
  }
  return text;
}

}  // namespace

std::string basic_proxy_authorization(const proxy_credentials& credentials) {
  namespace base64 = beast::detail::base64;
  const std::string plain = credentials.username + ':' + credentials.password;
  std::string encoded(base64::encoded_size(plain.size()), '\0');
  encoded.resize(base64::encode(encoded.data(), plain.data(), plain.size()));
  return "Basic " + encoded;
}

template <class Stream>
asio::awaitable<tunnel_result> http_connect_handshake(
    Stream& stream, const tunnel_target& target,
    const std::optional<proxy_credentials>& credentials, clock::time_point deadline,
    std::size_t max_header_bytes) {
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
  beast::flat_buffer buffer;
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
  if (reply.result() == http::status::proxy_authentication_required || reply.result() == http::status::unauthorized) {
    co_return dial_failure{dial_errc::proxy_auth,
                           (credentials ? "the proxy rejected the credentials for CONNECT to "
                                        : "the proxy wants credentials, and the proxy URL has "
                                          "none, for CONNECT to ") +
                               authority + ": " + status_text(reply)};
  }
  co_return dial_failure{dial_errc::proxy_refused,
                         "the proxy refused CONNECT to " + authority + ": " + status_text(reply)};
}

template asio::awaitable<tunnel_result> http_connect_handshake<beast::tcp_stream>(
    beast::tcp_stream&, const tunnel_target&, const std::optional<proxy_credentials>&,
    clock::time_point, std::size_t);
template asio::awaitable<tunnel_result> http_connect_handshake<tls_stream>(
    tls_stream&, const tunnel_target&, const std::optional<proxy_credentials>&, clock::time_point,
    std::size_t);
// The handshake is unit-tested against scripted byte streams (STYLE.md practice 11).
template asio::awaitable<tunnel_result> http_connect_handshake<beast::test::stream>(
    beast::test::stream&, const tunnel_target&, const std::optional<proxy_credentials>&,
    clock::time_point, std::size_t);

}  // namespace geocrawl
