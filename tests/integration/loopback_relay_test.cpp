// The loopback relay a rendered view's Chromium dials through, driven by a raw client as
// Chromium would: absolute-form http:// requests and CONNECT tunnels to loopback origins, the
// address policy refusing what the test does not allow, a scripted SOCKS5 proxy with
// credentials upstream, and hostile clients (garbage, huge headers, silence). Every request
// ends in the relay's log; every wait is bounded.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/blocking_client.hpp"
#include "tests/support/loopback_ports.hpp"
#include "tests/support/relay_lab.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

std::string absolute_get(const std::string& url, const std::string& host) {
  return "GET " + url + " HTTP/1.1\r\nHost: " + host +
         "\r\nProxy-Connection: keep-alive\r\nUser-Agent: relay-test\r\n\r\n";
}

std::string connect_to(const std::string& authority) {
  return "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
}

std::string authority(const std::string& address, std::uint16_t port) {
  return address + ":" + std::to_string(port);
}

}  // namespace

TEST_CASE("relay: an absolute-form GET reaches the allowed origin, status and bytes recorded") {
  test_origin origin;
  origin.route("/page", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}}, "<p>relayed page</p>");
  });
  relay_lab lab;
  {
    blocking_client client("127.0.0.1", lab.port());
    const auto host = authority("127.0.0.1", origin.port());
    client.write(absolute_get("http://" + host + "/page?q=1", host));
    const auto reply = client.read_to_end();
    CHECK(reply.bytes.starts_with("HTTP/1.1 200"));
    CHECK(reply.bytes.find("<p>relayed page</p>") != std::string::npos);
    CHECK(reply.end == stream_end::closed);
  }
  const auto log = lab.finish();
  CHECK(lab.ended_in_time());
  REQUIRE(log.requests.size() == 1);
  const auto& request = log.requests[0];
  CHECK(request.method == relay_method::forward);
  CHECK(request.http_method == "GET");
  CHECK(request.target == "http://127.0.0.1:" + std::to_string(origin.port()) + "/page?q=1");
  CHECK(request.outcome == relay_outcome::relayed);
  CHECK(request.status == 200);
  CHECK(request.bytes_up > 40);
  CHECK(request.bytes_down > std::string("<p>relayed page</p>").size());
  // The origin got origin form and none of the headers meant for the proxy.
  REQUIRE(origin.requests().size() == 1);
  CHECK(origin.requests()[0].target == "/page?q=1");
  CHECK(origin.requests()[0].header("Proxy-Connection").empty());
  CHECK(origin.requests()[0].header("User-Agent") == "relay-test");
}

TEST_CASE("relay: a CONNECT tunnel carries TLS end to end and counts its bytes") {
  const auto pki = make_test_pki({"shop.test"}, {"127.0.0.1"});
  test_origin origin({.tls = pki.leaf});
  origin.route("/", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/plain"}}, std::string(3000, 'x'));
  });
  relay_lab lab;
  {
    blocking_client client("127.0.0.1", lab.port());
    client.write(connect_to(authority("127.0.0.1", origin.port())));
    const auto established = client.read_until("\r\n\r\n");
    CHECK(established.bytes == "HTTP/1.1 200 Connection established\r\n\r\n");
    // The certificate is verified by the client: the relay did not terminate TLS.
    client.start_tls(pki.ca, "127.0.0.1");
    client.write("GET / HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n");
    const auto reply = client.read_to_end();
    CHECK(reply.bytes.starts_with("HTTP/1.1 200"));
    CHECK(reply.bytes.ends_with(std::string(3000, 'x')));
  }
  CHECK(lab.wait_for_requests(1).requests.size() == 1);
  const auto log = lab.finish();
  CHECK(lab.ended_in_time());
  REQUIRE(log.requests.size() == 1);
  const auto& tunnel = log.requests[0];
  CHECK(tunnel.method == relay_method::connect);
  CHECK(tunnel.target == authority("127.0.0.1", origin.port()));
  CHECK(tunnel.outcome == relay_outcome::relayed);
  CHECK_FALSE(tunnel.status.has_value());
  CHECK(tunnel.bytes_down > 3000);  // the body, inside TLS records
  CHECK(tunnel.bytes_up > 200);     // ClientHello and the request
  CHECK(origin.connections() == 1);
}

TEST_CASE("relay: destinations outside the allow-list are refused with 403 and never dialled") {
  test_origin forbidden({.bind_address = "127.0.0.2"});
  forbidden.route("/", [](const received_request&) { return http_response(200, {}, "leak"); });
  relay_lab lab({"127.0.0.1/32"});
  const auto target = authority("127.0.0.2", forbidden.port());
  const std::vector<std::string> attempts = {
      connect_to(target),
      absolute_get("http://" + target + "/", target),
      connect_to("10.1.2.3:443"),
  };
  for (const auto& attempt : attempts) {
    blocking_client client("127.0.0.1", lab.port());
    client.write(attempt);
    const auto reply = client.read_to_end();
    CHECK(reply.bytes.starts_with("HTTP/1.1 403"));
    CHECK(reply.bytes.find("leak") == std::string::npos);
  }
  const auto log = lab.finish();
  CHECK(lab.ended_in_time());
  REQUIRE(log.requests.size() == 3);
  for (const auto& request : log.requests) {
    CHECK(request.outcome == relay_outcome::blocked_address);
    CHECK(is_blocked(request.outcome));
    CHECK(request.bytes_down == 0);
  }
  CHECK(log.requests[0].reason.find("127.0.0.2 (loopback)") != std::string::npos);
  CHECK(log.requests[2].reason.find("10.1.2.3 (private)") != std::string::npos);
  CHECK(forbidden.connections() == 0);
}

