#include "crawler/config/config_fingerprint.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

constexpr std::string_view base_config = R"(
[verify]
mode = "off"
[crawl]
concurrency = 16
[[proxy]]
name = "jp-1"
url = "socks5h://crawler:first-secret@127.0.0.1:1080"
country = "JP"
[[vantage]]
name = "default"
baseline = true
[[vantage]]
name = "jp"
country = "JP"
)";

std::string fingerprint_of(std::string_view text) {
  return config_fingerprint(parse_config(text, "test.toml"));
}

std::string with(std::string_view text, std::string_view from, std::string_view to) {
  std::string changed(text);
  changed.replace(changed.find(from), from.size(), to);
  return changed;
}

}  // namespace

TEST_CASE("the fingerprint changes with what a run means, not with its pace or its proxies") {
  const auto base = fingerprint_of(base_config);
  CHECK(base.size() == 64);
  CHECK(fingerprint_of(base_config) == base);
  // Same meaning: a new password, another proxy for the country, another pace.
  CHECK(fingerprint_of(with(base_config, "first-secret", "second-secret")) == base);
  CHECK(fingerprint_of(with(base_config, "127.0.0.1:1080", "127.0.0.2:1081")) == base);
  CHECK(fingerprint_of(with(base_config, "concurrency = 16", "concurrency = 4")) == base);
  // Another meaning: a vantage, verification, limits.
  CHECK(fingerprint_of(with(base_config, "name = \"jp\"", "name = \"japan\"")) != base);
  CHECK(fingerprint_of(with(base_config, "mode = \"off\"", "mode = \"strict\"")) != base);
  CHECK(fingerprint_of(std::string(base_config) + "[limits]\nmax_redirects = 3\n") != base);
  CHECK(fingerprint_of(std::string(base_config) + "[limits]\nmax_favicon_bytes = 4096\n") != base);
}

TEST_CASE("no secret enters the fingerprint's text") {
  // The hash cannot be checked for a password directly; that a password change leaves it
  // as it is (above) shows the password is not part of what is hashed.
  const auto one = fingerprint_of(base_config);
  const auto other = fingerprint_of(with(base_config, "crawler:first-secret@", ""));
  CHECK(one == other);
}

}  // namespace geocrawl
