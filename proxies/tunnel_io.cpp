#include "proxies/tunnel_io.hpp"

#include <string>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include "proxies/host_port.hpp"

namespace geocrawl {
namespace {

// Every way a peer's close shows up: at a read (eof, or Beast's HTTP parser's own codes),
// at a write (reset, broken pipe), or under TLS without close_notify (stream_truncated).
bool is_closed_by_peer(const boost::system::error_code& ec) {
  namespace asio = boost::asio;
  namespace http = boost::beast::http;
  return ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::connection_aborted || ec == asio::error::broken_pipe ||
         ec == asio::ssl::error::stream_truncated || ec == http::error::end_of_stream ||
         ec == http::error::partial_message;
}

}  // namespace

dial_failure handshake_io_failure(const boost::system::error_code& ec, std::string_view handshake,
                                  const tunnel_target& target) {
  const std::string what = std::string(handshake) + " for " + host_port(target.host, target.port);
  if (ec == boost::beast::error::timeout) return {dial_errc::timeout, "the " + what + " timed out"};
  if (is_closed_by_peer(ec)) {
    return {dial_errc::proxy_protocol, "the proxy closed the connection during the " + what};
  }
  return {dial_errc::proxy_protocol, "the " + what + " failed: " + ec.message()};
}

}  // namespace geocrawl
