// A scripted SOCKS5 proxy (RFC 1928, CONNECT only; RFC 1929 username/password) on a loopback
// port chosen by the kernel, for integration tests. Its connections to targets leave from a chosen
// 127.0.0.x, so an origin behind it sees that source address: that is how a test puts an exit in
// a country (the test GeoIP database maps 127.0.0.10-13 to JP, 127.0.0.20-23 to US, ...). Named
// behaviours make it misbehave on purpose, in the spirit of curl's tests/server/socksd.c.
//
// Asio stays behind a pimpl, like test_origin.
#pragma once

#include "tests/support/proxy_double.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl::testing {

enum class socks5_behaviour {
  normal,
  never_reply,           // accepts the connection, reads whatever comes, never answers
  close_after_greeting,  // reads the method greeting, then closes without answering
  garbage_reply,         // answers the greeting with bytes that are not SOCKS, then closes
  die_mid_transfer,      // tunnels, but resets both sides after die_after_bytes from the target
};

struct socks5_proxy_options {
  std::string bind_address = "127.0.0.1";
  // Source address of the connections to targets, e.g. "127.0.0.11"; "" lets the kernel choose.
  std::string outgoing_address = "";
  // When set, only method 2 (username/password) is offered, and wrong credentials get status 1.
  std::optional<proxy_credentials> credentials = std::nullopt;
  // With credentials: any user name is accepted with the right password, as a session-style
  // proxy takes user names that carry session ids (recorded in requests()).
  bool any_username = false;
  // Resolves domain names (address type 3); a name not in it gets reply 4, host unreachable.
  host_table hosts = {};
  // When set, every CONNECT gets this reply code and no connection is made. 0 claims success
  // and then closes, a tunnel to nowhere.
  std::optional<std::uint8_t> reply_code = std::nullopt;
  socks5_behaviour behaviour = socks5_behaviour::normal;
  std::size_t die_after_bytes = 0;  // with die_mid_transfer
  // The first this many connections are served as if behaviour were normal and reply_code
  // unset: a client that checks the proxy before use (geocrawl verifies every exit) sees it
  // work, and the misbehaviour starts later, in the middle of a crawl.
  std::size_t honest_connections = 0;
  // When set, connections after the first move_after_connections reach their targets from this
  // address instead of outgoing_address: a rotating exit that moves (to another country, when
  // the test GeoIP database places the two addresses apart) in the middle of a crawl.
  std::string moved_outgoing_address = "";
  std::size_t move_after_connections = 0;
};

enum class socks5_address_type : std::uint8_t {
  none = 0,  // no request followed: the record of a refused authentication
  ipv4 = 1,
  domain = 3,
  ipv6 = 4,
};

// One CONNECT request, or one refused authentication, as the proxy saw it. Never the password.
struct socks5_request {
  socks5_address_type address_type = socks5_address_type::none;
  std::string host;  // "127.0.0.1", "::1", or the domain name exactly as sent
  std::uint16_t port = 0;
  std::string username;  // the RFC 1929 user name offered; "" without authentication
  proxy_auth auth = proxy_auth::none;
  std::uint8_t reply = 0;        // the reply code sent: 0 succeeded, 4 host unreachable, ...
  std::string outgoing_address;  // local address of the connection to the target; "" if none
};

class test_socks5_proxy {
 public:
  // Listens before returning, so port() and url() are valid at once. Throws
  // boost::system::system_error if bind_address cannot be bound, std::invalid_argument if
  // outgoing_address or an address in hosts is not an IP address.
  explicit test_socks5_proxy(socks5_proxy_options options = {});
  // Bounded: closes every connection, tunnels included, and joins its thread within about a
  // second.
  ~test_socks5_proxy();

  test_socks5_proxy(const test_socks5_proxy&) = delete;
  test_socks5_proxy& operator=(const test_socks5_proxy&) = delete;

  std::uint16_t port() const noexcept;
  // "socks5h://127.0.0.1:PORT". scheme: "socks5h" (the proxy resolves names) or "socks5" (the
  // client sends addresses); anything else throws std::invalid_argument.
  std::string url(std::string_view scheme = "socks5h") const;
  // The same with "user:password@", percent-encoded: the configured credentials, or others to
  // test a refusal.
  std::string url(std::string_view scheme, const proxy_credentials& credentials) const;

  // Safe to read from any thread while the proxy runs. A request is recorded before its reply is
  // sent, so once a client has read the reply the request is already counted.
  std::vector<socks5_request> requests() const;  // in arrival order
  std::size_t connections() const;               // TCP connections accepted

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl::testing
