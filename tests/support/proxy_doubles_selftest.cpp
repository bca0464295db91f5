// Proves test_socks5_proxy and test_connect_proxy do what integration tests will rely on, by
// speaking SOCKS5 and HTTP as raw bytes through a blocking client to a test_origin that answers
// with the address each request came from. Only 127.0.0.x is contacted; every read has a deadline.
#include "tests/support/blocking_client.hpp"
#include "tests/support/capture_binding.hpp"
#include "tests/support/test_connect_proxy.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/test_socks5_proxy.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace geocrawl::testing;
using namespace std::chrono_literals;
using geocrawl::proxy_credentials;
using clock_type = std::chrono::steady_clock;

// Short, for reads that are meant to time out.
constexpr auto impatient = 300ms;

const proxy_credentials alice{"alice", "s3cret"};

// What a proxy's exit looks like from outside: /whoami answers with the request's source address.
void serve_whoami(test_origin& origin) {
  origin.route("/whoami", [](const received_request& request) {
    return http_response(200, {{"Content-Type", "text/plain"}}, request.peer_address);
  });
}

const std::string whoami_request =
    "GET /whoami HTTP/1.1\r\nHost: origin.test\r\nConnection: close\r\n\r\n";

std::string body_of(const std::string& response) {
  const auto blank_line = response.find("\r\n\r\n");
  return blank_line == std::string::npos ? std::string() : response.substr(blank_line + 4);
}

