#include "proxies/socks5.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <initializer_list>
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

std::string bytes(std::initializer_list<unsigned> values) {
  std::string text;
  for (const unsigned value : values) text += static_cast<char>(value);
  return text;
}

testing::handshake_function socks5(tunnel_target target,
                                   std::optional<proxy_credentials> credentials = std::nullopt) {
  return [target = std::move(target),
          credentials = std::move(credentials)](boost::beast::test::stream& stream) {
    return socks5_handshake(stream, target, credentials,
                            std::chrono::steady_clock::now() + std::chrono::seconds(10));
  };
}

const tunnel_target ipv4_target{"127.0.0.2", 443};
const proxy_credentials alice{"alice", "s3cret-Pw"};

const std::string greeting = bytes({5, 1, 0});
const std::string greeting_with_password = bytes({5, 2, 0, 2});
const std::string password_request = bytes({1, 5}) + "alice" + bytes({9}) + "s3cret-Pw";
const std::string ipv4_request = bytes({5, 1, 0, 1, 127, 0, 0, 2, 0x01, 0xBB});

const std::string chose_none = bytes({5, 0});
const std::string chose_password = bytes({5, 2});
const std::string password_accepted = bytes({1, 0});
// Bound to 127.0.0.9:1080.
const std::string succeeded = bytes({5, 0, 0, 1, 127, 0, 0, 9, 0x04, 0x38});

TEST_CASE("socks5: without credentials it offers no authentication and connects by address") {
  const auto run = run_against_peer(socks5(ipv4_target), {.reply = chose_none + succeeded});
  CHECK(run.result.has_value());
  CHECK(run.written == greeting + ipv4_request);
}

TEST_CASE("socks5: with credentials it offers both methods and authenticates per RFC 1929") {
  const auto run = run_against_peer(socks5(ipv4_target, alice),
                                    {.reply = chose_password + password_accepted + succeeded});
  CHECK(run.result.has_value());
  CHECK(run.written == greeting_with_password + password_request + ipv4_request);
}

TEST_CASE("socks5: credentials are not sent when the proxy wants none") {
  const auto run = run_against_peer(socks5(ipv4_target, alice), {.reply = chose_none + succeeded});
  CHECK(run.result.has_value());
  CHECK(run.written == greeting_with_password + ipv4_request);
}

TEST_CASE("socks5: IPv6 targets go as ATYP 4, names as ATYP 3, the port in network order") {
  const auto ipv6 = run_against_peer(socks5({"::1", 8443}), {.reply = chose_none + succeeded});
  CHECK(ipv6.result.has_value());
  CHECK(ipv6.written ==
        greeting + bytes({5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x20, 0xFB}));

  const auto name =
      run_against_peer(socks5({"pharmacy.example", 80}), {.reply = chose_none + succeeded});
  CHECK(name.result.has_value());
  CHECK(name.written == greeting + bytes({5, 1, 0, 3, 16}) + "pharmacy.example" + bytes({0, 80}));
}

TEST_CASE("socks5: a 255-byte name is sent, a 256-byte one is refused before anything is sent") {
  const std::string longest(255, 'a');
  const auto sent = run_against_peer(socks5({longest, 443}), {.reply = chose_none + succeeded});
  CHECK(sent.result.has_value());
  CHECK(sent.written == greeting + bytes({5, 1, 0, 3, 255}) + longest + bytes({0x01, 0xBB}));

  const auto refused =
      run_against_peer(socks5({std::string(256, 'a'), 443}), {.reply = chose_none + succeeded});
  REQUIRE(refused.result.has_error());
  CHECK(refused.result.error().code == dial_errc::proxy_protocol);
  CHECK(refused.result.error().message ==
        "host name longer than 255 bytes cannot be sent through SOCKS5");
  CHECK(refused.written.empty());
}

TEST_CASE("socks5: credentials SOCKS5 cannot carry are refused before anything is sent") {
  for (const auto& credentials :
       {proxy_credentials{"", "pw"}, proxy_credentials{std::string(256, 'u'), "pw"},
        proxy_credentials{"alice", std::string(256, 'p')}}) {
    const auto run = run_against_peer(socks5(ipv4_target, credentials), {.reply = chose_password});
    REQUIRE(run.result.has_error());
    CHECK(run.result.error().code == dial_errc::proxy_auth);
    CHECK(run.written.empty());
  }
}

TEST_CASE("socks5: the bound address is read to its end and no further, whatever its type") {
  const std::string tunnel_bytes = "HTTP/1.1 200 OK\r\n";
  const std::string bound_ipv6 =
      bytes({5, 0, 0, 4}) + std::string(16, '\x01') + bytes({0x04, 0x38});
  const std::string bound_name = bytes({5, 0, 0, 3, 11}) + "proxy.local" + bytes({0x04, 0x38});
  const std::string bound_empty_name = bytes({5, 0, 0, 3, 0, 0x04, 0x38});
  for (const auto& reply : {succeeded, bound_ipv6, bound_name, bound_empty_name}) {
    const auto run =
        run_against_peer(socks5(ipv4_target), {.reply = chose_none + reply + tunnel_bytes});
    CHECK(run.result.has_value());
    CHECK(run.unread == tunnel_bytes);
  }
}

TEST_CASE("socks5: a reply dripped byte by byte is read whole") {
  const auto run =
      run_against_peer(socks5(ipv4_target, alice),
                       {.reply = chose_password + password_accepted + succeeded, .read_size = 1});
  CHECK(run.result.has_value());
  CHECK(run.written == greeting_with_password + password_request + ipv4_request);
}

