#include "crawler/config.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

std::string error_of(std::string_view text) {
  try {
    parse_config(text, "test.toml");
  } catch (const config_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the built-in default is one direct baseline vantage") {
  const auto settings = default_config();
  REQUIRE(settings.vantages.size() == 1);
  CHECK(settings.vantages[0].name == "direct");
  CHECK(settings.vantages[0].baseline);
  CHECK(settings.tls.verify);
  CHECK(settings.allow_networks.empty());
}

TEST_CASE("a full config is read") {
  const auto settings = parse_config(R"(
[tls]
verify = false
ca_file = "/etc/ca.pem"

[limits]
timeout_s = 0.5
connect_timeout_s = 2
read_timeout_s = 3
max_body_bytes = 2048
max_header_bytes = 4096
max_redirects = 3
allow_networks = ["127.0.0.0/8", "::1/128"]

[[vantage]]
name = "default"
baseline = true

[[vantage]]
name = "googlebot"
user_agent = "Googlebot/2.1"
accept_language = "ja-JP"
referer = "https://www.google.co.jp/"
)",
                                     "test.toml");
  CHECK_FALSE(settings.tls.verify);
  CHECK(settings.tls.ca_file == "/etc/ca.pem");
  CHECK(settings.limits.view_timeout == std::chrono::milliseconds(500));
  CHECK(settings.limits.connect_timeout == std::chrono::seconds(2));
  CHECK(settings.limits.read_timeout == std::chrono::seconds(3));
  CHECK(settings.limits.max_body_bytes == 2048);
  CHECK(settings.limits.max_header_bytes == 4096);
  CHECK(settings.limits.max_redirects == 3);
  REQUIRE(settings.allow_networks.size() == 2);
  CHECK(settings.allow_networks[1].to_string() == "::1/128");
  REQUIRE(settings.vantages.size() == 2);
  CHECK(settings.vantages[1].profile.user_agent == "Googlebot/2.1");
  CHECK(settings.vantages[1].profile.accept_language == "ja-JP");
  CHECK(settings.vantages[1].profile.referer == "https://www.google.co.jp/");
  CHECK(settings.vantages[1].profile.accept_encoding == request_profile{}.accept_encoding);
}

TEST_CASE("mistakes name the file, line and key") {
  struct example {
    const char* text;
    const char* message;
  };
  const example examples[] = {
      {"[limits]\nmax_redirects = \"ten\"\n", "test.toml:2: limits.max_redirects: expected an integer"},
      {"[limits]\n\nmax_redirects = 1000\n", "test.toml:3: limits.max_redirects: must be between 0 and 100"},
      {"[limits]\ntimeout_s = -1\n", "test.toml:2: limits.timeout_s: must be more than 0"},
      {"[limits]\nallow_networks = [\"10.0.0.1/8\"]\n", "test.toml:2: limits.allow_networks: host bits set"},
      {"[tls]\nverfy = false\n", "test.toml:2: tls.verfy: unknown key"},
      {"colour = 1\n", "test.toml:1: colour: unknown key"},
      {"[[proxy]]\nname = \"jp1\"\n", "test.toml:1: proxy: is not supported by this version of geocrawl yet"},
      {"[[vantage]]\nname = \"jp\"\ncountry = \"JP\"\n", "test.toml:3: vantage[0].country: needs proxies"},
      {"[[vantage]]\nname = \"Bad Name\"\n", "test.toml:1: vantage[0].name: required"},
      {"[[vantage]]\nname = \"a\"\n[[vantage]]\nname = \"a\"\n", "vantage[1].name: duplicate vantage name 'a'"},
      {"[[vantage]]\nname = \"a\"\nbaseline = true\n[[vantage]]\nname = \"b\"\nbaseline = true\n",
       "only one vantage can have baseline = true"},
      {"[limits\n", "test.toml:1: "},
      {"tls = 3\n", "test.toml:1: tls: expected a table [tls]"},
  };
  for (const auto& [text, message] : examples) {
    CAPTURE(text);
    const auto error = error_of(text);
    CHECK(error.find(message) != std::string::npos);
  }
}

TEST_CASE("load_config names a file it cannot open") {
  CHECK_THROWS_WITH_AS(load_config("/nonexistent/geocrawl.toml"),
                       "/nonexistent/geocrawl.toml: cannot open the config file", config_error);
}

}  // namespace geocrawl

namespace geocrawl {

TEST_CASE("the shipped example config is valid") {
  const auto settings = load_config(GEOCRAWL_SOURCE_DIR "/config/geocrawl.example.toml");
  CHECK(settings.vantages.size() == 4);
  CHECK(settings.vantages[0].baseline);
  CHECK(settings.limits.max_redirects == 20);
}

}  // namespace geocrawl