std::string status_line_of(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

// Asks /whoami through an open tunnel (or a proxy that forwards), checks the answer arrived whole
// and the connection then closed in order, and returns the source address the origin saw.
std::string exit_address(blocking_client& client, const std::string& request = whoami_request) {
  client.write(request);
  const received response = client.read_to_end();
  CHECK(response.end == stream_end::closed);
  CHECK(status_line_of(response.bytes) == "HTTP/1.1 200 OK");
  return body_of(response.bytes);
}

// Polls a condition another thread makes true, for at most two seconds.
bool eventually(const std::function<bool()>& condition) {
  const auto give_up = clock_type::now() + 2s;
  while (!condition()) {
    if (clock_type::now() > give_up) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

std::string address_and_port(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

// --- SOCKS5 as bytes (RFC 1928, RFC 1929) ---

std::string bytes(std::initializer_list<int> values) {
  std::string result;
  for (const int value : values) result += static_cast<char>(value);
  return result;
}

std::string port_bytes(std::uint16_t port) { return bytes({port >> 8, port & 0xff}); }

std::string connect_ipv4_loopback(std::uint16_t port) {
  return bytes({5, 1, 0, 1, 127, 0, 0, 1}) + port_bytes(port);
}

std::string connect_ipv6_loopback(std::uint16_t port) {
  return bytes({5, 1, 0, 4}) + std::string(15, '\0') + bytes({1}) + port_bytes(port);
}

std::string connect_domain(std::string_view name, std::uint16_t port) {
  return bytes({5, 1, 0, 3, static_cast<int>(name.size())}) + std::string(name) + port_bytes(port);
}

std::string password_message(const proxy_credentials& credentials) {
  return bytes({1, static_cast<int>(credentials.username.size())}) + credentials.username +
         bytes({static_cast<int>(credentials.password.size())}) + credentials.password;
}

// Greets offering "no authentication" only, then sends the request; returns the reply as far as
// an IPv4 one goes (ten bytes).
received socks_connect(blocking_client& client, const std::string& request) {
  client.write(bytes({5, 1, 0}));
  REQUIRE(client.read(2).bytes == bytes({5, 0}));
  client.write(request);
  return client.read(10);
}

const std::string socks_host_unreachable = bytes({5, 4, 0, 1, 0, 0, 0, 0, 0, 0});

// Every text a record keeps, to show a secret is in none of them.
std::string everything_recorded(const std::vector<socks5_request>& requests) {
  std::string all;
  for (const auto& r : requests) all += r.host + "|" + r.username + "|" + r.outgoing_address + "|";
  return all;
}

std::string everything_recorded(const std::vector<proxied_request>& requests) {
  std::string all;
  for (const auto& r : requests) all += r.method + "|" + r.target + "|" + r.outgoing_address + "|";
  return all;
}

// --- HTTP proxy requests ---

std::string connect_request(const std::string& authority, const std::string& extra_fields = "") {
  return "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n" + extra_fields +
         "\r\n";
}

// /whoami asked of a proxy that forwards.
std::string absolute_whoami(std::uint16_t origin_port) {
  return "GET http://" + address_and_port(origin_port) +
         "/whoami HTTP/1.1\r\nHost: origin.test\r\n\r\n";
}

const std::string established = "HTTP/1.1 200 Connection established\r\n\r\n";

}  // namespace

TEST_SUITE("test_socks5_proxy") {
  TEST_CASE("a CONNECT by address leaves from the outgoing address and relays both ways") {
    test_origin origin;
    serve_whoami(origin);
    test_socks5_proxy proxy({.outgoing_address = "127.0.0.11"});

    blocking_client client("127.0.0.1", proxy.port());
    const received reply = socks_connect(client, connect_ipv4_loopback(origin.port()));
    REQUIRE(reply.bytes.size() == 10);
    CHECK(reply.bytes.substr(0, 8) == bytes({5, 0, 0, 1, 127, 0, 0, 11}));  // BND.ADDR: the exit
    CHECK(exit_address(client) == "127.0.0.11");

    REQUIRE(origin.requests().size() == 1);
    CHECK(origin.requests()[0].peer_address == "127.0.0.11");
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].address_type == socks5_address_type::ipv4);
    CHECK(requests[0].host == "127.0.0.1");
    CHECK(requests[0].port == origin.port());
    CHECK(requests[0].username.empty());
    CHECK(requests[0].auth == proxy_auth::none);
    CHECK(requests[0].reply == 0);
    CHECK(requests[0].outgoing_address == "127.0.0.11");
    CHECK(proxy.connections() == 1);

    const std::string port = std::to_string(proxy.port());
    CHECK(proxy.url() == "socks5h://127.0.0.1:" + port);
    CHECK(proxy.url("socks5") == "socks5://127.0.0.1:" + port);
    CHECK_THROWS_AS(proxy.url("http"), std::invalid_argument);
  }

  TEST_CASE("domain names resolve through the table and nowhere else") {
    test_origin origin;
    serve_whoami(origin);
    test_socks5_proxy proxy({.hosts = {{"shop.test", "127.0.0.1"}}});

    {
      blocking_client client("127.0.0.1", proxy.port());
      const received reply = socks_connect(client, connect_domain("Shop.TEST", origin.port()));
      CHECK(reply.bytes.substr(0, 2) == bytes({5, 0}));
      CHECK(exit_address(client) == "127.0.0.1");
    }
    // "localhost" is in every system resolver but not in the table.
    for (const std::string_view name : {"elsewhere.test", "localhost"}) {
      CAPTURE(name);
      blocking_client client("127.0.0.1", proxy.port());
      CHECK(socks_connect(client, connect_domain(name, origin.port())).bytes ==
            socks_host_unreachable);
      CHECK(client.read_to_end().end == stream_end::closed);
    }

    CHECK(origin.connections() == 1);
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].address_type == socks5_address_type::domain);
    CHECK(requests[0].host == "Shop.TEST");
    CHECK(requests[0].reply == 0);
    CHECK(requests[0].outgoing_address == "127.0.0.1");  // no outgoing_address: the kernel's pick
    CHECK(requests[1].host == "elsewhere.test");
    CHECK(requests[1].reply == 4);
    CHECK(requests[1].outgoing_address.empty());
    CHECK(requests[2].host == "localhost");
    CHECK(requests[2].reply == 4);
  }

  TEST_CASE("an IPv6 request is recorded as one and refused when nothing listens there") {
    test_origin origin;  // listens on 127.0.0.1 only
    test_socks5_proxy proxy;
    blocking_client client("127.0.0.1", proxy.port());
    const received reply = socks_connect(client, connect_ipv6_loopback(origin.port()));
    REQUIRE(reply.bytes.size() >= 2);
    CHECK(reply.bytes[1] != 0);  // refused (5), or a failure (1, 3) where IPv6 is unavailable
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].address_type == socks5_address_type::ipv6);
    CHECK(requests[0].host == "::1");
    CHECK(requests[0].reply == static_cast<std::uint8_t>(reply.bytes[1]));
  }

  TEST_CASE("username/password: the right pair tunnels, a wrong one gets status 1") {
    test_origin origin;
    serve_whoami(origin);
    test_socks5_proxy proxy({.outgoing_address = "127.0.0.12", .credentials = alice});

    {
      blocking_client client("127.0.0.1", proxy.port());
      client.write(bytes({5, 2, 0, 2}));
      REQUIRE(client.read(2).bytes == bytes({5, 2}));
      client.write(password_message(alice));
      REQUIRE(client.read(2).bytes == bytes({1, 0}));
      client.write(connect_ipv4_loopback(origin.port()));
      CHECK(client.read(10).bytes.substr(0, 2) == bytes({5, 0}));
      CHECK(exit_address(client) == "127.0.0.12");
    }
    {
      blocking_client client("127.0.0.1", proxy.port());
      client.write(bytes({5, 1, 2}));
      REQUIRE(client.read(2).bytes == bytes({5, 2}));
      client.write(password_message({"alice", "guess"}));
      CHECK(client.read(2).bytes == bytes({1, 1}));
      CHECK(client.read_to_end().end == stream_end::closed);
    }
    {
      // The proxy wants a password; a client that offers only "no authentication" has no method
      // in common with it.
      blocking_client client("127.0.0.1", proxy.port());
      client.write(bytes({5, 1, 0}));
      CHECK(client.read(2).bytes == bytes({5, 0xff}));
      CHECK(client.read_to_end().end == stream_end::closed);
    }

    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].username == "alice");
    CHECK(requests[0].auth == proxy_auth::accepted);
    CHECK(requests[0].outgoing_address == "127.0.0.12");
    CHECK(requests[1].username == "alice");
    CHECK(requests[1].auth == proxy_auth::refused);
    CHECK(requests[1].address_type == socks5_address_type::none);
    const std::string recorded = everything_recorded(requests);
    CHECK(recorded.find("s3cret") == std::string::npos);
    CHECK(recorded.find("guess") == std::string::npos);

    const std::string port = std::to_string(proxy.port());
    CHECK(proxy.url("socks5h", alice) == "socks5h://alice:s3cret@127.0.0.1:" + port);
    CHECK(proxy.url("socks5", {"a@b", "p/w"}) == "socks5://a%40b:p%2Fw@127.0.0.1:" + port);
  }

  TEST_CASE("reply_code answers every CONNECT without connecting") {
    test_origin origin;
    test_socks5_proxy proxy({.reply_code = 2});
    blocking_client client("127.0.0.1", proxy.port());
    CHECK(socks_connect(client, connect_ipv4_loopback(origin.port())).bytes ==
          bytes({5, 2, 0, 1, 0, 0, 0, 0, 0, 0}));
    CHECK(client.read_to_end().end == stream_end::closed);
    CHECK(origin.connections() == 0);
    REQUIRE(proxy.requests().size() == 1);
    CHECK(proxy.requests()[0].reply == 2);
    CHECK(proxy.requests()[0].outgoing_address.empty());
  }

  TEST_CASE("honest_connections: the first connections tunnel, the next one gets the reply_code") {
    test_origin origin;
    serve_whoami(origin);
    test_socks5_proxy proxy(
        {.outgoing_address = "127.0.0.12", .reply_code = 1, .honest_connections = 1});
    blocking_client first("127.0.0.1", proxy.port());
    REQUIRE(socks_connect(first, connect_ipv4_loopback(origin.port())).bytes.substr(0, 2) ==
            bytes({5, 0}));
    CHECK(exit_address(first) == "127.0.0.12");
    blocking_client second("127.0.0.1", proxy.port());
    CHECK(socks_connect(second, connect_ipv4_loopback(origin.port())).bytes ==
          bytes({5, 1, 0, 1, 0, 0, 0, 0, 0, 0}));
    CHECK(origin.connections() == 1);
  }

  TEST_CASE("never_reply leaves the client to its own deadline") {
    test_socks5_proxy proxy({.behaviour = socks5_behaviour::never_reply});
    blocking_client client("127.0.0.1", proxy.port(), impatient);
    client.write(bytes({5, 1, 0}));
    const received reply = client.read(2);
    CHECK(reply.end == stream_end::timed_out);
    CHECK(reply.bytes.empty());
    CHECK(proxy.requests().empty());
  }

  TEST_CASE("close_after_greeting closes without a word, garbage_reply answers not SOCKS") {
    test_socks5_proxy closing({.behaviour = socks5_behaviour::close_after_greeting});
    blocking_client first("127.0.0.1", closing.port());
    first.write(bytes({5, 1, 0}));
    const received nothing = first.read_to_end();
    CHECK(nothing.end == stream_end::closed);
    CHECK(nothing.bytes.empty());

    test_socks5_proxy babbling({.behaviour = socks5_behaviour::garbage_reply});
    blocking_client second("127.0.0.1", babbling.port());
    second.write(bytes({5, 1, 0}));
    const received garbage = second.read_to_end();
    CHECK(garbage.end == stream_end::closed);
    REQUIRE_FALSE(garbage.bytes.empty());
    CHECK(garbage.bytes[0] != 5);
  }

  TEST_CASE("die_mid_transfer passes the first bytes from the target, then resets") {
    test_origin origin;
    serve_whoami(origin);
    test_socks5_proxy proxy(
        {.behaviour = socks5_behaviour::die_mid_transfer, .die_after_bytes = 20});
    blocking_client client("127.0.0.1", proxy.port());
    CHECK(socks_connect(client, connect_ipv4_loopback(origin.port())).bytes.substr(0, 2) ==
          bytes({5, 0}));
    client.write(whoami_request);
    const received cut = client.read_to_end();
    CHECK(cut.end == stream_end::reset);
    CHECK(cut.bytes == "HTTP/1.1 200 OK\r\nCon");
  }

  TEST_CASE("a client that half-closes still gets its answer") {
    test_origin origin;
    serve_whoami(origin);
    test_socks5_proxy proxy;
    blocking_client client("127.0.0.1", proxy.port());
    CHECK(socks_connect(client, connect_ipv4_loopback(origin.port())).bytes.substr(0, 2) ==
          bytes({5, 0}));
    // Kept alive: the origin closes only when the proxy passes on the client's FIN.
    client.write("GET /whoami HTTP/1.1\r\nHost: origin.test\r\n\r\n");
    client.finish_sending();
    const received response = client.read_to_end();
    CHECK(response.end == stream_end::closed);
    CHECK(body_of(response.bytes) == "127.0.0.1");
  }

  TEST_CASE("the destructor is fast with a tunnel open") {
    test_origin origin;
    auto proxy = std::make_unique<test_socks5_proxy>();
    blocking_client client("127.0.0.1", proxy->port());
    REQUIRE(socks_connect(client, connect_ipv4_loopback(origin.port())).bytes.substr(0, 2) ==
            bytes({5, 0}));

    const auto start = clock_type::now();
    proxy.reset();
    CHECK(clock_type::now() - start < 1s);
    // The proxy closed the tunnel rather than leaving the client to its deadline.
    CHECK(client.read_to_end().end == stream_end::closed);
  }
}

