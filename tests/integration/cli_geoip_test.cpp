// `geocrawl geoip`, as an analyst checks a database or a proxy's exit address by hand.
#include <doctest/doctest.h>

#include <string>

#include <boost/json/parse.hpp>

#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_geoip.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {
namespace {

const std::string country_db(test_country_db);
const std::string geoip2_country_db(test_geoip2_country_db);

std::string two_database_config(const std::string& second) {
  return "[geoip]\ndatabase = \"" + country_db + "\"\nsecond_database = \"" + second + "\"\n";
}

TEST_CASE("geoip prints one line per address: the country, or - when not found, and the build") {
  const auto result = run_geocrawl({"geoip", std::string(jp_address), "2001:db8:2::1",
                                    std::string(unknown_address), "--geoip-db", country_db});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        "127.0.0.10  JP  test-country.mmdb (geocrawl-test-country 2024-06-17)\n"
        "2001:db8:2::1  US  test-country.mmdb (geocrawl-test-country 2024-06-17)\n"
        "127.0.0.1  -  test-country.mmdb (geocrawl-test-country 2024-06-17)\n");
}

TEST_CASE("geoip with a config asks both of its databases and marks where they differ") {
  const temp_file config(two_database_config(geoip2_country_db), ".toml");
  const auto result =
      run_geocrawl({"geoip", std::string(jp_address), std::string(disputed_address),
                    std::string(registered_only_address), "--config", config.path()});
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "127.0.0.10  JP  test-country.mmdb (geocrawl-test-country 2024-06-17)  JP  "
        "test-geoip2-country.mmdb (GeoIP2-Country 2024-06-17)\n"
        "127.0.0.13  JP  test-country.mmdb (geocrawl-test-country 2024-06-17)  KR  "
        "test-geoip2-country.mmdb (GeoIP2-Country 2024-06-17)  MISMATCH\n"
        "127.0.0.30  DE  test-country.mmdb (geocrawl-test-country 2024-06-17)  DE  "
        "test-geoip2-country.mmdb (GeoIP2-Country 2024-06-17)\n");
}

TEST_CASE("geoip --json gives each address's answers, null when not found") {
  const temp_file config(two_database_config(geoip2_country_db), ".toml");
  const auto result =
      run_geocrawl({"geoip", std::string(disputed_address), std::string(unknown_address),
                    "--config", config.path(), "--json"});
  CHECK(result.exit_code == 0);
  const auto addresses = boost::json::parse(result.out).as_object().at("addresses").as_array();
  REQUIRE(addresses.size() == 2);
  const auto& disputed = addresses[0].as_object();
  CHECK(disputed.at("ip").as_string() == "127.0.0.13");
  CHECK(disputed.at("country").as_string() == "JP");
  CHECK(disputed.at("database").as_string() ==
        "test-country.mmdb (geocrawl-test-country 2024-06-17)");
  CHECK(disputed.at("second_country").as_string() == "KR");
  CHECK(disputed.at("second_database").as_string() ==
        "test-geoip2-country.mmdb (GeoIP2-Country 2024-06-17)");
  const auto& unknown = addresses[1].as_object();
  CHECK(unknown.at("ip").as_string() == "127.0.0.1");
  CHECK(unknown.at("country").is_null());
  CHECK(unknown.at("second_country").is_null());
}

TEST_CASE("geoip --json with one database has no second_* keys") {
  const auto result =
      run_geocrawl({"geoip", std::string(us_address), "--geoip-db", geoip2_country_db, "--json"});
  CHECK(result.exit_code == 0);
  const auto addresses = boost::json::parse(result.out).as_object().at("addresses").as_array();
  REQUIRE(addresses.size() == 1);
  const auto& us = addresses[0].as_object();
  CHECK(us.at("country").as_string() == "US");
  CHECK(us.at("database").as_string() == "test-geoip2-country.mmdb (GeoIP2-Country 2024-06-17)");
  CHECK_FALSE(us.contains("second_country"));
  CHECK_FALSE(us.contains("second_database"));
}

TEST_CASE("geoip without a database option uses the shipped one") {
  const auto result = run_geocrawl({"geoip", "133.0.0.1"});
  CHECK_MESSAGE(result.exit_code == 0, result.err,
                " (scripts/setup.sh installs the shipped database)");
  CHECK(result.out == "133.0.0.1  JP  geo-whois-asn-country.mmdb (country ipvAll 2026-06-17)\n");
}

TEST_CASE("geoip names an argument that is not an IP address and exits 2") {
  const auto result =
      run_geocrawl({"geoip", std::string(jp_address), "example.com", "--geoip-db", country_db});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err.find("example.com is not an IP address") != std::string::npos);
}

TEST_CASE("geoip names a database it cannot open and exits 2") {
  const std::string missing = "/nonexistent/geocrawl/GeoIP2-Country.mmdb";
  SUBCASE("given with --geoip-db") {
    const auto result = run_geocrawl({"geoip", std::string(jp_address), "--geoip-db", missing});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--geoip-db: " + missing) != std::string::npos);
  }
  SUBCASE("named by the config") {
    const temp_file config(two_database_config(missing), ".toml");
    const auto result = run_geocrawl({"geoip", std::string(jp_address), "--config", config.path()});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find(config.path() + ": geoip.second_database: " + missing) !=
          std::string::npos);
  }
}

TEST_CASE("geoip refuses --config together with --geoip-db") {
  const temp_file config(two_database_config(geoip2_country_db), ".toml");
  const auto result = run_geocrawl(
      {"geoip", std::string(jp_address), "--config", config.path(), "--geoip-db", country_db});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--geoip-db and --config") != std::string::npos);
}

}  // namespace
}  // namespace geocrawl::testing
