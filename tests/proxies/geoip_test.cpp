#include "proxies/geoip.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "tests/support/capture_binding.hpp"
#include "tests/support/test_geoip.hpp"

namespace geocrawl {
namespace {

using testing::test_asn_db;
using testing::test_city_db;
using testing::test_country_db;
using testing::test_country_ipv4_db;
using testing::test_geoip2_country_db;

// "" when not found, so a failed check prints what the database said.
std::string country_of(const geoip_database& database, std::string_view address) {
  return database.country(boost::asio::ip::make_address(address)).value_or("");
}

struct lookup_case {
  std::string_view address;
  std::string_view country;  // "" when not found
};

void check_lookups(const geoip_database& database, std::span<const lookup_case> cases) {
  for (const auto& [address, country] : cases) {
    CAPTURE_BINDING(address);
    CHECK(country_of(database, address) == country);
  }
}

// Network edges included: the addresses just outside each test network are not found.
constexpr lookup_case flat_cases[] = {
    {"127.0.0.1", ""},       {"127.0.0.9", ""},       {"127.0.0.10", "JP"},
    {"127.0.0.11", "JP"},    {"127.0.0.12", "JP"},    {"127.0.0.13", "JP"},
    {"127.0.0.14", ""},      {"127.0.0.19", ""},      {"127.0.0.20", "US"},
    {"127.0.0.23", "US"},    {"127.0.0.24", ""},      {"127.0.0.30", "DE"},
    {"127.0.0.40", "FR"},    {"2001:db8:1::1", "JP"}, {"2001:db8:1:ffff:ffff:ffff:ffff:ffff", "JP"},
    {"2001:db8:2::1", "US"}, {"2001:db8:3::1", ""},   {"::1", ""},
};

constexpr lookup_case geoip2_cases[] = {
    {"127.0.0.1", ""},    {"127.0.0.10", "JP"},    {"127.0.0.12", "JP"},    {"127.0.0.13", "KR"},
    {"127.0.0.20", "US"}, {"127.0.0.23", "US"},    {"127.0.0.30", "DE"},  // registered_country only
    {"127.0.0.40", "FR"}, {"2001:db8:1::1", "JP"}, {"2001:db8:2::1", "US"}, {"2001:db8:3::1", ""},
};

constexpr lookup_case city_cases[] = {
    {"127.0.0.1", ""},    {"127.0.0.10", "JP"}, {"127.0.0.11", "JP"}, {"127.0.0.12", ""},
    {"127.0.0.20", "US"}, {"127.0.0.23", "US"}, {"127.0.0.30", ""},   {"2001:db8:1::1", ""},
};

TEST_CASE("the flat ip-location-db layout answers country_code for IPv4 and IPv6") {
  const geoip_database database{std::filesystem::path(test_country_db)};
  check_lookups(database, flat_cases);
}

TEST_CASE("the GeoIP2 Country layout answers country.iso_code, else registered_country.iso_code") {
  const geoip_database database{std::filesystem::path(test_geoip2_country_db)};
  check_lookups(database, geoip2_cases);
}

TEST_CASE("the GeoIP2 City layout answers its country") {
  const geoip_database database{std::filesystem::path(test_city_db)};
  check_lookups(database, city_cases);
}

TEST_CASE("an IPv4-mapped IPv6 address is looked up as the IPv4 address it is") {
  const geoip_database database{std::filesystem::path(test_country_db)};
  CHECK(country_of(database, "::ffff:127.0.0.10") == "JP");
  CHECK(country_of(database, "::ffff:127.0.0.20") == "US");
  CHECK(country_of(database, "::ffff:127.0.0.1").empty());
}

TEST_CASE("an IPv6 address is not found in an IPv4-only database") {
  const geoip_database database{std::filesystem::path(test_country_ipv4_db)};
  CHECK(country_of(database, "127.0.0.10") == "JP");
  CHECK(country_of(database, "2001:db8:1::1").empty());
  CHECK(country_of(database, "::ffff:127.0.0.10") == "JP");
}

// A time zone east of UTC, where 23:30 UTC on the 17th is already the 18th.
class east_of_utc {
 public:
  east_of_utc() {
    if (const char* tz = std::getenv("TZ")) saved_ = tz;
    setenv("TZ", "JST-9", 1);
    tzset();
  }
  ~east_of_utc() {
    if (saved_) {
      setenv("TZ", saved_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  east_of_utc(const east_of_utc&) = delete;
  east_of_utc& operator=(const east_of_utc&) = delete;

 private:
  std::optional<std::string> saved_;
};

TEST_CASE("build() names the database type and its UTC build date") {
  const east_of_utc tokyo;
  CHECK(geoip_database(std::filesystem::path(test_country_db)).build() ==
        "test-country.mmdb (geocrawl-test-country 2024-06-17)");
  CHECK(geoip_database(std::filesystem::path(test_geoip2_country_db)).build() ==
        "test-geoip2-country.mmdb (GeoIP2-Country 2024-06-17)");
  CHECK(geoip_database(std::filesystem::path(test_city_db)).build() ==
        "test-city.mmdb (GeoIP2-City 2024-06-17)");
  const std::filesystem::path file(test_country_db);
  CHECK(geoip_database(file).file() == file);
}

std::string open_error(const std::filesystem::path& file) {
  try {
    geoip_database database(file);
  } catch (const geoip_error& error) {
    return error.what();
  }
  return "(opened)";
}

TEST_CASE("a file that cannot be opened as a GeoIP database is an error naming it") {
  const std::filesystem::path missing = "/nonexistent/geocrawl/GeoIP2-Country.mmdb";
  const auto missing_error = open_error(missing);
  CHECK(missing_error.find(missing.string()) != std::string::npos);
  CHECK(missing_error.find("No such file or directory") != std::string::npos);

  const std::filesystem::path text = GEOCRAWL_SOURCE_DIR "/data/geoip/README.md";
  REQUIRE(std::filesystem::exists(text));
  const auto text_error = open_error(text);
  CHECK(text_error.find(text.string()) != std::string::npos);
  CHECK(text_error.find("metadata") != std::string::npos);
}

TEST_CASE("a database moves, and the moved-to one answers") {
  geoip_database flat{std::filesystem::path(test_country_db)};
  geoip_database moved(std::move(flat));
  CHECK(country_of(moved, "127.0.0.13") == "JP");
  CHECK(moved.build() == "test-country.mmdb (geocrawl-test-country 2024-06-17)");

  geoip_database geoip2{std::filesystem::path(test_geoip2_country_db)};
  moved = std::move(geoip2);
  CHECK(country_of(moved, "127.0.0.13") == "KR");
  CHECK(moved.build() == "test-geoip2-country.mmdb (GeoIP2-Country 2024-06-17)");
  CHECK(moved.file() == std::filesystem::path(test_geoip2_country_db));
}

// The shipped file is pinned by hash in scripts/fetch_geoip.sh, so its answers and metadata
// are fixed too.
TEST_CASE("the shipped database is installed and places a Japanese network in Japan") {
  const auto shipped = shipped_geoip_database();
  if (!std::filesystem::exists(shipped)) {
    FAIL(shipped.string() << " is missing: run scripts/setup.sh, which installs it");
  }
  const geoip_database database(shipped);
  CHECK(country_of(database, "133.0.0.1") == "JP");  // WIDE Project, 133.0.0.0/8
  CHECK(database.build() == "geo-whois-asn-country.mmdb (country ipvAll 2026-06-17)");
}

}  // namespace
TEST_CASE("an ASN database gives the autonomous system number, and none where it has none") {
  const geoip_database asn(std::string{test_asn_db});
  const auto number = [&](std::string_view address) {
    return asn.autonomous_system(boost::asio::ip::make_address(address));
  };
  CHECK(number("127.0.0.1") == 64500u);
  CHECK(number("127.0.0.2") == 64500u);
  CHECK(number("127.0.0.21") == 64501u);
  CHECK(number("2001:db8:1::5") == 4200000001u);
  // IPv4-mapped IPv6 is the IPv4 address.
  CHECK(number("::ffff:127.0.0.1") == 64500u);
  CHECK_FALSE(number("127.0.0.30"));  // a record without a number
  CHECK_FALSE(number("127.0.0.99"));  // not in it
  // A country database has no AS numbers: none, not an error.
  const geoip_database country(std::string{test_country_db});
  CHECK_FALSE(country.autonomous_system(boost::asio::ip::make_address("127.0.0.10")));
}

}  // namespace geocrawl
