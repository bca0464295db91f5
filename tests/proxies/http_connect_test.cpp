#include "proxies/http_connect.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "tests/support/capture_binding.hpp"
#include "tests/support/handshake_failure_points.hpp"
#include "tests/support/scripted_peer.hpp"

namespace geocrawl {
namespace {

using testing::run_against_peer;

constexpr std::size_t header_limit = 8192;

testing::handshake_function connect_to(tunnel_target target,
                                       std::optional<proxy_credentials> credentials = std::nullopt,
                                       std::size_t max_header_bytes = header_limit) {
  return [target = std::move(target), credentials = std::move(credentials),
          max_header_bytes](boost::beast::test::stream& stream) {
    return http_connect_handshake(stream, target, credentials,
                                  std::chrono::steady_clock::now() + std::chrono::seconds(10),
                                  max_header_bytes);
  };
}

const tunnel_target pharmacy{"pharmacy.example", 443};
const std::string pharmacy_request =
    "CONNECT pharmacy.example:443 HTTP/1.1\r\nHost: pharmacy.example:443\r\n\r\n";
const std::string established = "HTTP/1.1 200 Connection established\r\n\r\n";

TEST_CASE("basic_proxy_authorization encodes user:password in base64 (RFC 7617)") {
  CHECK(basic_proxy_authorization({"user", "pass"}) == "Basic dXNlcjpwYXNz");
  CHECK(basic_proxy_authorization({"Aladdin", "open sesame"}) ==
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(basic_proxy_authorization({"user", ""}) == "Basic dXNlcjo=");
  CHECK(basic_proxy_authorization({"test", "123\xC2\xA3"}) == "Basic dGVzdDoxMjPCow==");
}

TEST_CASE("http_connect: a 2xx reply opens the tunnel, with or without headers") {
  const std::string replies[] = {
      established,
      "HTTP/1.1 200 OK\r\nProxy-Agent: tinyproxy/1.11.1\r\nContent-Length: 0\r\n\r\n",
      "HTTP/1.0 200 Connection established\r\n\r\n",
      "HTTP/1.1 204 No Content\r\nVia: 1.1 squid\r\n\r\n",
  };
  for (const auto& reply : replies) {
    CAPTURE(reply);
    const auto run = run_against_peer(connect_to(pharmacy), {.reply = reply});
    CHECK(run.result.has_value());
    CHECK(run.written == pharmacy_request);
  }
}

TEST_CASE("http_connect: the request names the target as host:port, IPv6 in brackets") {
  const auto ipv4 = run_against_peer(connect_to({"127.0.0.2", 8443}), {.reply = established});
  CHECK(ipv4.result.has_value());
  CHECK(ipv4.written == "CONNECT 127.0.0.2:8443 HTTP/1.1\r\nHost: 127.0.0.2:8443\r\n\r\n");

  const auto ipv6 = run_against_peer(connect_to({"::1", 443}), {.reply = established});
  CHECK(ipv6.result.has_value());
  CHECK(ipv6.written == "CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\n\r\n");
}

TEST_CASE("http_connect: credentials go in Proxy-Authorization") {
  const auto run = run_against_peer(connect_to(pharmacy, proxy_credentials{"user", "pass"}),
                                    {.reply = established});
  CHECK(run.result.has_value());
  CHECK(run.written ==
        "CONNECT pharmacy.example:443 HTTP/1.1\r\nHost: pharmacy.example:443\r\n"
        "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n\r\n");
}

TEST_CASE("http_connect: a reply dripped byte by byte is read whole") {
  const std::string reply = "HTTP/1.1 200 Connection established\r\nProxy-Agent: test\r\n\r\n";
  const auto run =
      run_against_peer(connect_to(pharmacy), {.reply = reply + "tunnel", .read_size = 1});
  CHECK(run.result.has_value());
  CHECK(run.unread == "tunnel");
}

TEST_CASE(
    "http_connect: 407 is an authentication failure that says whether credentials were sent") {
  const std::string reply =
      "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
      "Content-Type: text/html\r\nContent-Length: 22\r\n\r\n<h1>Access denied</h1>";
  const auto without = run_against_peer(connect_to(pharmacy), {.reply = reply});
  REQUIRE(without.result.has_error());
  CHECK(without.result.error().code == dial_errc::proxy_auth);
  CHECK(without.result.error().message ==
        "the proxy wants credentials, and the proxy URL has none, for CONNECT to "
        "pharmacy.example:443: 407 Proxy Authentication Required");

  const auto with = run_against_peer(connect_to(pharmacy, proxy_credentials{"alice", "s3cret-Pw"}),
                                     {.reply = reply});
  REQUIRE(with.result.has_error());
  CHECK(with.result.error().code == dial_errc::proxy_auth);
  CHECK(with.result.error().message ==
        "the proxy rejected the credentials for CONNECT to pharmacy.example:443: 407 Proxy "
        "Authentication Required");

  // tinyproxy 1.11 answers a CONNECT with wrong credentials 401, not 407.
  const auto tinyproxy =
      run_against_peer(connect_to(pharmacy, proxy_credentials{"alice", "s3cret-Pw"}),
                       {.reply = "HTTP/1.0 401 Unauthorized\r\nWWW-Authenticate: Basic\r\n\r\n"});
  REQUIRE(tinyproxy.result.has_error());
  CHECK(tinyproxy.result.error().code == dial_errc::proxy_auth);
}

TEST_CASE("http_connect: any other status is a refusal with its code and reason") {
  const std::pair<std::string, std::string_view> cases[] = {
      {"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", "403 Forbidden"},
      {"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 5\r\n\r\nnope!", "502 Bad Gateway"},
      {"HTTP/1.0 503 Service Unavailable\r\n\r\n", "503 Service Unavailable"},
      {"HTTP/1.1 301 Moved Permanently\r\nLocation: http://elsewhere.example/\r\n\r\n",
       "301 Moved Permanently"},
      {"HTTP/1.1 403 \r\n\r\n", "403 Forbidden"},  // Beast supplies the standard reason
      {"HTTP/1.1 470 \r\n\r\n", "470 <unknown-status>"},
      {"HTTP/1.1 403 Verboten \xE2\x9C\x8B\r\n\r\n", "403 Verboten ???"},
  };
  for (const auto& [reply, status] : cases) {
    CAPTURE_BINDING(reply);
    const auto run = run_against_peer(connect_to(pharmacy), {.reply = reply});
    REQUIRE(run.result.has_error());
    CHECK(run.result.error().code == dial_errc::proxy_refused);
    CHECK(run.result.error().message ==
          "the proxy refused CONNECT to pharmacy.example:443: " + std::string(status));
  }
}

TEST_CASE("http_connect: a long reason phrase is cut") {
  const auto run = run_against_peer(
      connect_to(pharmacy), {.reply = "HTTP/1.1 403 " + std::string(500, 'x') + "\r\n\r\n"});
  REQUIRE(run.result.has_error());
  CHECK(run.result.error().message ==
        "the proxy refused CONNECT to pharmacy.example:443: 403 " + std::string(80, 'x'));
}

TEST_CASE("http_connect: what is not an HTTP reply, or is too large, breaks the protocol") {
  const std::string cases[] = {
      "SSH-2.0-OpenSSH_9.2\r\n\r\n",
      "HTTP/1.1 2000 OK\r\n\r\n",
      "HTTP/1.1 200 OK\r\nBad Header\r\n\r\n",
      "HTTP/1.1 200 OK\r\nX-Padding: " + std::string(header_limit, 'p') + "\r\n\r\n",
  };
  for (const auto& reply : cases) {
    CAPTURE(reply.substr(0, 40));
    const auto run = run_against_peer(connect_to(pharmacy), {.reply = reply});
    REQUIRE(run.result.has_error());
    CHECK(run.result.error().code == dial_errc::proxy_protocol);
    CHECK(run.result.error().message.starts_with(
        "the CONNECT handshake for pharmacy.example:443 failed: "));
  }
}

TEST_CASE("http_connect: bytes after a 2xx header break the protocol") {
  const auto run = run_against_peer(connect_to(pharmacy), {.reply = established + "SSH-2.0"});
  REQUIRE(run.result.has_error());
  CHECK(run.result.error().code == dial_errc::proxy_protocol);
  CHECK(run.result.error().message ==
        "the proxy sent 7 bytes after its CONNECT reply for pharmacy.example:443, before the "
        "tunnel was used");
}

TEST_CASE("http_connect: a reply cut at any byte, or none at all, is the proxy closing") {
  const std::string reply = "HTTP/1.1 200 Connection established\r\nVia: 1.1 squid\r\n\r\n";
  for (std::size_t length = 0; length < reply.size(); ++length) {
    CAPTURE(length);
    const auto run = run_against_peer(connect_to(pharmacy), {.reply = reply.substr(0, length)});
    REQUIRE(run.result.has_error());
    CHECK(run.result.error().code == dial_errc::proxy_protocol);
    CHECK(run.result.error().message ==
          "the proxy closed the connection during the CONNECT handshake for pharmacy.example:443");
  }
  // A SOCKS5 proxy refuses the unknown request's methods and hangs up.
  const auto socks = run_against_peer(connect_to(pharmacy), {.reply = "\x05\xFF"});
  REQUIRE(socks.result.has_error());
  CHECK(socks.result.error().code == dial_errc::proxy_protocol);
}

TEST_CASE("http_connect: an I/O failure at any point ends the handshake with the matching error") {
  // At least the request's write and the reply's read.
  CHECK(testing::check_every_failure_point(connect_to(pharmacy), established,
                                           "CONNECT handshake for pharmacy.example:443") >= 2);
}

}  // namespace
}  // namespace geocrawl
