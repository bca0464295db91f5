// socks5_handshake() over boost::beast::tcp_stream, and the helpers that do not depend on the
// stream (socks5_impl.hpp holds the handshake itself).
#include "proxies/socks5_impl.hpp"

#include <string>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "proxies/host_port.hpp"

namespace geocrawl {

namespace socks5_detail {

namespace {

void append_field(bytes& out, std::string_view field) {
  out.push_back(static_cast<std::uint8_t>(field.size()));
  out.insert(out.end(), field.begin(), field.end());
}

std::string reply_reason(std::uint8_t code) {
  switch (code) {
    case 1:
      return "general SOCKS server failure";
    case 2:
      return "connection not allowed by ruleset";
    case 3:
      return "network unreachable";
    case 4:
      return "host unreachable";
    case 5:
      return "connection refused";
    case 6:
      return "TTL expired";
    case 7:
      return "command not supported";
    case 8:
      return "address type not supported";
  }
  return "unknown reply code " + std::to_string(code);
}

}  // namespace

boost::system::result<bytes, dial_failure> connect_request(const tunnel_target& target) {
  bytes request{socks_version, command_connect, 0x00};
  boost::system::error_code not_an_address;
  const auto address = boost::asio::ip::make_address(target.host, not_an_address);
  if (not_an_address) {
    if (target.host.size() > max_field_bytes) {
      return dial_failure{dial_errc::proxy_protocol,
                          "host name longer than 255 bytes cannot be sent through SOCKS5"};
    }
    request.push_back(address_domain);
    append_field(request, target.host);
  } else if (address.is_v4()) {
    request.push_back(address_ipv4);
    const auto octets = address.to_v4().to_bytes();
    request.insert(request.end(), octets.begin(), octets.end());
  } else {
    request.push_back(address_ipv6);
    const auto octets = address.to_v6().to_bytes();
    request.insert(request.end(), octets.begin(), octets.end());
  }
  request.push_back(static_cast<std::uint8_t>(target.port >> 8));
  request.push_back(static_cast<std::uint8_t>(target.port & 0xFF));
  return request;
}

bool fits_rfc1929(const proxy_credentials& credentials) {
  return !credentials.username.empty() && credentials.username.size() <= max_field_bytes &&
         credentials.password.size() <= max_field_bytes;
}

bytes password_request(const proxy_credentials& credentials) {
  bytes request{password_auth_version};
  append_field(request, credentials.username);
  append_field(request, credentials.password);
  return request;
}

std::string target_text(const tunnel_target& target) { return host_port(target.host, target.port); }

dial_failure wrong_version(std::string_view reply_to, unsigned version,
                           const tunnel_target& target) {
  return {dial_errc::proxy_protocol, "the proxy's reply to the " + std::string(reply_to) + " for " +
                                         target_text(target) + " has version " +
                                         std::to_string(version) + ": it does not speak SOCKS5"};
}

dial_failure no_acceptable_method(bool offered_password, const tunnel_target& target) {
  std::string message = "the proxy accepts none of the offered authentication methods";
  message += offered_password ? " (none, user name and password)"
                              : ": it wants credentials and the proxy URL has none";
  return {dial_errc::proxy_auth, message + " (SOCKS5 for " + target_text(target) + ")"};
}

dial_failure refused(std::uint8_t code, const tunnel_target& target) {
  std::string message =
      "the SOCKS5 proxy refused to connect to " + target_text(target) + ": " + reply_reason(code);
  if (code >= 1 && code <= 8) message += " (reply code " + std::to_string(code) + ")";
  return {dial_errc::proxy_refused, std::move(message)};
}

}  // namespace socks5_detail

template boost::asio::awaitable<tunnel_result> socks5_handshake<boost::beast::tcp_stream>(
    boost::beast::tcp_stream&, const tunnel_target&, const std::optional<proxy_credentials>&,
    std::chrono::steady_clock::time_point);

}  // namespace geocrawl
