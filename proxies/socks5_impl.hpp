#pragma once
// The definition of socks5_handshake() (socks5.hpp), for the translation units that
// instantiate it: socks5.cpp for the real connection, tests/support for the scripted streams
// of the tests, which stay out of the library. The helpers that do not depend on the stream
// are compiled once, in socks5.cpp.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include "proxies/socks5.hpp"
#include "proxies/tunnel_io.hpp"

namespace geocrawl {

namespace socks5_detail {

// RFC 1928 sections 3-6 and RFC 1929 section 2.
inline constexpr std::uint8_t socks_version = 5;
inline constexpr std::uint8_t password_auth_version = 1;
inline constexpr std::uint8_t method_none = 0x00;
inline constexpr std::uint8_t method_password = 0x02;
inline constexpr std::uint8_t method_unacceptable = 0xFF;
inline constexpr std::uint8_t command_connect = 1;
inline constexpr std::uint8_t reply_succeeded = 0;
inline constexpr std::uint8_t address_ipv4 = 1;
inline constexpr std::uint8_t address_domain = 3;
inline constexpr std::uint8_t address_ipv6 = 4;
// Domain names, user names and passwords each travel behind a one-byte length.
inline constexpr std::size_t max_field_bytes = 255;

inline constexpr std::string_view handshake = "SOCKS5 handshake";

using bytes = std::vector<std::uint8_t>;

// The CONNECT request (RFC 1928 section 4), or why the target cannot be put in one.
boost::system::result<bytes, dial_failure> connect_request(const tunnel_target& target);
// RFC 1929 section 2: one length byte each, and a user name of at least one byte.
bool fits_rfc1929(const proxy_credentials& credentials);
bytes password_request(const proxy_credentials& credentials);
std::string target_text(const tunnel_target& target);
dial_failure wrong_version(std::string_view reply_to, unsigned version,
                           const tunnel_target& target);
dial_failure no_acceptable_method(bool offered_password, const tunnel_target& target);
dial_failure refused(std::uint8_t code, const tunnel_target& target);

template <class Stream>
boost::asio::awaitable<boost::system::error_code> write_all(Stream& stream,
                                                            std::span<const std::uint8_t> data) {
  namespace asio = boost::asio;
  auto [ec, n] = co_await asio::async_write(stream, asio::buffer(data.data(), data.size()),
                                            asio::as_tuple(asio::use_awaitable));
  co_return ec;
}

// Exactly data.size() bytes: never more, so the tunnel's first byte stays in the stream.
template <class Stream>
boost::asio::awaitable<boost::system::error_code> read_exact(Stream& stream,
                                                             std::span<std::uint8_t> data) {
  namespace asio = boost::asio;
  auto [ec, n] = co_await asio::async_read(stream, asio::buffer(data.data(), data.size()),
                                           asio::as_tuple(asio::use_awaitable));
  co_return ec;
}

// RFC 1929 sub-negotiation; nothing of the credentials goes into a message.
template <class Stream>
boost::asio::awaitable<std::optional<dial_failure>> authenticate(
    Stream& stream, const proxy_credentials& credentials, const tunnel_target& target) {
  const bytes request = password_request(credentials);
  if (auto ec = co_await write_all(stream, request))
    co_return handshake_io_failure(ec, handshake, target);
  std::array<std::uint8_t, 2> reply;  // VER STATUS
  if (auto ec = co_await read_exact(stream, reply))
    co_return handshake_io_failure(ec, handshake, target);
  if (reply[0] != password_auth_version) {
    co_return wrong_version("user name and password authentication", reply[0], target);
  }
  if (reply[1] != 0) {
    co_return dial_failure{dial_errc::proxy_auth,
                           "the SOCKS5 proxy rejected the user name and password (status " +
                               std::to_string(reply[1]) + ") for " + target_text(target)};
  }
  co_return std::nullopt;
}

}  // namespace socks5_detail

template <class Stream>
boost::asio::awaitable<tunnel_result> socks5_handshake(
    Stream& stream, const tunnel_target& target,
    const std::optional<proxy_credentials>& credentials,
    std::chrono::steady_clock::time_point deadline) {
  using namespace socks5_detail;
  const auto request = connect_request(target);
  if (!request) co_return request.error();
  if (credentials && !fits_rfc1929(*credentials)) {
    co_return dial_failure{dial_errc::proxy_auth,
                           "SOCKS5 cannot send these credentials: the user name must be 1-255 "
                           "bytes and the password at most 255 bytes"};
  }

  set_deadline(stream, deadline);
  const bytes greeting = credentials ? bytes{socks_version, 2, method_none, method_password}
                                     : bytes{socks_version, 1, method_none};
  if (auto ec = co_await write_all(stream, greeting))
    co_return handshake_io_failure(ec, handshake, target);
  std::array<std::uint8_t, 2> choice;  // VER METHOD
  if (auto ec = co_await read_exact(stream, choice))
    co_return handshake_io_failure(ec, handshake, target);
  if (choice[0] != socks_version) co_return wrong_version("greeting", choice[0], target);
  if (choice[1] == method_unacceptable)
    co_return no_acceptable_method(credentials.has_value(), target);
  if (choice[1] == method_password && credentials) {
    if (auto failure = co_await authenticate(stream, *credentials, target)) co_return *failure;
  } else if (choice[1] != method_none) {
    co_return dial_failure{dial_errc::proxy_protocol,
                           "the proxy chose SOCKS5 authentication method " +
                               std::to_string(choice[1]) + ", which was not offered (for " +
                               target_text(target) + ")"};
  }

  if (auto ec = co_await write_all(stream, *request))
    co_return handshake_io_failure(ec, handshake, target);
  std::array<std::uint8_t, 4> reply;  // VER REP RSV ATYP
  if (auto ec = co_await read_exact(stream, reply))
    co_return handshake_io_failure(ec, handshake, target);
  if (reply[0] != socks_version) co_return wrong_version("CONNECT request", reply[0], target);
  if (reply[1] != reply_succeeded) co_return refused(reply[1], target);

  // The bound address (BND.ADDR, BND.PORT) is where the proxy connected from; the exit
  // address is verified elsewhere, so it is only read past, up to the tunnel's first byte.
  std::size_t address_bytes = 0;
  switch (reply[3]) {
    case address_ipv4:
      address_bytes = 4;
      break;
    case address_ipv6:
      address_bytes = 16;
      break;
    case address_domain: {
      std::array<std::uint8_t, 1> length;
      if (auto ec = co_await read_exact(stream, length))
        co_return handshake_io_failure(ec, handshake, target);
      address_bytes = length[0];
      break;
    }
    default:
      co_return dial_failure{dial_errc::proxy_protocol,
                             "the proxy's SOCKS5 reply for " + target_text(target) +
                                 " has an unknown address type " + std::to_string(reply[3])};
  }
  std::array<std::uint8_t, max_field_bytes + 2> bound;
  const std::span<std::uint8_t> bound_address(bound.data(), address_bytes + 2);
  if (auto ec = co_await read_exact(stream, bound_address))
    co_return handshake_io_failure(ec, handshake, target);
  clear_deadline(stream);
  co_return tunnel_result{};
}

}  // namespace geocrawl
