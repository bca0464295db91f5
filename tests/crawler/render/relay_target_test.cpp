// What the relay reads as a destination from a request line a page can make Chromium send.
#include "crawler/render/relay_target.hpp"

#include <doctest/doctest.h>

#include "crawler/view/relay_request_log.hpp"

#include <string>
#include <vector>

namespace geocrawl {

TEST_CASE("relay_target: CONNECT host:port") {
  struct row {
    std::string text;
    std::string host;
    std::uint16_t port;
    std::string authority;
  };
  const std::vector<row> accepted = {
      {"example.com:443", "example.com", 443, "example.com:443"},
      {"Shop.EXAMPLE:8443", "shop.example", 8443, "shop.example:8443"},
      {"127.0.0.1:1", "127.0.0.1", 1, "127.0.0.1:1"},
      {"[2001:db8::1]:443", "2001:db8::1", 443, "[2001:db8::1]:443"},
  };
  // Named fields, not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
  for (const auto& expected : accepted) {
    CAPTURE(expected.text);
    const auto target = parse_connect_target(expected.text);
    REQUIRE(target.has_value());
    CHECK(target->host == expected.host);
    CHECK(target->port == expected.port);
    CHECK(target->authority == expected.authority);
    CHECK(target->origin_form.empty());
  }
  const std::vector<std::string> refused = {
      "example.com",
      "example.com:",
      "example.com:0",
      "example.com:65536",
      "user@example.com:443",
      "example.com:443/path",
      "",
      ":443",
      "http://example.com:443",
  };
  for (const auto& text : refused) {
    CAPTURE(text);
    CHECK_FALSE(parse_connect_target(text).has_value());
  }
}

TEST_CASE("relay_target: absolute-form http:// requests") {
  auto target = parse_forward_target("http://Example.com/a/b?c=d");
  REQUIRE(target.has_value());
  CHECK(target->host == "example.com");
  CHECK(target->port == 80);
  CHECK(target->authority == "example.com:80");
  CHECK(target->origin_form == "/a/b?c=d");

  target = parse_forward_target("http://[::1]:8080");
  REQUIRE(target.has_value());
  CHECK(target->host == "::1");
  CHECK(target->authority == "[::1]:8080");
  CHECK(target->origin_form == "/");

  const std::vector<std::string> refused = {
      "/origin-form",
      "https://example.com/",
      "ftp://example.com/",
      "http://user:pw@example.com/",
      "http://example.com:0/",
      "http:///path",
      "http://example.com/#fragment",
      "example.com",
  };
  for (const auto& text : refused) {
    CAPTURE(text);
    CHECK_FALSE(parse_forward_target(text).has_value());
  }
}

TEST_CASE("relay_request_log: outcomes have stable words, refusals count as blocked") {
  CHECK(to_string(relay_outcome::blocked_address) == "blocked_address");
  CHECK(to_string(relay_outcome::relay_stopped) == "relay_stopped");
  CHECK(to_string(relay_method::connect) == "connect");
  CHECK(is_blocked(relay_outcome::blocked_address));
  CHECK(is_blocked(relay_outcome::bad_destination));
  CHECK(is_blocked(relay_outcome::malformed_request));
  CHECK_FALSE(is_blocked(relay_outcome::relayed));
  CHECK_FALSE(is_blocked(relay_outcome::dial_failed));
}

}  // namespace geocrawl
