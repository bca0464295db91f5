// A scripted HTTP proxy on a loopback port chosen by the kernel, for integration tests: CONNECT
// tunnels and absolute-form requests ("GET http://host:port/path HTTP/1.1"), with Basic proxy
// authentication, optionally behind TLS (an https:// proxy). Like test_socks5_proxy, its
// connections to targets leave from a chosen 127.0.0.x, which is how a test puts an exit in a
// country; named behaviours make it misbehave on purpose.
//
// One request per connection: after a refusal, a tunnel or a forwarded exchange, it closes.
// Asio stays behind a pimpl, like test_origin.
#pragma once

#include "tests/support/proxy_double.hpp"
#include "tests/support/test_pki.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace geocrawl::testing {

enum class connect_proxy_behaviour {
  normal,
  never_reply,       // accepts the connection (and TLS), reads whatever comes, never answers
  garbage_reply,     // answers the request header with bytes that are not HTTP, then closes
  die_mid_transfer,  // serves, but resets both sides after die_after_bytes from the target
};

struct connect_proxy_options {
  std::string bind_address = "127.0.0.1";
  // Source address of the connections to targets, e.g. "127.0.0.11"; "" lets the kernel choose.
  std::string outgoing_address = "";
  // When set, a request without these Basic credentials gets 407 with
  // Proxy-Authenticate: Basic realm="test".
  std::optional<proxy_credentials> credentials = std::nullopt;
  // Resolves target names; a name not in it, or a target that cannot be reached, gets 502 with
  // Proxy-Status: test_connect_proxy; error=destination_unavailable (RFC 9209).
  host_table hosts = {};
  // When set, the proxy speaks TLS with this certificate and key before any HTTP.
  std::optional<tls_identity> tls = std::nullopt;
  // When set, every request that passes authentication gets this status (e.g. 403, 503) and a
  // small body instead of being served.
  std::optional<int> status = std::nullopt;
  connect_proxy_behaviour behaviour = connect_proxy_behaviour::normal;
  std::size_t die_after_bytes = 0;                   // with die_mid_transfer
  std::size_t max_request_header_bytes = 64 * 1024;  // larger headers get 431 and a close
  // The first this many connections are served as if behaviour were normal and status unset:
  // a client that checks the proxy before use (geocrawl verifies every exit) sees it work, and
  // the misbehaviour starts later, in the middle of a crawl.
  std::size_t honest_connections = 0;
};

// One request as the proxy saw it. Never the Proxy-Authorization value.
struct proxied_request {
  std::string method;                  // "CONNECT", "GET", ...
  std::string target;                  // as sent: "shop.test:443", "http://shop.test:8080/p?q"
  proxy_auth auth = proxy_auth::none;  // none: no Proxy-Authorization header
  // The proxy's own answer: 200 for an established tunnel, 400, 407, 431, 502, the status
  // option's; 0 when it forwarded the request and relayed the origin's answer, or gave none.
  int status = 0;
  std::string outgoing_address;  // local address of the connection to the target; "" if none
};

class test_connect_proxy {
 public:
  // Listens before returning, so port() and url() are valid at once. Throws
  // boost::system::system_error if bind_address cannot be bound or the TLS certificate or key
  // does not load, std::invalid_argument if outgoing_address or an address in hosts is not an IP
  // address.
  explicit test_connect_proxy(connect_proxy_options options = {});
  // Bounded: closes every connection, tunnels included, and joins its thread within about a
  // second.
  ~test_connect_proxy();

  test_connect_proxy(const test_connect_proxy&) = delete;
  test_connect_proxy& operator=(const test_connect_proxy&) = delete;

  std::uint16_t port() const noexcept;
  // "http://127.0.0.1:PORT" ("https://" with tls).
  std::string url() const;
  // The same with "user:password@", percent-encoded: the configured credentials, or others to
  // test a refusal.
  std::string url(const proxy_credentials& credentials) const;

  // Safe to read from any thread while the proxy runs. A request is recorded before the proxy
  // answers it, so once a client has read any of the answer the request is already counted.
  std::vector<proxied_request> requests() const;  // in arrival order
  std::size_t connections() const;                // TCP connections accepted

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl::testing
