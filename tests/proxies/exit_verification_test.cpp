#include "proxies/exit_verification.hpp"

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {

TEST_CASE("the exit address is read from plain-text and JSON echo answers") {
  struct example {
    const char* body;
    const char* address;  // "" when no address can be read
  };
  const example examples[] = {
      {"203.0.113.7", "203.0.113.7"},
      {"  203.0.113.7\r\n", "203.0.113.7"},
      {"2001:db8::1\n", "2001:db8::1"},
      {R"({"ip":"198.51.100.4"})", "198.51.100.4"},
      {R"({"country":"JP", "ip": "2001:db8::5", "asn": 1})", "2001:db8::5"},
      {R"({"origin": "192.0.2.1"})", "192.0.2.1"},
      {R"({"origin": "192.0.2.1, 192.0.2.2"})", ""},
      {R"({"ip": 7})", ""},
      {R"(["203.0.113.7"])", ""},
      {"{\"ip\":", ""},
      {"<html>203.0.113.7</html>", ""},
      {"203.0.113.7 203.0.113.8", ""},
      {"", ""},
      {"999.1.1.1", ""},
  };
  for (const auto& [body, address] : examples) {
    CAPTURE_BINDING(body);
    const auto parsed = parse_echo_body(body);
    if (*address == '\0') {
      CHECK_FALSE(parsed);
    } else {
      REQUIRE(parsed);
      CHECK(parsed->to_string() == address);
    }
  }
  CHECK_FALSE(parse_echo_body(std::string(10000, ' ') + "203.0.113.7"));
}

TEST_CASE(
    "an exit is ok only in the declared country, and with two databases only when they agree") {
  const auto located = [](std::optional<std::string> first, bool has_second = false,
                          std::optional<std::string> second = std::nullopt) {
    exit_location location;
    location.country = std::move(first);
    location.build = "db-one 2026-01-01";
    location.has_second = has_second;
    location.second_country = std::move(second);
    location.second_build = "db-two 2026-02-02";
    return location;
  };
  CHECK(judge_exit("JP", located("JP"), true).status == proxy_status::ok);
  CHECK(judge_exit("JP", located("JP", true, "JP"), true).status == proxy_status::ok);

  const auto elsewhere = judge_exit("JP", located("US"), true);
  CHECK(elsewhere.status == proxy_status::mismatch);
  CHECK(elsewhere.reason == "exits in US, declared JP");

  const auto disagree = judge_exit("JP", located("JP", true, "KR"), true);
  CHECK(disagree.status == proxy_status::mismatch);
  CHECK(disagree.reason ==
        "the databases disagree: JP in db-one 2026-01-01, KR in db-two 2026-02-02");
  CHECK(judge_exit("JP", located("JP", true, std::nullopt), true).status == proxy_status::mismatch);

  const auto unknown = judge_exit("JP", located(std::nullopt), true);
  CHECK(unknown.status == proxy_status::mismatch);
  CHECK(unknown.reason == "the exit address is not in db-one 2026-01-01");

  const auto own_address = judge_exit("JP", located("JP"), false);
  CHECK(own_address.status == proxy_status::unverified);
  CHECK(own_address.reason.find("echo_url") != std::string::npos);
}

}  // namespace geocrawl
