// http_connect_handshake() over the real connections (tcp_stream, tls_stream), and the helpers
// that do not depend on the stream (http_connect_impl.hpp holds the handshake itself).
#include "proxies/http_connect_impl.hpp"

#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "proxies/tls_stream.hpp"

namespace geocrawl {

namespace http_connect_detail {

namespace {

// The reason phrase is the proxy's free text: enough of it to explain, as printable ASCII,
// so it cannot garble a terminal, a log line or a JSON field.
constexpr std::size_t max_reason_bytes = 80;

}  // namespace

// Beast supplies the standard reason when the proxy sent none.
std::string status_text(const boost::beast::http::response_header<>& reply) {
  std::string text = std::to_string(reply.result_int()) + ' ';
  for (const char c : reply.reason().substr(0, max_reason_bytes)) {
    text += (c >= 0x20 && c < 0x7F) ? c : '?';
  }
  return text;
}

}  // namespace http_connect_detail

std::string basic_proxy_authorization(const proxy_credentials& credentials) {
  namespace base64 = boost::beast::detail::base64;
  const std::string plain = credentials.username + ':' + credentials.password;
  std::string encoded(base64::encoded_size(plain.size()), '\0');
  encoded.resize(base64::encode(encoded.data(), plain.data(), plain.size()));
  return "Basic " + encoded;
}

template boost::asio::awaitable<tunnel_result> http_connect_handshake<boost::beast::tcp_stream>(
    boost::beast::tcp_stream&, const tunnel_target&, const std::optional<proxy_credentials>&,
    std::chrono::steady_clock::time_point, std::size_t);
template boost::asio::awaitable<tunnel_result> http_connect_handshake<tls_stream>(
    tls_stream&, const tunnel_target&, const std::optional<proxy_credentials>&,
    std::chrono::steady_clock::time_point, std::size_t);

}  // namespace geocrawl