TEST_SUITE("test_connect_proxy") {
  TEST_CASE("CONNECT tunnels from the outgoing address") {
    test_origin origin;
    serve_whoami(origin);
    test_connect_proxy proxy({.outgoing_address = "127.0.0.11"});

    blocking_client client("127.0.0.1", proxy.port());
    const std::string target = address_and_port(origin.port());
    client.write(connect_request(target));
    CHECK(client.read_until("\r\n\r\n").bytes == established);
    CHECK(exit_address(client) == "127.0.0.11");

    REQUIRE(origin.requests().size() == 1);
    CHECK(origin.requests()[0].peer_address == "127.0.0.11");
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "CONNECT");
    CHECK(requests[0].target == target);
    CHECK(requests[0].auth == proxy_auth::none);
    CHECK(requests[0].status == 200);
    CHECK(requests[0].outgoing_address == "127.0.0.11");
    CHECK(proxy.connections() == 1);
    CHECK(proxy.url() == "http://127.0.0.1:" + std::to_string(proxy.port()));
  }

  TEST_CASE("an absolute-form request is forwarded in origin-form without the proxy's fields") {
    test_origin origin;
    serve_whoami(origin);
    test_connect_proxy proxy(
        {.outgoing_address = "127.0.0.21", .hosts = {{"shop.test", "127.0.0.1"}}});

    blocking_client client("127.0.0.1", proxy.port());
    const std::string authority = "shop.test:" + std::to_string(origin.port());
    const std::string target = "http://" + authority + "/whoami?x=1";
    const std::string request = "GET " + target + " HTTP/1.1\r\nHost: " + authority +
                                "\r\nProxy-Connection: keep-alive\r\n"
                                "Proxy-Authorization: Basic Zm9vOmJhcg==\r\nX-Probe: one\r\n\r\n";
    CHECK(exit_address(client, request) == "127.0.0.21");

    const auto arrived = origin.requests();
    REQUIRE(arrived.size() == 1);
    const received_request& forwarded = arrived[0];
    CHECK(forwarded.target == "/whoami?x=1");
    CHECK(forwarded.header("Host") == authority);
    CHECK(forwarded.header("X-Probe") == "one");
    CHECK(forwarded.header("Connection") == "close");
    CHECK(forwarded.header("Proxy-Connection").empty());
    CHECK(forwarded.header("Proxy-Authorization").empty());

    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "GET");
    CHECK(requests[0].target == target);
    CHECK(requests[0].auth == proxy_auth::accepted);  // present, and nothing was required
    CHECK(requests[0].status == 0);
    CHECK(requests[0].outgoing_address == "127.0.0.21");
    CHECK(everything_recorded(requests).find("Zm9vOmJhcg==") == std::string::npos);
  }

  TEST_CASE("unknown names and unreachable targets get 502, unusable targets 400") {
    std::uint16_t closed_port = 0;
    {
      const test_origin gone;
      closed_port = gone.port();
    }
    test_connect_proxy proxy;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {connect_request("nowhere.test:443"), "HTTP/1.1 502 Bad Gateway"},
        // In every system resolver, but not in the table.
        {connect_request("localhost:443"), "HTTP/1.1 502 Bad Gateway"},
        {connect_request(address_and_port(closed_port)), "HTTP/1.1 502 Bad Gateway"},
        {connect_request("127.0.0.1"), "HTTP/1.1 400 Bad Request"},
        {"GET https://127.0.0.1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "HTTP/1.1 400 Bad Request"},
        {"NOT HTTP AT ALL\r\n\r\n", "HTTP/1.1 400 Bad Request"},
    };
    for (const auto& [request, status] : cases) {
      CAPTURE_BINDING(request);
      blocking_client client("127.0.0.1", proxy.port());
      client.write(request);
      const received response = client.read_to_end();
      CHECK(response.end == stream_end::closed);
      CHECK(status_line_of(response.bytes) == status);
      const bool says_why = response.bytes.find(
                                "\r\nProxy-Status: test_connect_proxy; "
                                "error=destination_unavailable\r\n") != std::string::npos;
      CHECK(says_why == status.ends_with("502 Bad Gateway"));
    }
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 5);  // all but the one that is not HTTP
    CHECK(requests[0].status == 502);
    CHECK(requests[0].outgoing_address.empty());
    CHECK(requests[3].status == 400);
  }

  TEST_CASE("Basic authentication: missing or wrong gets 407, right tunnels") {
    test_origin origin;
    serve_whoami(origin);
    test_connect_proxy proxy({.outgoing_address = "127.0.0.30", .credentials = alice});
    const std::string target = address_and_port(origin.port());

    for (const std::string fields : {"", "Proxy-Authorization: Basic YWxpY2U6Z3Vlc3M=\r\n"}) {
      CAPTURE(fields);
      blocking_client client("127.0.0.1", proxy.port());
      client.write(connect_request(target, fields));
      const received response = client.read_to_end();
      CHECK(response.end == stream_end::closed);
      CHECK(status_line_of(response.bytes) == "HTTP/1.1 407 Proxy Authentication Required");
      CHECK(response.bytes.find("\r\nProxy-Authenticate: Basic realm=\"test\"\r\n") !=
            std::string::npos);
      CHECK_FALSE(body_of(response.bytes).empty());
    }
    {
      blocking_client client("127.0.0.1", proxy.port());
      // base64("alice:s3cret")
      client.write(connect_request(target, "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n"));
      CHECK(client.read_until("\r\n\r\n").bytes == established);
      CHECK(exit_address(client) == "127.0.0.30");
    }

    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].auth == proxy_auth::none);
    CHECK(requests[0].status == 407);
    CHECK(requests[1].auth == proxy_auth::refused);
    CHECK(requests[1].status == 407);
    CHECK(requests[2].auth == proxy_auth::accepted);
    CHECK(requests[2].status == 200);
    const std::string recorded = everything_recorded(requests);
    for (const std::string_view secret : {"s3cret", "YWxpY2U6czNjcmV0", "YWxpY2U6Z3Vlc3M="}) {
      CHECK(recorded.find(secret) == std::string::npos);
    }
    CHECK(proxy.url(alice) == "http://alice:s3cret@127.0.0.1:" + std::to_string(proxy.port()));
  }

  TEST_CASE("status answers every request without connecting") {
    test_origin origin;
    test_connect_proxy proxy({.status = 503});
    blocking_client client("127.0.0.1", proxy.port());
    client.write(connect_request(address_and_port(origin.port())));
    const received response = client.read_to_end();
    CHECK(response.end == stream_end::closed);
    CHECK(status_line_of(response.bytes) == "HTTP/1.1 503 Service Unavailable");
    CHECK(origin.connections() == 0);
    REQUIRE(proxy.requests().size() == 1);
    CHECK(proxy.requests()[0].status == 503);
  }

  TEST_CASE("honest_connections: the first connections are served, the next one gets the status") {
    test_origin origin;
    serve_whoami(origin);
    test_connect_proxy proxy(
        {.outgoing_address = "127.0.0.12", .status = 407, .honest_connections = 2});
    for (int i = 0; i < 2; ++i) {
      blocking_client honest("127.0.0.1", proxy.port());
      CHECK(exit_address(honest, absolute_whoami(origin.port())) == "127.0.0.12");
    }
    blocking_client refused("127.0.0.1", proxy.port());
    refused.write(absolute_whoami(origin.port()));
    CHECK(status_line_of(refused.read_to_end().bytes) ==
          "HTTP/1.1 407 Proxy Authentication Required");
    CHECK(origin.connections() == 2);
  }

  TEST_CASE("oversized request headers get 431") {
    test_connect_proxy proxy({.max_request_header_bytes = 1024});
    blocking_client client("127.0.0.1", proxy.port());
    client.write(connect_request("127.0.0.1:443", "X-Padding: " + std::string(4096, 'p') + "\r\n"));
    CHECK(status_line_of(client.read_to_end().bytes) ==
          "HTTP/1.1 431 Request Header Fields Too Large");
    CHECK(proxy.requests().empty());
  }

  TEST_CASE("never_reply leaves the client to its own deadline, garbage_reply answers not HTTP") {
    test_connect_proxy silent({.behaviour = connect_proxy_behaviour::never_reply});
    blocking_client first("127.0.0.1", silent.port(), impatient);
    first.write(connect_request("127.0.0.1:443"));
    const received nothing = first.read(1);
    CHECK(nothing.end == stream_end::timed_out);
    CHECK(nothing.bytes.empty());
    CHECK(silent.requests().empty());

    test_connect_proxy babbling({.behaviour = connect_proxy_behaviour::garbage_reply});
    blocking_client second("127.0.0.1", babbling.port());
    second.write(connect_request("127.0.0.1:443"));
    const received garbage = second.read_to_end();
    CHECK(garbage.end == stream_end::closed);
    REQUIRE_FALSE(garbage.bytes.empty());
    CHECK_FALSE(garbage.bytes.starts_with("HTTP/"));
    CHECK(babbling.requests().size() == 1);
  }

  TEST_CASE("die_mid_transfer passes the first bytes of the origin's answer, then resets") {
    test_origin origin;
    serve_whoami(origin);
    test_connect_proxy proxy(
        {.behaviour = connect_proxy_behaviour::die_mid_transfer, .die_after_bytes = 12});
    blocking_client client("127.0.0.1", proxy.port());
    client.write(absolute_whoami(origin.port()));
    const received cut = client.read_to_end();
    CHECK(cut.end == stream_end::reset);
    CHECK(cut.bytes == "HTTP/1.1 200");
  }

  TEST_CASE("an https proxy speaks TLS first, then CONNECT or absolute-form inside it") {
    const test_pki pki = make_test_pki({"proxy.test"}, {"127.0.0.1"});
    test_origin origin;
    serve_whoami(origin);
    test_connect_proxy proxy({.outgoing_address = "127.0.0.11", .tls = pki.leaf});
    CHECK(proxy.url() == "https://127.0.0.1:" + std::to_string(proxy.port()));

    {
      blocking_client client("127.0.0.1", proxy.port());
      client.start_tls(pki.ca, "127.0.0.1");
      client.write(connect_request(address_and_port(origin.port())));
      CHECK(client.read_until("\r\n\r\n").bytes == established);
      CHECK(exit_address(client) == "127.0.0.11");  // closed by close_notify, not a bare FIN
    }
    {
      blocking_client client("127.0.0.1", proxy.port());
      client.start_tls(pki.ca, "proxy.test");
      CHECK(exit_address(client, absolute_whoami(origin.port())) == "127.0.0.11");
    }
    {
      const test_pki stranger = make_test_pki({"proxy.test"}, {"127.0.0.1"});
      blocking_client client("127.0.0.1", proxy.port());
      CHECK_THROWS_AS(client.start_tls(stranger.ca, "proxy.test"), std::runtime_error);
    }
    CHECK(proxy.requests().size() == 2);
    CHECK(origin.hits("/whoami") == 2);
  }

  TEST_CASE("the destructor is fast with a tunnel open and a header half sent") {
    test_origin origin;
    auto proxy = std::make_unique<test_connect_proxy>();
    blocking_client tunnel("127.0.0.1", proxy->port());
    tunnel.write(connect_request(address_and_port(origin.port())));
    REQUIRE(tunnel.read_until("\r\n\r\n").bytes == established);
    blocking_client halfway("127.0.0.1", proxy->port());
    halfway.write("CONNECT 127.0.0.1:");
    REQUIRE(eventually([&] { return proxy->connections() == 2; }));

    const auto start = clock_type::now();
    proxy.reset();
    CHECK(clock_type::now() - start < 1s);
    CHECK(tunnel.read_to_end().end == stream_end::closed);
    // Closed or reset (if the proxy had not read the bytes yet), but not left to the deadline.
    const stream_end halfway_end = halfway.read_to_end().end;
    CHECK((halfway_end == stream_end::closed || halfway_end == stream_end::reset));
  }
}