TEST_CASE("relay: through a SOCKS5 proxy with credentials, the password appears nowhere") {
  test_origin origin;
  origin.route("/", [](const received_request& request) {
    return http_response(200, {{"Content-Type", "text/plain"}}, "from " + request.peer_address);
  });
  const proxy_credentials secret{"relay-user", "s3cret-relay-pass"};
  test_socks5_proxy proxy({.outgoing_address = "127.0.0.11",
                           .credentials = secret,
                           .hosts = {{"shop.test", "127.0.0.1"}}});
  auto endpoint = parse_proxy_url(proxy.url("socks5h", secret));
  REQUIRE(endpoint.has_value());
  relay_lab lab({"127.0.0.1/32"}, *endpoint);
  const auto shop = authority("shop.test", origin.port());
  {
    // By name: the proxy resolves it (socks5h), as a visitor in its country would.
    blocking_client client("127.0.0.1", lab.port());
    client.write(absolute_get("http://" + shop + "/", shop));
    const auto reply = client.read_to_end();
    CHECK(reply.bytes.starts_with("HTTP/1.1 200"));
    CHECK(reply.bytes.find("from 127.0.0.11") != std::string::npos);
  }
  {
    // A name the proxy cannot resolve: the proxy's refusal, as 502.
    blocking_client client("127.0.0.1", lab.port());
    client.write(connect_to("nowhere.test:443"));
    CHECK(client.read_to_end().bytes.starts_with("HTTP/1.1 502"));
  }
  {
    // A blocked address is refused before the proxy hears of it.
    blocking_client client("127.0.0.1", lab.port());
    client.write(connect_to("127.0.0.2:443"));
    CHECK(client.read_to_end().bytes.starts_with("HTTP/1.1 403"));
  }
  const auto log = lab.finish();
  CHECK(lab.ended_in_time());
  REQUIRE(log.requests.size() == 3);
  CHECK(log.requests[0].outcome == relay_outcome::relayed);
  CHECK(log.requests[0].status == 200);
  CHECK(log.requests[1].outcome == relay_outcome::dial_failed);
  CHECK(log.requests[2].outcome == relay_outcome::blocked_address);
  const auto seen = proxy.requests();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].host == "shop.test");
  CHECK(seen[0].auth == proxy_auth::accepted);
  CHECK(seen[0].username == "relay-user");
  CHECK(seen[1].host == "nowhere.test");
  for (const auto& request : log.requests) {
    CHECK(request.reason.find(secret.password) == std::string::npos);
    CHECK(request.target.find(secret.password) == std::string::npos);
  }
  CHECK(log.requests[1].reason.find("host unreachable (reply code 4)") != std::string::npos);
}

TEST_CASE("relay: malformed, oversized and silent clients are answered or closed within bounds") {
  auto limits = quick_relay_limits();
  limits.max_header_bytes = 1024;
  relay_lab lab({"127.0.0.1/32"}, std::nullopt, limits);
  struct attempt {
    std::string bytes;
    std::string status;
  };
  const std::vector<attempt> attempts = {
      {"HELLO THERE\r\n\r\n", "HTTP/1.1 400"},
      {"GET / HTTP/1.1\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n", "HTTP/1.1 400"},
      {"GET /origin-form HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 403"},
      {connect_to("127.0.0.1:0"), "HTTP/1.1 403"},
      {connect_to("127.0.0.1"), "HTTP/1.1 403"},
      {absolute_get("https://127.0.0.1/", "127.0.0.1"), "HTTP/1.1 403"},
  };
  for (const auto& sent : attempts) {
    CAPTURE(sent.bytes.substr(0, 40));
    blocking_client client("127.0.0.1", lab.port());
    client.write(sent.bytes);
    const auto reply = client.read_to_end();
    CHECK(reply.bytes.starts_with(sent.status));
  }
  {
    // Silence, as a preconnected socket Chromium never uses: closed after the idle timeout,
    // and not a request.
    const auto start = std::chrono::steady_clock::now();
    blocking_client client("127.0.0.1", lab.port(), 3s);
    const auto reply = client.read_to_end();
    CHECK(reply.bytes.empty());
    CHECK(reply.end == stream_end::closed);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
  }
  const auto log = lab.finish();
  CHECK(lab.ended_in_time());
  REQUIRE(log.requests.size() == attempts.size());
  CHECK(log.requests[0].outcome == relay_outcome::malformed_request);
  CHECK(log.requests[1].outcome == relay_outcome::malformed_request);
  CHECK(log.requests[1].reason.find("over 1024 bytes") != std::string::npos);
  for (std::size_t i = 2; i < attempts.size(); ++i)
    CHECK(log.requests[i].outcome == relay_outcome::bad_destination);
}

