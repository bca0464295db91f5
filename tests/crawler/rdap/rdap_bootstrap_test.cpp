#include "crawler/rdap/rdap_bootstrap.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

// Shaped like IANA's dns.json: [[entries], [URLs]] per service.
constexpr std::string_view sample = R"({
  "description": "test bootstrap",
  "publication": "2026-01-02T03:04:05Z",
  "version": "1.0",
  "services": [
    [["com", "net"], ["http://rdap.example/com/", "https://rdap.example/com/"]],
    [["uk"], ["https://rdap.uk.example/uk"]],
    [["co.uk"], ["https://rdap.couk.example/"]],
    [["plain"], ["http://rdap.plain.example/"]]
  ]
})";

rdap_bootstrap sample_bootstrap() {
  auto parsed = rdap_bootstrap::parse(sample);
  REQUIRE(parsed.has_value());
  return *parsed;
}

}  // namespace

TEST_CASE("rdap_bootstrap: a domain's server is the entry of its longest matching labels") {
  const auto bootstrap = sample_bootstrap();
  struct row {
    std::string_view domain;
    std::optional<std::string> base;
  };
  const row rows[] = {
      {"example.com", "https://rdap.example/com/"},
      {"EXAMPLE.COM", "https://rdap.example/com/"},   // case-insensitive
      {"example.com.", "https://rdap.example/com/"},  // a trailing dot is the same name
      {"shop.example.net", "https://rdap.example/com/"},
      {"example.co.uk", "https://rdap.couk.example/"},    // co.uk is longer than uk
      {"example.org.uk", "https://rdap.uk.example/uk/"},  // a missing '/' is added
      {"example.plain", "http://rdap.plain.example/"},    // http only when that is all there is
      {"example.org", std::nullopt},
      {"com.example", std::nullopt},
  };
  for (const auto& expected : rows) {
    CAPTURE(expected.domain);
    CHECK(bootstrap.base_url_for(expected.domain) == expected.base);
  }
  CHECK(bootstrap.publication() == "2026-01-02T03:04:05Z");
}

TEST_CASE("rdap_bootstrap: a file that is not a bootstrap registry is refused with a reason") {
  CHECK(rdap_bootstrap::parse("not json").error().starts_with("not JSON"));
  CHECK(rdap_bootstrap::parse("{}").error() == "no \"services\" array");
  CHECK(rdap_bootstrap::parse(R"({"services": [["com"]]})").error() ==
        "a service is not [[entries], [URLs]]");
}

TEST_CASE("rdap_bootstrap: the shipped copy names the registries of .com and .org") {
  const auto shipped = load_rdap_bootstrap(shipped_rdap_bootstrap());
  CHECK(shipped.base_url_for("example.com") == "https://rdap.verisign.com/com/v1/");
  CHECK(shipped.base_url_for("example.org").has_value());
  CHECK_FALSE(shipped.publication().empty());
}

}  // namespace geocrawl
