// What a country-vantage test hands the geocrawl binary: a config that geolocates exits with
// the test GeoIP database, verifies them against an echo route on a test origin, allows
// loopback targets, and holds the test's own [[proxy]] and [[vantage]] entries.
#pragma once

#include <string>
#include <string_view>

#include "tests/support/test_origin.hpp"

namespace geocrawl::testing {

struct geo_config {
  std::string echo_url;  // [verify] echo_url, e.g. an origin's url("/ip") serving echo_caller_ip()
  std::string proxies;   // [[proxy]] entries (proxy_entry)
  std::string vantages;  // [[vantage]] entries
  std::string more_geoip;   // further [geoip] lines, e.g. "second_database = \"...\"\n"
  int timeout_s = 5;        // limits.timeout_s, the whole view; connect and read phases get 2 s
  std::string more_verify;  // further [verify] lines, e.g. "every_s = 0.2\n"
};

// The TOML text of that config.
std::string config_toml(const geo_config& settings);

// One [[proxy]] entry.
std::string proxy_entry(std::string_view name, const std::string& url,
                        std::string_view country = "JP");

// Answers {"ip":"<the caller's address>"}, the form [verify] echo_url expects: mounted on the
// origin under test, it shows geocrawl the exit each proxy really has.
handler echo_caller_ip();

}  // namespace geocrawl::testing