TEST_CASE("relay: an idle tunnel is closed, a bottomless body hits the byte cap") {
  test_origin origin;
  origin.route("/big", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/plain"}}, std::string(20'000, 'b'));
  });
  auto limits = quick_relay_limits();
  limits.max_view_bytes = 8'000;
  relay_lab lab({"127.0.0.1/32"}, std::nullopt, limits);
  const auto host = authority("127.0.0.1", origin.port());
  {
    blocking_client client("127.0.0.1", lab.port(), 3s);
    client.write(connect_to(host));
    CHECK(client.read_until("\r\n\r\n").bytes.starts_with("HTTP/1.1 200"));
    const auto start = std::chrono::steady_clock::now();
    const auto rest = client.read_to_end();
    CHECK(rest.end == stream_end::closed);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
  }
  {
    blocking_client client("127.0.0.1", lab.port());
    client.write(absolute_get("http://" + host + "/big", host));
    CHECK(client.read_to_end().bytes.starts_with("HTTP/1.1 502"));
  }
  {
    // The same budget, spent inside a tunnel: the tunnel is cut.
    blocking_client client("127.0.0.1", lab.port(), 3s);
    client.write(connect_to(host));
    CHECK(client.read_until("\r\n\r\n").bytes.starts_with("HTTP/1.1 200"));
    client.write("GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(client.read_to_end().bytes.size() < 8'000);
  }
  const auto log = lab.wait_for_requests(3);
  REQUIRE(log.requests.size() == 3);
  CHECK(log.requests[0].outcome == relay_outcome::idle_timeout);
  CHECK(log.requests[1].outcome == relay_outcome::byte_cap);
  CHECK(log.requests[1].status == 200);
  CHECK(log.requests[1].bytes_down <= 8'000);
  // The budget is the view's: the second request already spent most of it.
  CHECK(log.requests[2].outcome == relay_outcome::byte_cap);
  lab.finish();
  CHECK(lab.ended_in_time());
}

TEST_CASE("relay: a destination that refuses the connection is a 502 dial_failed") {
  relay_lab lab;
  const auto closed = authority("127.0.0.1", free_loopback_port());
  blocking_client client("127.0.0.1", lab.port());
  client.write(connect_to(closed));
  CHECK(client.read_to_end().bytes.starts_with("HTTP/1.1 502"));
  const auto log = lab.finish();
  REQUIRE(log.requests.size() == 1);
  CHECK(log.requests[0].outcome == relay_outcome::dial_failed);
  CHECK_FALSE(is_blocked(log.requests[0].outcome));
  CHECK(log.requests[0].reason.find("cannot connect to 127.0.0.1") != std::string::npos);
}

TEST_CASE("relay: past max_connections a client waits in the listen queue for a free slot") {
  test_origin origin;
  origin.route("/", [](const received_request&) { return http_response(200, {}, "served"); });
  auto limits = quick_relay_limits();
  limits.max_connections = 1;
  limits.idle_timeout = 500ms;
  relay_lab lab({"127.0.0.1/32"}, std::nullopt, limits);
  const auto host = authority("127.0.0.1", origin.port());
  // A silent client holds the one slot until the idle timeout closes it.
  blocking_client silent("127.0.0.1", lab.port(), 3s);
  std::this_thread::sleep_for(50ms);  // accepted before the next one connects
  const auto start = std::chrono::steady_clock::now();
  blocking_client waiting("127.0.0.1", lab.port(), 3s);
  waiting.write(absolute_get("http://" + host + "/", host));
  CHECK(waiting.read_to_end().bytes.starts_with("HTTP/1.1 200"));
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 400ms);
  CHECK(waited < 2s);
  CHECK(silent.read_to_end().end == stream_end::closed);
  const auto log = lab.finish();
  CHECK(lab.ended_in_time());
  REQUIRE(log.requests.size() == 1);
  CHECK(log.requests[0].outcome == relay_outcome::relayed);
}

TEST_CASE("relay: a stop ends an open tunnel and records it as relay_stopped") {
  test_origin origin;
  auto limits = quick_relay_limits();
  limits.idle_timeout = 30s;  // only the stop can end this tunnel in time
  relay_lab lab({"127.0.0.1/32"}, std::nullopt, limits);
  blocking_client client("127.0.0.1", lab.port(), 3s);
  client.write(connect_to(authority("127.0.0.1", origin.port())));
  CHECK(client.read_until("\r\n\r\n").bytes.starts_with("HTTP/1.1 200"));
  const auto log = lab.finish();
  CHECK(lab.ended_in_time());
  REQUIRE(log.requests.size() == 1);
  CHECK(log.requests[0].outcome == relay_outcome::relay_stopped);
  CHECK(client.read_to_end().end != stream_end::timed_out);
}

}  // namespace geocrawl::testing
