// The loopback relay through the proxies users really meet: microsocks (SOCKS5 with
// username/password) and tinyproxy (HTTP CONNECT with Basic auth), started on 127.0.0.1 by the
// test, their outgoing connections bound to a chosen 127.0.0.x so the origin can tell the page's
// requests came out of the proxy, not the relay.
#include <doctest/doctest.h>

#include <string>

#include "tests/support/blocking_client.hpp"
#include "tests/support/proxy_lab.hpp"
#include "tests/support/relay_lab.hpp"
#include "tests/support/test_origin.hpp"

namespace geocrawl::testing {
namespace {

// Both forms a page's requests take, through a relay whose upstream is the lab's proxy: a
// forwarded http:// request and a CONNECT tunnel with a request inside. The origin answers
// with the address it saw.
void check_through(const proxy_lab& lab, const std::string& exit_address,
                   const std::string& password) {
  test_origin origin;
  origin.route("/", [](const received_request& request) {
    return http_response(200, {{"Content-Type", "text/plain"}}, "seen " + request.peer_address);
  });
  auto endpoint = parse_proxy_url(lab.url());
  REQUIRE(endpoint.has_value());
  relay_lab relay({"127.0.0.1/32"}, *endpoint);
  const auto host = "127.0.0.1:" + std::to_string(origin.port());
  {
    blocking_client client("127.0.0.1", relay.port());
    client.write("GET http://" + host + "/ HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    const auto reply = client.read_to_end();
    CHECK(reply.bytes.starts_with("HTTP/1.1 200"));
    CHECK(reply.bytes.ends_with("seen " + exit_address));
  }
  {
    blocking_client client("127.0.0.1", relay.port());
    client.write("CONNECT " + host + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    CHECK(client.read_until("\r\n\r\n").bytes.starts_with("HTTP/1.1 200"));
    client.write("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    CHECK(client.read_to_end().bytes.ends_with("seen " + exit_address));
  }
  CHECK(relay.wait_for_requests(2).requests.size() == 2);
  const auto log = relay.finish();
  CHECK(relay.ended_in_time());
  REQUIRE(log.requests.size() == 2);
  for (const auto& request : log.requests) {
    CHECK(request.outcome == relay_outcome::relayed);
    CHECK(request.bytes_down > 0);
    CHECK(request.target.find(password) == std::string::npos);
    CHECK(request.reason.find(password) == std::string::npos);
  }
  CHECK(origin.connections() == 2);
}

}  // namespace

TEST_CASE("relay through microsocks with username/password") {
  const proxy_credentials user{"relay-lab", "relay-lab-secret"};
  const proxy_lab lab(
      {.kind = proxy_kind::microsocks, .credentials = user, .outgoing_address = "127.0.0.22"});
  check_through(lab, "127.0.0.22", user.password);
}

TEST_CASE("relay through tinyproxy (HTTP CONNECT) with Basic auth") {
  const proxy_credentials user{"relay-lab", "relay-lab-secret"};
  const proxy_lab lab(
      {.kind = proxy_kind::tinyproxy, .credentials = user, .outgoing_address = "127.0.0.23"});
  check_through(lab, "127.0.0.23", user.password);
}

}  // namespace geocrawl::testing
