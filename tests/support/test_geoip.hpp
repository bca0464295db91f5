#pragma once
// The GeoIP databases tests use. tests/support/make_test_geoip.pl writes them at build time
// into GEOCRAWL_TEST_GEOIP_DIR (tests/CMakeLists.txt), all built "2024-06-17" (UTC). Tests
// across the tree depend on exactly these answers:
//
//   address            test-country  test-geoip2-country  test-city
//   127.0.0.1          -             -                    -
//   127.0.0.10, .11    JP            JP                   JP, city Tokyo
//   127.0.0.12         JP            JP                   -
//   127.0.0.13         JP            KR (1)               -
//   127.0.0.20 - .23   US            US                   US, city Ashburn
//   127.0.0.30         DE            DE (2)               -
//   127.0.0.40         FR            FR                   -
//   2001:db8:1::/48    JP            JP                   -
//   2001:db8:2::/48    US            US                   -
//
// (1) The two country databases disagree here: a second-database mismatch.
// (2) Only registered_country, no country key: the fallback.
//
// Nothing else is in them. test-country-ipv4 is test-country's IPv4 part as an IPv4-only
// database (ip_version 4).
//
// test-asn (GeoLite2-ASN layout: autonomous_system_number, autonomous_system_organization):
// 127.0.0.1 and 127.0.0.2 AS64500, 127.0.0.20 - .23 AS64501, 127.0.0.30 a record with no
// number, 2001:db8:1::/48 AS4200000001; nothing else.
#include <string_view>

namespace geocrawl::testing {

// Flat ip-location-db layout {country_code}; database_type "geocrawl-test-country".
inline constexpr std::string_view test_country_db = GEOCRAWL_TEST_GEOIP_DIR "/test-country.mmdb";
inline constexpr std::string_view test_country_ipv4_db =
    GEOCRAWL_TEST_GEOIP_DIR "/test-country-ipv4.mmdb";
// GeoIP2 Country layout; database_type "GeoIP2-Country".
inline constexpr std::string_view test_geoip2_country_db =
    GEOCRAWL_TEST_GEOIP_DIR "/test-geoip2-country.mmdb";
// GeoIP2 City layout; database_type "GeoIP2-City".
inline constexpr std::string_view test_city_db = GEOCRAWL_TEST_GEOIP_DIR "/test-city.mmdb";
// GeoLite2-ASN layout; database_type "GeoLite2-ASN".
inline constexpr std::string_view test_asn_db = GEOCRAWL_TEST_GEOIP_DIR "/test-asn.mmdb";

// Addresses with a role in the table above.
inline constexpr std::string_view jp_address = "127.0.0.10";
inline constexpr std::string_view us_address = "127.0.0.20";
inline constexpr std::string_view disputed_address = "127.0.0.13";  // JP in one, KR in the other
inline constexpr std::string_view registered_only_address = "127.0.0.30";  // DE
inline constexpr std::string_view unknown_address = "127.0.0.1";

// Whether test-country places this loopback address in Japan (127.0.0.10 - .13): how a test
// origin tells a verified JP exit from every other visitor.
inline bool jp_in_test_country(std::string_view address) {
  return address == "127.0.0.10" || address == "127.0.0.11" || address == "127.0.0.12" ||
         address == "127.0.0.13";
}

}  // namespace geocrawl::testing