TEST_CASE("socks5: every reply code is a refusal that names the reason, the code and the target") {
  const std::pair<unsigned, std::string_view> codes[] = {
      {1, "general SOCKS server failure (reply code 1)"},
      {2, "connection not allowed by ruleset (reply code 2)"},
      {3, "network unreachable (reply code 3)"},
      {4, "host unreachable (reply code 4)"},
      {5, "connection refused (reply code 5)"},
      {6, "TTL expired (reply code 6)"},
      {7, "command not supported (reply code 7)"},
      {8, "address type not supported (reply code 8)"},
      {9, "unknown reply code 9"},
      {255, "unknown reply code 255"},
  };
  for (const auto& [code, reason] : codes) {
    CAPTURE_BINDING(code);
    const auto run = run_against_peer(
        socks5({"::1", 443}), {.reply = chose_none + bytes({5, code, 0, 1, 0, 0, 0, 0, 0, 0})});
    REQUIRE(run.result.has_error());
    CHECK(run.result.error().code == dial_errc::proxy_refused);
    CHECK(run.result.error().message ==
          "the SOCKS5 proxy refused to connect to [::1]:443: " + std::string(reason));
  }
}

TEST_CASE("socks5: a proxy that accepts no offered method is an authentication failure") {
  const auto without = run_against_peer(socks5(ipv4_target), {.reply = bytes({5, 0xFF})});
  REQUIRE(without.result.has_error());
  CHECK(without.result.error().code == dial_errc::proxy_auth);
  CHECK(without.result.error().message.find("accepts none of the offered authentication methods") !=
        std::string::npos);
  CHECK(without.result.error().message.find("wants credentials and the proxy URL has none") !=
        std::string::npos);

  const auto with = run_against_peer(socks5(ipv4_target, alice), {.reply = bytes({5, 0xFF})});
  REQUIRE(with.result.has_error());
  CHECK(with.result.error().code == dial_errc::proxy_auth);
  CHECK(with.result.error().message.find("accepts none of the offered authentication methods") !=
        std::string::npos);
  CHECK(with.result.error().message.find("the proxy URL has none") == std::string::npos);
}

TEST_CASE("socks5: rejected credentials are an authentication failure that does not repeat them") {
  const auto run =
      run_against_peer(socks5(ipv4_target, alice), {.reply = chose_password + bytes({1, 1})});
  REQUIRE(run.result.has_error());
  CHECK(run.result.error().code == dial_errc::proxy_auth);
  CHECK(run.result.error().message.find("rejected the user name and password") !=
        std::string::npos);
  CHECK(run.result.error().message.find(alice.username) == std::string::npos);
  CHECK(run.result.error().message.find(alice.password) == std::string::npos);
  CHECK(run.written == greeting_with_password + password_request);
}

TEST_CASE("socks5: wrong versions, methods and address types break the protocol") {
  const std::string cases[] = {
      "HTTP/1.1 400 Bad Request\r\n\r\n",                             // an HTTP proxy
      bytes({4, 0}),                                                  // SOCKS4
      chose_password,                                                 // not offered
      bytes({5, 3}),                                                  // never offered
      chose_none + bytes({4, 0, 0, 1, 127, 0, 0, 9, 0x04, 0x38}),     // reply version
      chose_none + bytes({5, 0, 0, 2, 127, 0, 0, 9, 0x04, 0x38}),     // address type 2
      chose_none + bytes({5, 0, 0, 0xFF, 127, 0, 0, 9, 0x04, 0x38}),  // address type 255
  };
  for (const auto& reply : cases) {
    CAPTURE(reply);
    const auto run = run_against_peer(socks5(ipv4_target), {.reply = reply});
    REQUIRE(run.result.has_error());
    CHECK(run.result.error().code == dial_errc::proxy_protocol);
    CHECK(run.result.error().message.find("127.0.0.2:443") != std::string::npos);
  }
  const auto auth_version =
      run_against_peer(socks5(ipv4_target, alice), {.reply = chose_password + bytes({5, 0})});
  REQUIRE(auth_version.result.has_error());
  CHECK(auth_version.result.error().code == dial_errc::proxy_protocol);
}

TEST_CASE("socks5: a reply cut at any byte is the proxy closing during the handshake") {
  const std::string reply = chose_password + password_accepted + bytes({5, 0, 0, 3, 11}) +
                            "proxy.local" + bytes({0x04, 0x38});
  for (std::size_t length = 0; length < reply.size(); ++length) {
    CAPTURE(length);
    const auto run =
        run_against_peer(socks5(ipv4_target, alice), {.reply = reply.substr(0, length)});
    REQUIRE(run.result.has_error());
    CHECK(run.result.error().code == dial_errc::proxy_protocol);
    CHECK(run.result.error().message ==
          "the proxy closed the connection during the SOCKS5 handshake for 127.0.0.2:443");
  }
  CHECK(run_against_peer(socks5(ipv4_target, alice), {.reply = reply}).result.has_value());
}

TEST_CASE("socks5: an I/O failure at any point ends the handshake with the matching error") {
  const std::string reply = chose_password + password_accepted + succeeded;
  // Greeting, method, credentials, status, request, reply head, bound address.
  CHECK(testing::check_every_failure_point(socks5(ipv4_target, alice), reply,
                                           "SOCKS5 handshake for 127.0.0.2:443") == 7);
}

}  // namespace
}  // namespace geocrawl
